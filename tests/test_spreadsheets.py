"""Statistics published as a spreadsheet: .xlsx (openpyxl, official merges), .xls and .ods
(saved by LibreOffice, committed) and WPS's .et (an .xls-format workbook under WPS's name) give
every canonical cell, the edition, year and agency, with no office program installed."""

import io

import pytest

from builders import META_2019, META_2021, known_values
from gkstudy.core import codebook, flags
from gkstudy.extract import extract_bytes
from every_cell import assert_every_cell
from office_formats import OUT, build_xlsx

META = {"2021": META_2021, "2019": META_2019}


def _committed(name):
    return lambda: (OUT / name).read_bytes()


CASES = {
    "2021.xlsx": ("2021", lambda: build_xlsx("2021", known_values("2021"))),
    "2019.xlsx": ("2019", lambda: build_xlsx("2019", known_values("2019"), one_sheet=True)),
    "2021.xls": ("2021", _committed("report_2021.xls")),
    "2021.et": ("2021", _committed("report_2021.xls")),  # WPS saves .et in the .xls format
    "2019.ods": ("2019", _committed("report_2019.ods")),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    edition, make = CASES[request.param]
    return request.param, edition, extract_bytes(f"附件_{request.param}", make())


def test_report_row(case):
    name, edition, got = case
    r = got.report
    assert (r["status"], r["error"]) == ("ok", "")
    assert r["format"] == name.split(".")[1]
    assert (r["edition"], r["year"], r["agency"]) == (edition, META[edition].year, META[edition].agency)


def test_every_canonical_cell(case):
    _name, edition, got = case
    assert_every_cell(got.cells, edition, known_values(edition))
    assert [c for c in got.checks if c["passed"] == "false" and c["severity"] == "error"] == []


def test_an_empty_cell_is_blank_and_nothing_moves():
    import openpyxl

    values = known_values("2021")
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx("2021", values)))
    sheet = book["表三"]
    row = next(r for r in sheet.iter_rows() if str(r[0].value).startswith("二、上年结转"))
    row[4].value = None  # 商业企业, a column inside the row
    buf = io.BytesIO()
    book.save(buf)
    got = extract_bytes("t.xlsx", buf.getvalue())
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    assert (cells[("t3", "carried_in", "commercial")]["value"], cells[("t3", "carried_in", "commercial")]["flag"]) \
        == ("", flags.BLANK)
    for col in codebook.cols("2021", "t3"):
        if col != "commercial":
            assert cells[("t3", "carried_in", col)]["value"] == values[("t3", "carried_in", col)], col
    assert got.report["status"] == "partial"


@pytest.mark.parametrize("name, data, words", [
    ("bad.xlsx", b"PK\x03\x04" + b"\x00" * 60, "corrupt XLSX"),
    ("wps_native.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "not a readable .et spreadsheet"),
    ("bad.ods", b"not a spreadsheet at all", "not a readable .ods spreadsheet"),
])
def test_unreadable_workbooks_fail_with_one_line(name, data, words):
    r = extract_bytes(name, data).report
    assert r["status"] == "failed"
    assert words in r["error"] and "\n" not in r["error"]


def test_merges_are_placed_where_the_used_area_starts(tmp_path):
    """A table that starts at C3: calamine counts rows from the sheet's top but columns from the
    first used column; the merge C3:E3 must still cover the two cells right of its label."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    from gkstudy.readers.spreadsheet import sheet_grid

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"], sheet["F3"], sheet["C4"], sheet["D4"] = "一、本年新收政府信息公开申请数量", 5, "x", 1
    sheet.merge_cells("C3:E3")
    book.save(tmp_path / "t.xlsx")
    grid = sheet_grid(CalamineWorkbook.from_path(str(tmp_path / "t.xlsx")).get_sheet_by_index(0))
    assert grid == [["一、本年新收政府信息公开申请数量", None, None, "5"], ["x", "1", "", ""]]
