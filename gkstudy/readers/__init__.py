"""One reader per input format; each turns a file into a :class:`~gkstudy.core.document.Document`."""

from __future__ import annotations

from pathlib import Path

from gkstudy.core.document import Document, ReportError

FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "txt"}
# Spreadsheets (readers/spreadsheet.py): read in Python. WPS's .et is read as the .xls it holds.
SPREADSHEETS = {".xlsx": "xlsx", ".xls": "xls", ".ods": "ods", ".et": "et"}
FORMATS.update(SPREADSHEETS)
# Other word processors' files (readers/convert.py): .docm directly, the rest through LibreOffice.
WORD_OTHER = {".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt", ".docm": "docm"}
FORMATS.update(WORD_OTHER)


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(FORMATS)}")
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
    if fmt in SPREADSHEETS.values():
        from gkstudy.readers.spreadsheet import read_spreadsheet

        return read_spreadsheet(str(path), data, fmt)
    if fmt in WORD_OTHER.values():
        from gkstudy.readers.convert import read_converted

        return read_converted(str(path), data, fmt)
    if fmt == "docx":
        from gkstudy.readers.docx.reader import read_docx

        return read_docx(str(path), data)
    from gkstudy.readers.html.reader import read_html

    return read_html(str(path), data)
