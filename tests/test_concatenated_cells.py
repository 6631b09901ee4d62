"""Numbers run together when a web page's table is flattened to text (平潭: 21710000218 is
217|1|0|0|0|0|218). The row identities cut them when exactly one cut fits; otherwise NA."""


from gkstudy.extract import extract_file
from gkstudy.mapper.rowfit import split_concatenated
from conftest import ROOT

T3_ROW = [(6, [0, 1, 2, 3, 4, 5])]
T4_ROW = [(4, [0, 1, 2, 3]), (9, [5, 6, 7, 8]), (14, [10, 11, 12, 13])]


def test_unique_cut_of_a_t3_row():
    assert split_concatenated("21710000218", 7, T3_ROW) == [[217, 1, 0, 0, 0, 0, 218]]


def test_unique_cut_of_the_t4_row():
    assert split_concatenated("21317000001324019", 15, T4_ROW) == [[2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]]


def test_ambiguous_cut_gives_several_answers():
    # 1|11|21|21|21|0|75 and 11|1|21|21|21|0|75 print the same digits and both add up
    ways = split_concatenated("111212121075", 7, T3_ROW)
    assert ways == [[1, 11, 21, 21, 21, 0, 75], [11, 1, 21, 21, 21, 0, 75]]


def test_leading_zeros_never_make_a_number():
    assert split_concatenated("00000000", 7, T3_ROW) == []


def test_flattened_report_reads_through_the_pipeline():
    result = extract_file(ROOT / "tests" / "texts" / "flattened_web_page.txt")
    cells = {(c["table"], c["row"], c["col"]): (c["value"], c["flag"]) for c in result.cells}
    assert cells[("t3", "received", "natural_person")] == (217, "split_by_identity")
    assert cells[("t3", "received", "total")] == (218, "split_by_identity")
    assert cells[("t4", "suit_after_review", "total")] == (19, "split_by_identity")
    assert cells[("t4", "review", "total")] == (7, "split_by_identity")
    assert result.report["status"] == "partial"
    assert result.report["year"] == 2019


def test_ambiguous_row_is_na_not_a_guess(tmp_path):
    text = (ROOT / "tests" / "texts" / "flattened_web_page.txt").read_text(encoding="utf-8")
    path = tmp_path / "amb.txt"
    path.write_text(text.replace("数量21710000218", "数量111212121075"), encoding="utf-8")
    cells = {(c["row"], c["col"]): c for c in extract_file(path).cells if c["table"] == "t3"}
    assert cells[("received", "total")]["value"] == ""
    assert cells[("received", "total")]["flag"] == "concatenated_cells"
