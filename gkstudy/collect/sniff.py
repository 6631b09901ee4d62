"""What a downloaded file really is, from its first bytes (magic numbers) rather than its URL or its
Content-Type: a ``.pdf`` link that returns the site's HTML error page must not be saved as a PDF."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

SNIFF_BYTES = 1024  # enough for every signature below and for an HTML page's opening tags
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|script|div|p|table|"
                         rb"h1|br|style|link)\b", re.I | re.S)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003, Excel 97–2003, WPS
# Suffixes each kind may be saved with; the first is used when the link's own suffix does not fit
# (so .shtml, .jsp … pages are saved as .html, which extract reads).
KIND_SUFFIXES = {"pdf": (".pdf",), "ole": (".doc", ".xls", ".wps"), "docx": (".docx",), "xlsx": (".xlsx",),
                 "zip": (".zip",), "html": (".html", ".htm"), "text": (".txt",)}


def sniff_kind(head: bytes) -> str:
    """pdf, ole, zip (docx/xlsx/zip until the archive is looked into), html, text or unknown."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if head.lstrip()[:5] == b"%PDF-" or head[:1024].find(b"%PDF-") >= 0:
        return "pdf"  # a few servers put junk before the header; readers accept it within 1 KB
    if head.startswith(_OLE2):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if _HTML_START.match(head):
        return "html"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "unknown"
    return "text" if head and b"\x00" not in head else "unknown"


def zip_kind(path: Path) -> str:
    """docx, xlsx or zip, by the archive's member names (no member is extracted)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def suffix_for(kind: str, url_suffix: str) -> str:
    """The suffix to save a file of ``kind`` with: the URL's own when it fits the bytes."""
    allowed = KIND_SUFFIXES.get(kind)
    if not allowed:
        return url_suffix or ".bin"
    return url_suffix if url_suffix in allowed else allowed[0]
