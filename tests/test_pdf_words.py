"""The unruled-table reader (readers/pdf/words.py): rows rebuilt from word positions.

Unit cases on hand-placed words, and the three real reports forced through it as if their tables
had no rules: every number it reads must match the hand-read truth.
"""

from pathlib import Path

import pytest

import gkstudy.readers.pdf.reader as pdf_reader
from conftest import read_csv
from gkstudy.extract import extract_file
from gkstudy.readers.pdf.words import is_prose, line_texts, merge_row_lines, words_to_lines

PDFS = Path(__file__).resolve().parent / "pdfs"
REAL = ("淮安市人民政府_2024", "淮安市洪泽区人民政府_2023", "淮安市洪泽区人民政府_2024")


def _w(text, x0, top, width=None, height=10.0):
    width = width if width is not None else 10.0 * len(text)
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + height}


def _read(words):
    return line_texts(merge_row_lines(words_to_lines(words)))


def test_cells_of_a_line_are_split_by_gaps_and_digits_never_join():
    words = [_w("一、本年新收", 50, 100), _w("3", 200, 100), _w("4", 230, 100), _w("12", 260, 100)]
    assert _read(words) == ["一、本年新收  3  4  12"]


def test_a_number_touching_a_label_is_its_own_cell_but_a_unit_is_not():
    words = [_w("已获取信息", 50, 100), _w("5", 101, 100), _w("1768.91", 200, 140), _w("万元", 271, 140)]
    assert _read(words) == ["已获取信息  5", "1768.91万元"]


def test_an_enumeration_starts_a_new_cell():
    words = [_w("(三)不", 50, 100), _w("4.保护第三方合法权益", 111, 100), _w("8", 400, 100)]
    assert _read(words) == ["(三)不  4.保护第三方合法权益  8"]


def test_numbers_of_one_row_printed_on_two_lines_are_joined():
    """The total cell aligned to the top, the others centred: 36 one line above 6 9 3."""
    words = [_w("(二)部分公开", 50, 100), _w("36", 400, 100),
             _w("6", 200, 108), _w("9", 250, 108), _w("3", 300, 108)]
    assert _read(words) == ["(二)部分公开  6  9  3  36"]


def test_two_full_rows_stay_two_rows():
    words = [_w("1.甲", 50, 100), _w("1", 200, 100), _w("2", 250, 100),
             _w("2.乙", 50, 115), _w("3", 200, 115), _w("4", 250, 115)]
    assert _read(words) == ["1.甲  1  2", "2.乙  3  4"]


def test_a_label_wrapped_in_its_cell_continues_the_row_above():
    """Rows 14 pt apart; the wrapped label lines 4 pt under their row."""
    words = [_w("1.属", 50, 100), _w("2", 200, 100), _w("于国家秘密", 50, 114),
             _w("2.其", 50, 138), _w("7", 200, 138), _w("他法律", 50, 152),
             _w("3.危", 50, 176), _w("3", 200, 176)]
    assert _read(words) == ["1.属于国家秘密  2", "2.其他法律  7", "3.危  3"]


def test_a_header_broken_over_lines_joins_by_column():
    words = [_w("自然", 200, 100), _w("商业", 250, 100), _w("人", 205, 112), _w("企业", 250, 112),
             _w("1", 205, 140), _w("2", 255, 140)]
    assert _read(words)[0] == "自然人  商业企业"


def test_narrative_lines_are_left_out():
    prose = words_to_lines([_w("全年共收到申请", 50, 100), _w("1169", 130, 100), _w("件,均已答复", 180, 100)])
    assert is_prose(prose[0])
    table = words_to_lines([_w("规章", 50, 100), _w("2", 200, 100), _w("15", 250, 100)])
    assert not is_prose(table[0])


@pytest.fixture(params=REAL)
def forced_unruled(request, monkeypatch):
    """A real report read as if its tables had no rules."""
    monkeypatch.setattr(pdf_reader, "read_grids", lambda *args: (None, []))
    name = request.param
    truth = {(r["table"], r["row"], r["col"]): r for r in read_csv(PDFS / f"{name}.truth.csv")}
    return truth, extract_file(PDFS / f"{name}.pdf")


def test_real_reports_read_from_word_positions_alone(forced_unruled):
    truth, got = forced_unruled
    assert "cells read from word positions" in got.report["error"]
    wrong, read = [], 0
    for c in got.cells:
        want = truth.get((c["table"], c["row"], c["col"]))
        if want is None or c["value"] == "":
            assert c["value"] == "" or c["flag"], c  # an out-of-edition row is flagged
            continue
        read += 1
        if want["value"] == "NA" or c["value"] != pytest.approx(float(want["value"])):
            wrong.append((c["table"], c["row"], c["col"], c["value"], want["value"]))
    assert wrong == []
    assert read >= 0.85 * sum(1 for t in truth.values() if t["value"] != "NA")
