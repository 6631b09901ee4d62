"""DOCX reports with the official merged layout: every canonical cell, edition, year, agency, date.

The 2021 fixture is the official blank template filled with known numbers; the 2019 fixture is
built from scratch with real Word merges (gridSpan, vMerge) and table 四 nested in a frame table.
"""

import pytest

from builders import META_2019, META_2021, build_docx_2019, fill_template_2021, known_values
from gkstudy.core import codebook
from gkstudy.extract import extract_bytes
from gkstudy.readers.docx.reader import read_docx

CASES = {
    "2021": (fill_template_2021, META_2021, "淮阴区交通运输局2023年报.docx"),
    "2019": (build_docx_2019, META_2019, "花沟镇 2020 年报.docx"),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    edition = request.param
    build, meta, name = CASES[edition]
    values = known_values(edition)
    data = build(values)
    return edition, meta, values, data, extract_bytes(name, data)


def test_report_metadata(case):
    edition, meta, _values, _data, got = case
    r = got.report
    assert (r["status"], r["error"]) == ("ok", "")
    assert r["format"] == "docx"
    assert r["edition"] == edition
    assert r["year"] == meta.year
    assert r["agency"] == meta.agency
    assert r["published"] == meta.iso


def test_every_canonical_cell(case):
    edition, _meta, values, _data, got = case
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    assert set(cells) == {(c.table, c.row, c.col) for c in codebook.cells(edition)}
    for key, cell in cells.items():
        assert cell["value"] == pytest.approx(values[key]), key
        assert cell["flag"] == "", key


def test_identities_hold(case):
    _edition, _meta, _values, _data, got = case
    assert got.checks
    assert [c for c in got.checks if c["passed"] == "false" and c["severity"] == "error"] == []


def test_merged_cells_are_read_once_at_their_grid_column():
    values = known_values("2021")
    doc = read_docx("t.docx", fill_template_2021(values))
    texts = [t.text for t in doc.tokens]
    # vertically merged group labels: one token each, not one per covered row
    assert texts.count("三、本年度办理结果") == 1
    assert texts.count("（三）不予公开") == 1
    # a value merged across three grid columns (本年处理决定数量) is one token at the first column
    licensing = [t for t in doc.tokens if t.text == str(values[("t2", "art20_5.licensing", "decisions")])]
    assert [(t.grid, t.col) for t in licensing] == [(0, 1)]
    # t3 data cells sit at the grid columns after the 3-column label area, in order
    row = next(t.row for t in doc.tokens if t.grid == 1 and t.text.startswith("（一）予以公开"))
    granted = [t for t in doc.tokens if t.grid == 1 and t.row == row and t.col >= 3]
    assert [t.col for t in granted] == list(range(3, 10))
    assert [int(t.text) for t in granted] == [values[("t3", "granted", c)] for c in codebook.cols("2021", "t3")]
    assert all(t.aligned for t in doc.tokens)


def test_tables_nested_in_cells_are_read():
    values = known_values("2019")
    doc = read_docx("t.docx", build_docx_2019(values))
    t4_total = str(values[("t4", "suit_after_review", "total")])
    frame = next(t for t in doc.tokens if t.text == "（单位：件）")
    nested = [t for t in doc.tokens if t.grid == frame.grid + 1]
    assert nested[0].text == "行政复议"
    assert nested[-1].text == t4_total and len([t for t in nested if t.text.isdigit()]) == 15


def test_paragraph_lines_in_body_order():
    doc = read_docx("t.docx", fill_template_2021(known_values("2021")))
    text = [x for x in doc.lines if x.strip()]
    assert text[0] == f"{META_2021.agency}{META_2021.year}年政府信息公开工作年度报告"
    order = [text.index(h) for h in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况")]
    assert order == sorted(order)
