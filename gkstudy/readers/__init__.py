"""One reader per input format; each turns a file into a :class:`~gkstudy.core.document.Document`."""

from __future__ import annotations

from pathlib import Path

from gkstudy.core.document import Document, ReportError

FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "txt"}
# Scans and photos of report pages, read by OCR (readers/ocr).
FORMATS.update(dict.fromkeys((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "image"))


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        hint = "; save it as .docx first (e.g. soffice --headless --convert-to docx)" if suffix in (".doc", ".wps") else ""
        raise ValueError(f"unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(FORMATS)}{hint}")
    return FORMATS[suffix]


def read_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read one report file; raises ReportError for files that are not readable reports."""
    fmt = format_of(path)
    if data is None:
        data = Path(path).read_bytes()
    if not data:
        raise ReportError("failed", "empty file (0 bytes)")
    if fmt == "txt":
        from gkstudy.readers.txt import read_txt

        return read_txt(str(path), data)
    if fmt == "pdf":
        from gkstudy.readers.pdf.reader import read_pdf

        return read_pdf(str(path), data)
    if fmt == "image":
        from gkstudy.readers.ocr.sources import read_image_file

        return read_image_file(str(path), data)
    if fmt == "docx":
        from gkstudy.readers.docx.reader import read_docx

        return read_docx(str(path), data)
    from gkstudy.readers.html.reader import read_html

    return read_html(str(path), data)
