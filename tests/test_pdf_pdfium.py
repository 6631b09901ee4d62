"""pdfium_grids: the pdfium reading of ruled tables, held against pdfplumber's reading of the same
PDFs (the cross-check reader it replaced; kept here as the reference) and tried on small tables
made with reportlab."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gkstudy.readers.pdf.crosscheck import MIN_OVERLAP, _overlap
from gkstudy.readers.pdf.pdfium import pdfium_grids
from gkstudy.readers.pdf.grid import PageGrid, cell_text
from gkstudy.readers.pdf.text import page_texts, table_pages
from gkstudy.core.values import looks_like_value

PDFS = sorted((Path(__file__).parent / "pdfs").glob("*.pdf"))


def plumber_grids(data: bytes, pages: list[int]) -> list[PageGrid]:
    """pdfplumber's reading of the ruled tables (its own parser and line finder), as PageGrids."""
    import pdfplumber

    grids = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in pages:
            for table in pdf.pages[number - 1].find_tables():
                cells = [[None if t is None else cell_text(t) for t in row] for row in table.extract()]
                if len(cells) >= 2:
                    grids.append(PageGrid(number, table.bbox[1], cells, [list(r.cells) for r in table.rows]))
    return sorted(grids, key=lambda g: (g.page, g.top))


def _table_pages(data: bytes) -> list[int]:
    pdf = pdfium.PdfDocument(data)
    try:
        return table_pages(page_texts(pdf))
    finally:
        pdf.close()


def _plumber_tables_on_visible_rules(data: bytes, pages: list[int]) -> dict[int, int]:
    """pdfplumber's table count per page once white fills are taken off the page. pdfplumber
    takes every rectangle for rules, white paragraph and cell backgrounds too (Word/WPS draw
    them), and finds "tables" of narrative lines there; those are no rules anyone can see."""
    import pdfplumber

    def visible(obj) -> bool:
        white = obj.get("non_stroking_color") in ((1, 1, 1), [1], (1,), 1)
        return not (obj["object_type"] == "rect" and obj.get("fill") and not obj.get("stroke") and white)

    counts = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in pages:
            page = pdf.pages[number - 1].filter(visible)
            counts[number] = sum(1 for t in page.find_tables() if len(t.rows) >= 2)
    return counts


def _norm(text: str | None) -> str:
    return (text or "").replace(" ", "").replace(",", "")


def _cells(grids):
    for g in grids:
        for r, (row, boxes) in enumerate(zip(g.cells, g.boxes)):
            for c, (text, box) in enumerate(zip(row, boxes)):
                if box is not None:
                    yield g, r, c, text, box


def _numeric_differences(ours, theirs) -> list[str]:
    """Every numeric cell pdfplumber read that pdfium has not read the same at the same place."""
    out = []
    for g, r, c, text, box in _cells(theirs):
        if not (text and looks_like_value(text)):
            continue
        same_page = [(b, t) for h, _, _, t, b in _cells(ours) if h.page == g.page]
        best = max(same_page, key=lambda bt: _overlap(box, bt[0]), default=None)
        if best is None or _overlap(box, best[0]) < MIN_OVERLAP:
            out.append(f"page {g.page} row {r} col {c}: plumber {text!r} at {box}, no pdfium cell there")
        elif _norm(best[1]) != _norm(text):
            out.append(f"page {g.page} row {r} col {c}: plumber {text!r}, pdfium {best[1]!r} at {best[0]}")
    return out


def _shape(grids, page):
    return [(len(g.cells), len(g.cells[0])) for g in grids if g.page == page]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_reads_the_numbers_pdfplumber_reads(path):
    data = path.read_bytes()
    pages = _table_pages(data)
    ours, theirs = pdfium_grids(data, pages), plumber_grids(data, pages)
    if "unruled" in path.name:
        assert ours == [] and theirs == []
        return
    assert ours, "no tables read"
    differences = _numeric_differences(ours, theirs)
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_finds_the_tables_pdfplumber_finds_on_visible_rules(path):
    data = path.read_bytes()
    pages = _table_pages(data)
    ours = pdfium_grids(data, pages)
    expected = _plumber_tables_on_visible_rules(data, pages)
    found = {p: len(_shape(ours, p)) for p in pages}
    assert found == expected, "\n".join(f"page {p}: pdfium {_shape(ours, p)}, plumber {expected[p]} tables"
                                        for p in pages if found[p] != expected[p])


def test_pdfium_grids_are_sorted_and_boxed_like_plumber_grids():
    data = next(p for p in PDFS if "洪泽区人民政府_2024" in p.name).read_bytes()
    grids = pdfium_grids(data, _table_pages(data))
    assert grids == sorted(grids, key=lambda g: (g.page, g.top))
    for g in grids:
        assert len(g.cells) >= 2 and len(g.boxes) == len(g.cells)
        for row, boxes in zip(g.cells, g.boxes):
            assert [t is None for t in row] == [b is None for b in boxes]
            assert all(b[0] < b[2] and b[1] < b[3] for b in boxes if b)
        assert g.top == min(b[1] for b in g.boxes[0] if b)


# ---- small made-up tables --------------------------------------------------------------------

W, H = 600.0, 800.0


