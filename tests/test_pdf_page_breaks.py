"""Tables broken over a page, in LibreOffice-printed reports from the benchmark corpus
(bench/corpus.py), each against the numbers it was built from (tests/pdfs/page_breaks/):

* t4_data_row_alone: table 四's header ends a page, its one data row starts the next;
* t4_header_split / t4_header_words_broken: the break falls inside table 四's header, cutting
  结果维持 into 结果 | 维持, with the data row after it;
* t3_header_split: the break falls inside table 三's header (商业 | 企业), the next page's part
  of the table has other column edges;
* t2_block_title_on_next_page: a block title 第二十条第（五）项 starts the next page right after
  the last row of the block before (not a row broken in two);
* t3_number_wrapped_over_the_break: a number wrapped in its narrow cell is cut by the break
  (1153 printed 115 | 3);
* t4_block_label_split: the break cuts table 四's first header cell 行政复议 into 行政 | 复议;
* t2_first_block_title_alone: 第二十条第（一）项, the first row of table 二, alone at the foot
  of a page (a one-cell box no reader keeps as a table);
* t3_header_cut_mid_word / t4_header_cut_mid_word: the break cuts header words after their first
  character (商 | 业企业, 结 | 果维持). The parts of a header on two pages cannot be lined up by
  position: the national column order is used where each part's own order agrees with it, and
  otherwise assumed and flagged — never a column order guessed from reading order (that once
  swapped columns silently).
"""

from pathlib import Path

import pytest

from conftest import read_csv
from gkstudy.extract import extract_file

FOLDER = Path(__file__).resolve().parent / "pdfs" / "page_breaks"
CUT_MID_WORD = ("t3_header_cut_mid_word", "t4_header_cut_mid_word")
CASES = sorted(p.stem for p in FOLDER.glob("*.pdf") if p.stem not in CUT_MID_WORD)


def _read(name: str):
    truth = {(r["table"], r["row"], r["col"]): float(r["value"]) for r in read_csv(FOLDER / f"{name}.truth.csv")}
    got = extract_file(FOLDER / f"{name}.pdf")
    return truth, got, {(c["table"], c["row"], c["col"]): c for c in got.cells}


def test_table_four_cut_mid_word_is_read_where_its_full_width_part_shows_the_national_columns():
    """Its 15-column part (the page with the data row) puts every word it has at its national
    column; the one word left on the page before (总 | 计) is the one the free column needs."""
    _truth, _got, cells = _read("t4_header_cut_mid_word")
    assert {c["flag"] for k, c in cells.items() if k[0] == "t4"} == {""}


@pytest.mark.parametrize("name", CUT_MID_WORD)
def test_a_header_cut_mid_word_never_swaps_columns(name):
    truth, got, cells = _read(name)
    assert set(cells) == set(truth)
    assert [(k, c["value"], truth[k]) for k, c in cells.items()
            if c["value"] == "" or c["value"] != pytest.approx(truth[k])] == []
    assert {c["flag"] for c in cells.values()} <= {"", "header_assumed"}


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
    assert len(CASES) == 8 and all((FOLDER / f"{n}.pdf").is_file() for n in CUT_MID_WORD)
