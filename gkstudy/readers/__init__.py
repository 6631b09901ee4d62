"""One reader per input format; each turns a file into a :class:`~gkstudy.core.document.Document`.

``READERS`` is the registry every format list comes from (the suffixes read, the CLI help, the
batch runner's walker and skipped-file count, the notebooks' input list, the docs a test checks).
Adding a reader means adding its module and one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gkstudy.core.document import Document, ReportError


@dataclass(frozen=True)
class Reader:
    format: str  # the value of reports.csv's ``format`` column
    suffixes: tuple[str, ...]  # lower-case file suffixes read by it
    module: str  # imported only when a file of the format is read (keeps start-up light)
    function: str  # ``function(path: str, data: bytes) -> Document``

    def load(self):
        return getattr(importlib.import_module(self.module), self.function)


READERS = (
    Reader("pdf", (".pdf",), "gkstudy.readers.pdf.reader", "read_pdf"),
    Reader("docx", (".docx",), "gkstudy.readers.docx.reader", "read_docx"),
    Reader("html", (".html", ".htm"), "gkstudy.readers.html.reader", "read_html"),
    Reader("txt", (".txt",), "gkstudy.readers.txt", "read_txt"),
)
FORMATS = {suffix: r.format for r in READERS for suffix in r.suffixes}  # suffix -> format
_BY_FORMAT = {r.format: r for r in READERS}

# Word files of the old binary formats: not read; saved as .docx they are.
LEGACY_WORD = (".doc", ".wps")
# Other files a folder of reports may hold that could be reports in a format not read (the batch
# summary counts them); a README or a manifest beside the reports is not worth a word.
OTHER_REPORT_TYPES = frozenset({*LEGACY_WORD, ".rtf", ".odt", ".ofd", ".xls", ".xlsx", ".et", ".jpg", ".jpeg",
                                ".png", ".tif", ".tiff", ".zip", ".rar", ".7z", ".mht", ".mhtml"})


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        hint = "; save it as .docx first (e.g. soffice --headless --convert-to docx)" if suffix in LEGACY_WORD else ""
        raise ValueError(f"unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(FORMATS)}{hint}")
    return FORMATS[suffix]


def read_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read one report file; raises ReportError for files that are not readable reports."""
    fmt = format_of(path)
    if data is None:
        data = Path(path).read_bytes()
    if not data:
        raise ReportError("failed", "empty file (0 bytes)")
    return _BY_FORMAT[fmt].load()(str(path), data)


def folder_files(folder: str | Path) -> Iterator[Path]:
    """Every file under ``folder`` (recursively), sorted by path, whatever its suffix.

    Hidden files and everything in hidden folders (a name starting with ``.`` below ``folder``:
    ``.git``, ``.ipynb_checkpoints``, ``.~lock.*#`` of an open office file, a ``.cache``) are skipped:
    they are never reports. The one walker of the batch runner and the notebooks' input list."""
    root = Path(folder)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def report_files(folder: str | Path) -> list[Path]:
    """The files under ``folder`` that a reader reads (see :func:`folder_files`), sorted."""
    return [p for p in folder_files(folder) if p.suffix.lower() in FORMATS]
