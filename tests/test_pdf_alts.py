"""The other PDF reader's text travels with its cell in a field of its own, also when a row is
joined across a page break (no marker inside the cell text)."""

from gkstudy.readers.pdf.grid import PageGrid, join_split_rows
from gkstudy.readers.pdf.reader import _collect, tokens_of


def test_a_disputed_cell_wrapped_over_a_page_keeps_both_readings_whole():
    upper = PageGrid(1, 500.0, [["（一）予以公开", "115", "7"]],
                     [[(0, 0, 100, 20), (100, 0, 150, 20), (150, 0, 200, 20)]], [[None, "116", None]])
    lower = PageGrid(2, 10.0, [["3"]], [[(102, 0, 148, 10)]])
    joined = join_split_rows([upper, lower])
    assert joined[0].cells == [["（一）予以公开", "1153", "7"]]
    assert _collect(joined) == [(0, 0, 1, "1163")]
    tokens = tokens_of(joined, _collect(joined))
    disputed = [t for t in tokens if t.flag]
    assert [(t.text, t.flag, t.alt) for t in disputed] == [("1153", "readers_disagree", "1163")]


def test_a_label_joined_to_its_numbers_takes_the_dispute_of_either_half():
    upper = PageGrid(1, 500.0, [["（二）部分", None, None]], [], [])
    lower = PageGrid(2, 10.0, [["公开", "12", "3"], ["（三）", "1", "1"]], [], [[None, "13", None], [None, None, None]])
    joined = join_split_rows([upper, lower])
    assert joined[0].cells == [["（二）部分公开", "12", "3"]]
    assert joined[1].cells == [["（三）", "1", "1"]]
    assert _collect(joined) == [(0, 0, 1, "13")]
