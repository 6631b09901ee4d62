"""Tables broken over a page, in LibreOffice-printed reports from the benchmark corpus
(bench/corpus.py), each against the numbers it was built from (tests/pdfs/page_breaks/):

* t4_data_row_alone: table 四's header ends a page, its one data row starts the next;
* t4_header_split / t4_header_words_broken: the break falls inside table 四's header, cutting
  结果维持 into 结果 | 维持, with the data row after it;
* t3_header_split: the break falls inside table 三's header (商业 | 企业), the next page's part
  of the table has other column edges;
* t2_first_block_title_alone: 第二十条第（一）项, the first row of table 二, alone at the foot
  of a page (a one-cell box no reader keeps as a table).
"""

from pathlib import Path

import pytest

from conftest import read_csv
from gkstudy.extract import extract_file

FOLDER = Path(__file__).resolve().parent / "pdfs" / "page_breaks"
CASES = sorted(p.stem for p in FOLDER.glob("*.pdf"))


@pytest.mark.parametrize("name", CASES)
def test_every_cell_of_a_table_broken_over_a_page(name):
    truth = {(r["table"], r["row"], r["col"]): float(r["value"]) for r in read_csv(FOLDER / f"{name}.truth.csv")}
    got = extract_file(FOLDER / f"{name}.pdf")
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    assert (got.report["status"], got.report["error"]) == ("ok", "")
    assert set(cells) == set(truth)
    assert [(k, c["value"], truth[k], c["flag"]) for k, c in cells.items()
            if c["value"] == "" or c["value"] != pytest.approx(truth[k]) or c["flag"]] == []


def test_the_cases_are_there():
    assert len(CASES) == 5
