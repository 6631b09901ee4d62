"""What every reader produces: the report's text lines and its table cells as tokens.

A token is one table cell's text in reading order, with where it came from. The mapper only
ever sees tokens, so it does not care whether they came from a PDF, a Word file, a web page or
a text file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gkstudy.core.values import looks_like_value

STATUSES = ("ok", "partial", "failed", "not_report", "needs_ocr")
READ_STATUSES = STATUSES[:2]  # the report's tables were read: what findings and comparisons use


class ReportError(Exception):
    """A file that cannot be read as a report; ``status`` is one of STATUSES, ``reason`` one line."""

    def __init__(self, status: str, reason: str):
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Token:
    text: str
    row: int  # grid row, or line number (0-based) for text files
    col: int  # grid column (0-based)
    grid: int = 0  # index of the table grid in the document
    page: int | None = None  # 1-based page for PDFs
    # True when ``col`` is a real column position (PDF/DOCX/HTML tables, tab-separated rows);
    # False where each cell sits on a line of its own and only the order is known.
    aligned: bool = True
    # Set by readers that cross-check: why the text is doubtful (e.g. ``readers_disagree``) and
    # what the other reader saw there, so later stages can pick between them openly.
    flag: str = ""
    alt: str = ""
    # The cell's box on its page, (x0, top, x1, bottom) in points from the page's top-left corner,
    # where the reader knows it (the PDF grid readers); the review page crops the source around it.
    box: tuple[float, float, float, float] | None = None
    # The OCR recogniser's score (0-1) for a cell read from a page image; None for text formats.
    score: float | None = None


@dataclass
class Document:
    """A report as read from one file."""

    path: str
    format: str  # pdf, docx, html, txt
    lines: list[str] = field(default_factory=list)  # the whole text, for metadata and narrative
    tokens: list[Token] = field(default_factory=list)  # table cells in reading order
    notes: list[str] = field(default_factory=list)  # reader remarks (e.g. readers that disagreed)
    pages: int | None = None
    # Pictures that may be tables posted as images (need OCR): for PDFs the pages holding a large
    # one; for Word files and web pages one entry per picture in the body (numbered 1…n).
    pictures: list[int] = field(default_factory=list)
    # 1-based page of each line, where the format has pages (PDFs): a compilation's page ranges.
    line_pages: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def grids_to_tokens(grids: list[list[list[str | None]]], pages: list[int | None] | None = None,
                    first_grid: int = 0, collapse_repeats: bool = True, boxes: list | None = None) -> list[Token]:
    """Flatten table grids (rows of cell strings; None for a cell covered by a merge) into tokens.

    Repeated copies of one label along a row (a merged cell some extractors copy into every grid
    column it spans) collapse to one token; repeated numbers never do. Readers whose grids mark
    merged cells None (the PDF readers) pass ``collapse_repeats=False``: there two equal labels
    side by side are two cells (结果 | 结果 of a header broken over a page). ``boxes``, when given,
    holds one grid of cell boxes (or None) per grid, the same shape as the grid.
    """
    tokens: list[Token] = []
    for g, grid in enumerate(grids):
        page = pages[g] if pages else None
        grid_boxes = boxes[g] if boxes else None
        for r, row in enumerate(grid):
            previous = None
            for c, text in enumerate(row):
                if text is None:
                    continue
                if (collapse_repeats and previous is not None and text == previous and text.strip()
                        and not looks_like_value(text)):
                    continue
                box = _box_at(grid_boxes, r, c)
                tokens.append(Token(text=text, row=r, col=c, grid=first_grid + g, page=page, box=box))
                previous = text
    return tokens


def _box_at(boxes: list | None, r: int, c: int) -> tuple[float, float, float, float] | None:
    """The box of grid cell (r, c), None where the grid has no box there."""
    try:
        box = boxes[r][c] if boxes else None
    except IndexError:
        return None
    return tuple(round(float(v), 2) for v in box) if box else None
