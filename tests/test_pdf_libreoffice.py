"""PDFs exported by LibreOffice (tests/libreoffice.py): every cell against the numbers the Word
file was built from.

LibreOffice writes ``/Ascent 0 /Descent 0`` font descriptors, on which camelot 2.x (playa) moves
CJK labels one row down; with borders switched off the tables are unruled and read from word
positions. The committed PDFs run everywhere; remaking them needs LibreOffice and skips without.
"""

import pytest

from builders import known_values
from gkstudy.core import codebook
from gkstudy.extract import extract_bytes
from gkstudy.readers.pdf.camelot import camelot_grids
from gkstudy.readers.pdf.fonts import zero_ascent_pages
from libreoffice import CASES, PDFS, build, fixture_font_installed, soffice

RULED = ("libreoffice_2021_ruled", "libreoffice_2019_ruled")
UNRULED = ("libreoffice_2021_unruled", "libreoffice_2019_unruled")


def _cells(got) -> dict:
    return {(c["table"], c["row"], c["col"]): c for c in got.cells}


def _wrong(name: str, got) -> list:
    """Cells whose value differs from the built value: wrong numbers, and NA without a reason."""
    values = known_values(CASES[name][0])
    out = []
    for key, cell in _cells(got).items():
        if cell["value"] == "":
            if not cell["flag"]:
                out.append((key, "NA without a flag"))
        elif key not in values or cell["value"] != pytest.approx(values[key]):
            out.append((key, cell["value"], values.get(key), cell["flag"]))
    return out


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    name = request.param
    data = (PDFS / f"{name}.pdf").read_bytes()
    return name, data, extract_bytes(f"{name}.pdf", data)


def test_libreoffice_writes_the_zero_ascent_fonts(case):
    """The fixtures really carry the quirk the readers must survive."""
    name, data, _got = case
    assert zero_ascent_pages(data, [1, 2])


def test_edition_and_year(case):
    name, _data, got = case
    edition = CASES[name][0]
    assert got.report["edition"] == edition
    assert got.report["year"] == (2023 if edition == "2021" else 2020)


def test_no_cell_is_wrong(case):
    name, _data, got = case
    assert _wrong(name, got) == []


@pytest.mark.parametrize("name", RULED)
def test_ruled_tables_read_every_cell_unflagged(name):
    got = extract_bytes(f"{name}.pdf", (PDFS / f"{name}.pdf").read_bytes())
    edition = CASES[name][0]
    values = known_values(edition)
    cells = _cells(got)
    assert got.report["status"] == "ok", got.report["error"]
    assert set(cells) == {(c.table, c.row, c.col) for c in codebook.cells(edition)}
    assert [(k, c["value"], c["flag"]) for k, c in cells.items()
            if c["value"] != pytest.approx(values[k]) or c["flag"]] == []


def test_camelot_keeps_labels_in_their_row_on_zero_ascent_fonts():
    """Without the metrics fix camelot 2.x reads 第二十条第(一)项 one row down and glues 本年制发件数
    to the 2 of the row below."""
    data = (PDFS / "libreoffice_2021_ruled.pdf").read_bytes()
    grids = camelot_grids(data, [1], {1: 842.0})
    rows = [[t for t in row if t] for g in grids for row in g.cells]
    block = rows.index(["第二十条第(一)项"])
    assert rows[block + 1: block + 4] == [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                                          ["规章", "2", "1", "15"], ["行政规范性文件", "12", "4", "87"]]


@pytest.mark.parametrize("name", UNRULED)
def test_unruled_tables_are_read_from_word_positions(name):
    got = extract_bytes(f"{name}.pdf", (PDFS / f"{name}.pdf").read_bytes())
    assert "cells read from word positions" in got.report["error"]
    cells = _cells(got)
    assert [k for k, c in cells.items() if c["value"] == ""] == []
    # t4's two-level header may come apart without rules: then the national column order is
    # assumed, and said; no other flag.
    assert {c["flag"] for k, c in cells.items() if k[0] == "t4"} <= {"", "header_assumed"}


@pytest.mark.skipif(soffice() is None or not fixture_font_installed(),
                    reason="LibreOffice (soffice) with the fixtures' font (fonts-noto-cjk) not installed")
@pytest.mark.parametrize("name", sorted(CASES))
def test_remade_pdf_reads_the_same(name):
    """The committed fixture is what LibreOffice makes of the builder's Word file today."""
    data = build(name)
    fresh = extract_bytes(f"{name}.pdf", data)
    committed = extract_bytes(f"{name}.pdf", (PDFS / f"{name}.pdf").read_bytes())
    assert _wrong(name, fresh) == []
    assert [(c["table"], c["row"], c["col"], c["value"]) for c in fresh.cells] == \
           [(c["table"], c["row"], c["col"], c["value"]) for c in committed.cells]


def _turned(data: bytes, rotate: int) -> bytes:
    """The same report with its pages drawn turned a quarter and /Rotate set to turn them back
    upright, as some printers-to-PDF write landscape and portrait pages."""
    pypdf = pytest.importorskip("pypdf")
    from pypdf import Transformation
    from pypdf.generic import RectangleObject

    import io

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        turn = Transformation().rotate(90).translate(height, 0) if rotate == 90 else \
            Transformation().rotate(-90).translate(0, width)
        page.add_transformation(turn)
        page.mediabox = page.cropbox = RectangleObject([0, 0, height, width])
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("rotate", [90, 270])
def test_pages_turned_by_rotate_read_every_cell(rotate):
    """Both readers report boxes on the page as displayed, so they still meet cell for cell."""
    name = "libreoffice_2021_ruled"
    got = extract_bytes(f"{name}.pdf", _turned((PDFS / f"{name}.pdf").read_bytes(), rotate))
    values = known_values("2021")
    assert got.report["status"] == "ok", got.report["error"]
    assert [(k, c["value"], c["flag"]) for k, c in _cells(got).items()
            if c["value"] != pytest.approx(values[k]) or c["flag"]] == []
