"""Every canonical cell of the three real PDF reports, against ground truth read by eye from the
rendered pages (tests/pdfs/<name>.truth.csv: table,row,col,value,flag; NA where the 2021 cell
was not printed, with the flag that says why)."""

from pathlib import Path

import pytest

from gkstudy.core import codebook
from gkstudy.extract import extract_file
from conftest import read_csv

PDFS = Path(__file__).resolve().parent / "pdfs"
REPORTS = {
    "淮安市人民政府_2024": dict(year=2024, edition="2021"),
    "淮安市洪泽区人民政府_2023": dict(year=2023, edition="2021"),
    "淮安市洪泽区人民政府_2024": dict(year=2024, edition="2021"),
}


@pytest.fixture(scope="module", params=sorted(REPORTS))
def report(request):
    name = request.param
    truth = {(r["table"], r["row"], r["col"]): r for r in read_csv(PDFS / f"{name}.truth.csv")}
    return name, truth, extract_file(PDFS / f"{name}.pdf")


def test_edition_and_year(report):
    name, _truth, got = report
    assert got.report["format"] == "pdf"
    assert got.report["edition"] == REPORTS[name]["edition"]
    assert got.report["year"] == REPORTS[name]["year"]


def test_truth_covers_every_canonical_cell(report):
    _name, truth, _got = report
    canonical = {(c.table, c.row, c.col) for c in codebook.cells("2021")}
    assert canonical <= set(truth)


def test_every_cell_matches_the_printed_page(report):
    _name, truth, got = report
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    wrong = []
    for key, want in sorted(truth.items()):
        cell = cells.get(key)
        if cell is None:
            wrong.append((key, "missing"))
        elif want["value"] == "NA":
            if cell["value"] != "" or want["flag"] not in cell["flag"].split(";"):
                wrong.append((key, cell["value"], cell["flag"]))
        elif cell["value"] != pytest.approx(float(want["value"])) or cell["flag"] != want["flag"]:
            wrong.append((key, want["value"], cell["value"], cell["flag"]))
    assert wrong == []


def test_cells_point_back_to_their_page(report):
    _name, _truth, got = report
    read = [c for c in got.cells if c["value"] != ""]
    assert read and all(isinstance(c["page"], int) and c["page"] >= 1 for c in read)


def test_printed_totals_that_break_table_four_are_kept_and_caught():
    """洪泽区 2023 prints 0 in table 四's 总计 cells although the results above are not 0: the kit
    reports what is printed and its checks catch the contradiction."""
    got = extract_file(PDFS / "淮安市洪泽区人民政府_2023.pdf")
    cells = {(c["table"], c["row"], c["col"]): c["value"] for c in got.cells}
    assert cells[("t4", "review", "upheld")] == 10 and cells[("t4", "review", "total")] == 0
    failed = [c for c in got.checks if c["passed"] == "false" and c["table"] == "t4"]
    assert any(c["row"] == "review" for c in failed)