def _pdf(draw) -> bytes:
    """A one-page PDF (600 x 800 points) drawn by draw(canvas)."""
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _text(c, x, top, s):
    """s written inside the cell whose top-left corner is (x, top), top-left coordinates."""
    c.setFont("Helvetica", 10)
    c.drawString(x + 5, H - top - 14, s)


def _merged_grid(c):
    """Columns at x 100/200/300/400, rows at top 100/120/140/160, each cell a stroked rectangle:
    the first row's first two cells are one, so are the first column's last two."""
    for x, top, w, h in [(100, 100, 200, 20), (300, 100, 100, 20), (100, 120, 100, 40),
                         (200, 120, 100, 20), (300, 120, 100, 20), (200, 140, 100, 20), (300, 140, 100, 20)]:
        c.rect(x, H - top - h, w, h, stroke=1, fill=0)
    for x, top, s in [(100, 100, "Head"), (300, 100, "B"), (100, 120, "V"), (200, 120, "1,234"),
                      (300, 120, "12 34"), (200, 140, "3"), (300, 140, "4")]:
        _text(c, x, top, s)


def test_stroked_rectangles_with_merged_cells():
    [g] = pdfium_grids(_pdf(_merged_grid), [1])
    assert g.page == 1 and g.top == pytest.approx(100)
    assert g.cells == [["Head", None, "B"], ["V", "1,234", "12 34"], [None, "3", "4"]]
    box = [[tuple(round(v) for v in b) if b else None for b in row] for row in g.boxes]
    assert box[0] == [(100, 100, 300, 120), None, (300, 100, 400, 120)]
    assert box[1][0] == (100, 120, 200, 160) and box[2][0] is None


def test_borders_drawn_as_thin_filled_rectangles():
    def draw(c):
        for top in (100, 130, 160):  # 0.75 pt high bars centred on the rule
            c.rect(100, H - top - 0.375, 300, 0.75, stroke=0, fill=1)
        for x in (100, 250, 400):
            c.rect(x - 0.375, H - 160, 0.75, 60, stroke=0, fill=1)
        for x, top, s in [(100, 100, "Label"), (250, 100, "7"), (100, 130, "Other"), (250, 130, "0")]:
            _text(c, x, top, s)

    [g] = pdfium_grids(_pdf(draw), [1])
    assert g.cells == [["Label", "7"], ["Other", "0"]]
    assert g.boxes[1][1] == pytest.approx((250, 130, 400, 160), abs=0.01)


def test_a_table_inside_a_scaled_form_xobject_lands_where_it_is_drawn():
    def draw(c):
        c.beginForm("grid")  # rules at x 0/50/100, y 0/20/40 in the form's own space
        for y in (0, 20, 40):
            c.line(0, y, 100, y)
        for x in (0, 50, 100):
            c.line(x, 0, x, 40)
        c.endForm()
        c.saveState()
        c.translate(100, H - 140)
        c.scale(2, 1)
        c.doForm("grid")  # on the page: x 100/200/300, top 100/120/140
        c.restoreState()
        _text(c, 100, 100, "A")
        _text(c, 200, 120, "9")

    [g] = pdfium_grids(_pdf(draw), [1])
    assert g.cells == [["A", ""], ["", "9"]]
    assert g.boxes[0][0] == pytest.approx((100, 100, 200, 120), abs=0.01)


def test_a_table_whose_bottom_border_is_left_off_at_a_page_break():
    """Word draws no bottom border where a table breaks across pages; the rules' ends close it."""
    def draw(c):
        for top in (100, 120):
            c.line(100, H - top, 300, H - top)
        for x in (100, 200, 300):
            c.line(x, H - 100, x, H - 140)
        for x, top, s in [(100, 100, "a"), (200, 100, "1"), (100, 120, "b"), (200, 120, "2")]:
            _text(c, x, top, s)

    [g] = pdfium_grids(_pdf(draw), [1])
    assert g.cells == [["a", "1"], ["b", "2"]]


def test_white_rules_white_backgrounds_and_curves_are_no_table():
    def draw(c):
        c.setStrokeColorRGB(1, 1, 1)
        c.setFillColorRGB(1, 1, 1)
        for i in range(3):
            c.line(100, H - 100 - 20 * i, 300, H - 100 - 20 * i)
            c.line(100 + 100 * i, H - 100, 100 + 100 * i, H - 140)
            c.rect(100, H - 220 - 28 * i, 300, 28, stroke=0, fill=1)  # paragraph backgrounds
        c.setStrokeColorRGB(0, 0, 0)
        c.circle(300, 500, 50)
        c.bezier(100, 100, 150, 150, 200, 150, 250, 100)
        _text(c, 100, 100, "1")

    assert pdfium_grids(_pdf(draw), [1]) == []


def test_pdfium_grids_needs_neither_pdfplumber_nor_pdfminer():
    data = PDFS[0].read_bytes()
    code = (
        "import sys\n"
        "from gkstudy.readers.pdf.pdfium import pdfium_grids\n"
        "grids = pdfium_grids(sys.stdin.buffer.read(), [1, 2])\n"
        "assert grids, 'no tables'\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('pdfplumber', 'pdfminer')]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr.decode()
