"""One reader per input format; each turns a file into a :class:`~gkstudy.core.document.Document`.

``READERS`` is the registry every format list comes from (the suffixes read, the CLI help, the
batch's folder walker and skipped-file count, the notebooks' input list, the docs a test checks).
Adding a reader means adding its module and one entry here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from gkstudy.core.document import Document, ReportError


@dataclass(frozen=True)
class Reader:
    format: str  # the value of reports.csv's ``format`` column
    suffixes: tuple[str, ...]  # lower-case file suffixes read by it
    module: str  # imported only when a file of the format is read (keeps start-up light)
    function: str  # ``function(path: str, data: bytes) -> Document`` (``takes_format``: also the format)
    takes_format: bool = False  # one function reads several formats (spreadsheets, converted Word files)

    def load(self):
        return getattr(importlib.import_module(self.module), self.function)


_SPREADSHEET = ("gkstudy.readers.spreadsheet", "read_spreadsheet", True)  # python-calamine, in Python
_CONVERTED = ("gkstudy.readers.convert", "read_converted", True)  # .docm directly, the rest via LibreOffice
READERS = (
    Reader("pdf", (".pdf",), "gkstudy.readers.pdf.reader", "read_pdf"),
    Reader("docx", (".docx",), "gkstudy.readers.docx.reader", "read_docx"),
    Reader("html", (".html", ".htm"), "gkstudy.readers.html.reader", "read_html"),
    Reader("txt", (".txt",), "gkstudy.readers.txt", "read_txt"),
    Reader("xlsx", (".xlsx",), *_SPREADSHEET),
    Reader("xls", (".xls",), *_SPREADSHEET),
    Reader("ods", (".ods",), *_SPREADSHEET),
    Reader("et", (".et",), *_SPREADSHEET),  # WPS's spreadsheet: read as the .xls it holds
    Reader("doc", (".doc",), *_CONVERTED),
    Reader("wps", (".wps",), *_CONVERTED),
    Reader("rtf", (".rtf",), *_CONVERTED),
    Reader("odt", (".odt",), *_CONVERTED),
    Reader("docm", (".docm",), *_CONVERTED),
    # Scans and photos of report pages, read by OCR (readers/ocr).
    Reader("image", (".png", ".jpg", ".jpeg", ".tif", ".tiff"), "gkstudy.readers.ocr.sources", "read_image_file"),
)
FORMATS = {suffix: r.format for r in READERS for suffix in r.suffixes}  # suffix -> format
_BY_FORMAT = {r.format: r for r in READERS}

# Other files a folder of reports may hold that could be reports in a format not read (the batch
# summary counts them); a README or a manifest beside the reports is not worth a word.
OTHER_REPORT_TYPES = frozenset({".ofd", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".zip", ".rar", ".7z", ".mht",
                                ".mhtml"}) - set(FORMATS)


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
    reader = _BY_FORMAT[fmt]
    if reader.takes_format:
        return reader.load()(str(path), data, fmt)
    return reader.load()(str(path), data)
