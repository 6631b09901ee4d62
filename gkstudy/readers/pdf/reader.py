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

from gkstudy.core import flags
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

DISAGREE = flags.READERS_DISAGREE


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
    doc = Document(path=path, format="pdf", lines=text_lines(texts), pages=len(texts), pictures=pictures,
                   line_pages=[n for n, text in enumerate(texts, 1) for _ in text_lines([text])])
    if not pages:
        if pictures:  # tables pasted as pictures: OCR them
            from gkstudy.readers.ocr.sources import ocr_pdf_pictures

            ocr_pdf_pictures(doc, data, pictures)
        return doc
    primary, notes = read_grids(data, pages, heights)
    doc.notes += notes
    if primary is None:
        doc.notes.append(UNRULED)
        try:
            doc.tokens = unruled_tokens(data, pages)
        except Exception as exc:  # noqa: BLE001 - see is_parse_failure
            if not is_parse_failure(exc):
                raise
            raise ReportError("failed", f"damaged PDF: pdfium reads its text, but pdfminer cannot parse it "
                                        f"({type(exc).__name__}: {_first_line(exc)}), so its tables cannot be read") from None
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


def is_parse_failure(exc: Exception) -> bool:
    """Whether ``exc``, raised by the parsers other than pdfium (pdfminer under pdfplumber, playa or
    pdfminer under camelot) on a PDF pdfium has read, means they cannot parse this file. Their
    errors on damaged files are of every kind (TypeError "Rectangle contains non-numeric values",
    IndexError where their page tree is shorter than pdfium's); running out of memory is not one."""
    return not isinstance(exc, MemoryError)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:120]


class Reading:
    def __init__(self, grids: list[PageGrid], disagreements=()):
        self.grids = grids
        self.disagreements = list(disagreements)


def read_grids(data: bytes, pages: list[int], heights: dict[int, float]) -> tuple[Reading | None, list[str]]:
    """Both readers' grids of the ruled tables, cross-checked; None when no page has a ruled table."""
    notes: list[str] = []
    try:
        cam = camelot_grids(data, pages, heights)
        shifted = zero_ascent_pages(data, pages)
    except Exception as exc:  # noqa: BLE001 - damage pdfium reads past: its reading stands alone
        if not is_parse_failure(exc):
            raise
        cam, shifted = [], set()
        notes.append(f"camelot cannot parse this PDF ({type(exc).__name__}: {_first_line(exc)}): tables read by "
                     "pdfium alone, not cross-checked")
    second = pdfium_grids(data, pages)
    if not cam and not second:
        return None, notes
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
    # Rows are joined after cross-checking so grid/row/col positions still match the boxes; the
    # other reader's text rides along in each grid's ``alts`` (joined with the cells it belongs to).
    others = {(id(lead[d.grid]), d.row, d.col): d.other for d in disagreements}
    joined = join_split_rows(_with_alts(lead, others))
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


def _with_alts(grids: list[PageGrid], others: dict) -> list[PageGrid]:
    """Copies of ``grids`` (their cells lists are joined in place later) with the other reader's
    text of each disputed cell in ``alts``."""
    out = []
    for g in grids:
        cells = [list(row) for row in g.cells]
        alts = [[others.get((id(g), r, c)) if t is not None else None for c, t in enumerate(row)]
                for r, row in enumerate(g.cells)]
        out.append(PageGrid(g.page, g.top, cells, g.boxes, alts if any(a is not None for row in alts for a in row) else []))
    return out


def _collect(grids: list[PageGrid]) -> list[tuple[int, int, int, str]]:
    """(grid, row, col, other reader's text) of every disputed cell."""
    return [(k, r, c, other) for k, g in enumerate(grids) for r, row in enumerate(g.alts)
            for c, other in enumerate(row) if other is not None]


def tokens_of(grids: list[PageGrid], disagreements: list[tuple[int, int, int, str]]):
    tokens = grids_to_tokens([g.cells for g in grids], [g.page for g in grids], collapse_repeats=False,
                             boxes=[g.boxes for g in grids])
    alt = {(k, r, c): other for k, r, c, other in disagreements}
    return [replace(t, flag=DISAGREE, alt=alt[(t.grid, t.row, t.col)]) if (t.grid, t.row, t.col) in alt else t
            for t in tokens]
