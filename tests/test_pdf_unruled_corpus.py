"""Unruled tables from LibreOffice-printed reports of the benchmark's generator with every border
switched off (tests/pdfs/unruled/), each against the numbers it was built from.

header_over_a_page_break: table 三's two-line header is cut by the page break (自然 | 人) and read
line by line; reading order across its lines once put 总计 second and shifted five columns, unflagged.
"""

from pathlib import Path

import pytest

from conftest import read_csv
from gkstudy.extract import extract_file

FOLDER = Path(__file__).resolve().parent / "pdfs" / "unruled"


@pytest.mark.parametrize("name", sorted(p.stem for p in FOLDER.glob("*.pdf")))
def test_no_cell_of_an_unruled_report_is_wrong(name):
    truth = {(r["table"], r["row"], r["col"]): float(r["value"]) for r in read_csv(FOLDER / f"{name}.truth.csv")}
    got = extract_file(FOLDER / f"{name}.pdf")
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    assert "cells read from word positions" in got.report["error"]
    assert set(cells) == set(truth)
    assert [(k, c["value"], truth[k]) for k, c in cells.items()
            if c["value"] == "" or c["value"] != pytest.approx(truth[k])] == []
    assert {c["flag"] for k, c in cells.items() if k[0] != "t4"} == {""}
