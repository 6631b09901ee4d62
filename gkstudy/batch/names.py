"""File names that are not valid UTF-8, made into text that a CSV file can hold and a person can
turn back into the name's bytes.

On Linux a name is bytes; Python hands undecodable bytes over as lone surrogates, which no UTF-8
file can hold (``UnicodeEncodeError … surrogates not allowed``). Zips made on Chinese Windows and
unpacked with ``unzip`` give GBK names, so such a name is read as GB18030 (a superset of GBK) when
it decodes as that; any other name is escaped. ``source_file_encoding`` in reports.csv says which
was done, and :func:`name_to_bytes` undoes it (docs/DATA_CONTRACT.md gives the recipe).
"""

from __future__ import annotations

import os
import re

UTF8 = ""  # the name was valid UTF-8 and is shown as it is
GB18030 = "gb18030"  # source_file.encode("gb18030") gives the name's bytes
ESCAPED = "escaped"  # backslashes doubled, every other undecodable byte written \xNN

_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2})")


def text_to_name(path_text: str) -> tuple[str, str]:
    """(text for the CSV files, how it was made: UTF8, GB18030 or ESCAPED) of a path as Python
    gives it (undecodable bytes as surrogates, see ``os.fsdecode``)."""
    raw = os.fsencode(path_text)
    try:
        return raw.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), GB18030
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", "surrogateescape").replace("\\", "\\\\")
    return "".join(f"\\x{ord(ch) - 0xDC00:02x}" if 0xDC80 <= ord(ch) <= 0xDCFF else ch for ch in text), ESCAPED


def name_to_bytes(text: str, encoding: str) -> bytes:
    """The name's bytes back from ``source_file`` and ``source_file_encoding``."""
    if encoding == GB18030:
        return text.encode("gb18030")
    if encoding == ESCAPED:
        out = bytearray()
        pos = 0
        for m in _ESCAPE.finditer(text):
            out += text[pos:m.start()].encode("utf-8")
            out += b"\\" if m.group(1) == "\\" else bytes([int(m.group(1)[1:], 16)])
            pos = m.end()
        return bytes(out + text[pos:].encode("utf-8"))
    return text.encode("utf-8")
