"""Text PDFs: a fast text pass for the lines and the table pages, camelot (lattice) for the
tables there, and a second, independent reading that cross-checks every number: pdfium's own
parse of rules and characters (pdf_pdfium).

Order of the readings:
* ruled tables: camelot leads, the second reading cross-checks; where they disagree on a number
  the cell is flagged ``readers_disagree`` and the other text kept in ``alt``;
* pages whose fonts say Ascent 0 / Descent 0 (camelot 2.x misplaces CJK rows there): the second
  reading leads and camelot, given default metrics for such fonts, cross-checks (see pdf_fonts:
  the default metrics fix the rows but can still move a character over a tight row boundary);
* no ruled table anywhere: rows rebuilt from word positions (pdf_words), read like layout text
  and noted as not cross-checked.
"""

from __future__ import annotations

from dataclasses import replace

from gkstudy.core.document import Document, ReportError, grids_to_tokens
from gkstudy.readers.pdf.camelot import camelot_grids
from gkstudy.readers.pdf.crosscheck import cross_check
from gkstudy.readers.pdf.fonts import zero_ascent_pages
from gkstudy.readers.pdf.grid import PageGrid, join_split_rows
from gkstudy.readers.pdf.open import open_pdf
from gkstudy.readers.pdf.pdfium import pdfium_grids
from gkstudy.readers.pdf.text import has_text_layer, page_texts, picture_pages, table_pages, text_lines
from gkstudy.readers.pdf.words import unruled_table_lines
from gkstudy.readers.txt import lines_to_tokens

DISAGREE = "readers_disagree"


def read_pdf(path: str, data: bytes) -> Document:
    pdf = open_pdf(data)
    try:
        texts = page_texts(pdf)
        heights = {i + 1: pdf[i].get_height() for i in range(len(pdf))}
        pages = table_pages(texts)
        pictures = [] if pages else picture_pages(pdf)
    finally:
        pdf.close()
    if not has_text_layer(texts):
        from gkstudy.readers.ocr.sources import read_scanned_pdf

        return read_scanned_pdf(path, data)
    doc = Document(path=path, format="pdf", lines=text_lines(texts), pages=len(texts), pictures=pictures)
    if not pages:
        if pictures:  # tables pasted as pictures: OCR them
            from gkstudy.readers.ocr.sources import ocr_pdf_pictures

            ocr_pdf_pictures(doc, data, pictures)
        return doc
    primary, notes = read_grids(data, pages, heights)
    doc.notes += notes
    if primary is None:
        doc.notes.append(UNRULED)
        doc.tokens = unruled_tokens(data, pages)
    else:
        doc.tokens = tokens_of(primary.grids, primary.disagreements)
    return doc


UNRULED = "no ruled table found: cells read from word positions, not cross-checked"


def unruled_tokens(data: bytes, pages: list[int]):
    """Tokens of tables drawn without rules, one line number space across the pages."""
    tokens = []
    offset = 0
    for page, lines in unruled_table_lines(data, pages).items():
        tokens += [replace(t, row=t.row + offset, page=page) for t in lines_to_tokens(lines)]
        offset += len(lines) + 1
    return tokens


class Reading:
    def __init__(self, grids: list[PageGrid], disagreements=()):
        self.grids = grids
        self.disagreements = list(disagreements)


def read_grids(data: bytes, pages: list[int], heights: dict[int, float]) -> tuple[Reading | None, list[str]]:
    """Both readers' grids of the ruled tables, cross-checked; None when no page has a ruled table."""
    notes: list[str] = []
    cam = camelot_grids(data, pages, heights)
    second = pdfium_grids(data, pages)
    if not cam and not second:
        return None, notes
    shifted = zero_ascent_pages(data, pages)
    # Per page, the reader to trust for labels: camelot unless the page's fonts mislead it.
    lead = [g for g in cam if g.page not in shifted] + [g for g in second if g.page in shifted]
    check = [g for g in second if g.page not in shifted] + [g for g in cam if g.page in shifted]
    # A table only one reader found (a one-row remnant of a table broken over a page, a table
    # the other's line finder missed) is still read, from that reader alone.
    lead += [g for g in check if not any(_same_table(g, other) for other in lead)]
    lead.sort(key=lambda g: (g.page, g.top))
    disagreements = cross_check(lead, check)
    if disagreements:
        notes.append(f"PDF readers disagree on {len(disagreements)} cells (flagged {DISAGREE})")
    # Rows are joined after cross-checking so grid/row/col positions still match the boxes.
    flags = {(id(lead[d.grid]), d.row, d.col): d.other for d in disagreements}
    marked = _mark(lead, flags)
    joined = join_split_rows(marked)
    return Reading(joined, _collect(joined)), notes


def _extent(grid: PageGrid) -> tuple[float, float, float, float] | None:
    """The area a grid's cells cover, None when it has no cell boxes."""
    boxes = [b for row in grid.boxes for b in row if b is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _same_table(a: PageGrid, b: PageGrid) -> bool:
    """Two readers' grids of one table: same page, overlapping areas."""
    ea, eb = _extent(a), _extent(b)
    if a.page != b.page or ea is None or eb is None:
        return False
    return min(ea[2], eb[2]) > max(ea[0], eb[0]) and min(ea[3], eb[3]) > max(ea[1], eb[1])


# Disagreements ride along inside the cell text as a private marker until tokens are made,
# so that joining split rows cannot lose track of which cell they belong to.
_MARK = "\x1f"


def _mark(grids: list[PageGrid], flags: dict) -> list[PageGrid]:
    out = []
    for g in grids:
        cells = [[(t + _MARK + flags[(id(g), r, c)]) if (id(g), r, c) in flags and t is not None else t
                  for c, t in enumerate(row)] for r, row in enumerate(g.cells)]
        out.append(PageGrid(g.page, g.top, cells, g.boxes))
    return out


def _collect(grids: list[PageGrid]) -> list[tuple[int, int, int, str]]:
    found = []
    for k, g in enumerate(grids):
        for r, row in enumerate(g.cells):
            for c, t in enumerate(row):
                if t is not None and _MARK in t:
                    text, other = t.split(_MARK, 1)
                    row[c] = text
                    found.append((k, r, c, other))
    return found


def tokens_of(grids: list[PageGrid], disagreements: list[tuple[int, int, int, str]]):
    tokens = grids_to_tokens([g.cells for g in grids], [g.page for g in grids], collapse_repeats=False)
    alt = {(k, r, c): other for k, r, c, other in disagreements}
    return [replace(t, flag=DISAGREE, alt=alt[(t.grid, t.row, t.col)]) if (t.grid, t.row, t.col) in alt else t
            for t in tokens]
