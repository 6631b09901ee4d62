"""Bytes of a saved web page -> text, with the page's declared charset checked against its bytes.

Government pages declare ``gb2312``/``gbk`` while serving UTF-8, or ``utf-8`` while serving
GB18030 (CMS templates copied between sites). A declaration is believed only where the bytes
agree with it: valid multi-byte UTF-8 is practically never GBK text, so it wins over a GBK/legacy
declaration; a single-byte Western declaration never covers Chinese text, so it is ignored
whenever non-ASCII bytes occur; everything else goes to :func:`decode_text`, which trusts a
declaration only if the bytes decode in it.
"""

from __future__ import annotations

import codecs
import re

from gkstudy.readers.encoding import decode_text

SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# GB2312 and GBK pages routinely hold characters only their superset has.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "hz": "gb18030"}


def declared_charset(data: bytes) -> str | None:
    """The charset the page declares (meta tag or XML declaration), normalised, or None."""
    head = data[:SNIFF_BYTES]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _SUPERSET.get(name, name)


def believable(data: bytes, declared: str | None) -> str | None:
    """``declared`` if the bytes could be in it, else None (let the bytes decide)."""
    if declared is None or data.isascii():
        return declared
    if declared not in ("utf-8", "utf-8-sig") and _is_multibyte_utf8(data):
        return "utf-8"
    if _single_byte(declared):
        return None
    return declared


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding actually used)."""
    return decode_text(data, believable(data, declared_charset(data)))


def _is_multibyte_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True  # not ASCII (checked by the caller) and valid: multi-byte sequences present


def _single_byte(name: str) -> bool:
    try:
        "中".encode(name)
        return False
    except (UnicodeEncodeError, LookupError):
        return True  # cannot encode Chinese at all: not the page's real charset
