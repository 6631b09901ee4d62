"""Check a zip-based file from the internet (DOCX) before any parser touches it.

A DOCX is a zip archive: it can be a decompression bomb (a few MB that inflate to GBs), and its
XML parts can declare a DOCTYPE with entities (external entities read local files; nested ones
expand exponentially). We refuse both here, so the XML parser later never sees a DTD at all:

* declared sizes: entry count, total uncompressed size and per-entry compression ratio, read from
  the central directory without inflating anything;
* actual sizes: every entry is inflated as a stream with a running cap, because declared sizes
  can lie; inflation stops as soon as the cap is passed;
* markup: no part may contain ``<!DOCTYPE`` or ``<!ENTITY`` (in UTF-8 or UTF-16).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from gkstudy.core.document import ReportError
from gkstudy.core.normalize import one_line

CHUNK = 1 << 16
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office writes a password-protected DOCX as an OLE2 container holding this stream.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_FORBIDDEN = (b"<!doctype", b"<!entity")
_FORBIDDEN_ALL = tuple(m for f in _FORBIDDEN for m in (f, f.decode().encode("utf-16-le"), f.decode().encode("utf-16-be")))
_OVERLAP = max(len(m) for m in _FORBIDDEN_ALL)


@dataclass(frozen=True)
class ZipLimits:
    """Caps for one archive. A real annual report DOCX is well under 20 MB inflated."""

    max_entries: int = 2000
    max_total: int = 200 * 1024 * 1024  # bytes inflated, all entries together
    max_ratio: int = 200  # uncompressed / compressed, for entries big enough to matter
    ratio_floor: int = 1024 * 1024  # entries smaller than this may compress as well as they like


DEFAULT_LIMITS = ZipLimits()


def open_zip(data: bytes, kind: str = "DOCX") -> zipfile.ZipFile:
    """The archive, or ReportError('failed') saying why the bytes are not a usable zip."""
    if data.startswith(OLE2_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise ReportError("failed", f"encrypted {kind}: needs a password (save an unprotected copy)")
        raise ReportError("failed", f"not a {kind}: old Word 97-2003 .doc file (save it as .docx)")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReportError("failed", f"corrupt {kind}: not a zip archive") from None
    except (OSError, ValueError, EOFError) as exc:
        raise ReportError("failed", f"corrupt {kind}: unreadable zip ({_one_line(exc)})") from None


def check_declared(zf: zipfile.ZipFile, limits: ZipLimits = DEFAULT_LIMITS, kind: str = "DOCX") -> None:
    """Refuse by what the central directory declares, before inflating a byte."""
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise ReportError("failed", f"refused {kind}: {len(infos)} zip entries (limit {limits.max_entries})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReportError("failed", f"encrypted {kind}: zip entry {info.filename!r} needs a password")
        total += info.file_size
        if total > limits.max_total:
            raise ReportError("failed", f"refused {kind}: zip bomb (declares more than {_mb(limits.max_total)} uncompressed)")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(1, info.compress_size):
            raise ReportError("failed", f"refused {kind}: zip bomb (entry {info.filename!r} compressed "
                                        f"{info.file_size // max(1, info.compress_size)}:1)")


def check_inflated(zf: zipfile.ZipFile, limits: ZipLimits = DEFAULT_LIMITS, kind: str = "DOCX") -> None:
    """Inflate every entry as a stream under a running cap, scanning for DTD markup on the way."""
    total = 0
    for info in zf.infolist():
        if info.is_dir():
            continue
        tail = b""
        try:
            with zf.open(info) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > limits.max_total:
                        raise ReportError("failed", f"refused {kind}: zip bomb (inflates past {_mb(limits.max_total)})")
                    window = (tail + chunk).lower()
                    if any(m in window for m in _FORBIDDEN_ALL):
                        raise ReportError("failed", f"refused {kind}: part {info.filename!r} declares a DOCTYPE/ENTITY "
                                                    "(XML entity attack)")
                    tail = window[-_OVERLAP:]
        except ReportError:
            raise
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise ReportError("failed", f"corrupt {kind}: zip entry {info.filename!r} unreadable "
                                        f"({_one_line(exc)})") from None


def guard_zip(data: bytes, limits: ZipLimits = DEFAULT_LIMITS, kind: str = "DOCX") -> None:
    """Raise ReportError unless ``data`` is a zip that is safe to hand to an XML package reader."""
    with open_zip(data, kind) as zf:
        check_declared(zf, limits, kind)
        check_inflated(zf, limits, kind)


def _mb(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _one_line(exc: BaseException) -> str:
    return one_line(exc) or type(exc).__name__
