"""One-cell-per-line text whose empty cells are lines of spaces or a full-width space (U+3000):
each such line is a cell printed empty (flag ``blank``), so the row keeps its length and every
other cell its column."""

import pytest

from gkstudy.core import codebook, flags
from gkstudy.extract import extract_bytes
from gkstudy.readers.txt import lines_to_tokens
from conftest import SAMPLES

SEED = "001_c50ec127ad28e6ef.txt"  # bare cells: one per line, cells separated by empty lines


def _blank_out(text: str, row_label: str, positions: dict[int, str]) -> str:
    """The seed with the value cells at ``positions`` (0-based, after ``row_label``) replaced."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(row_label))
    values = [i for i in range(at + 1, at + 20) if lines[i].strip()][:7]
    for k, filler in positions.items():
        lines[values[k]] = filler
    return "\n".join(lines)


@pytest.fixture(scope="module")
def seed_text():
    return (SAMPLES / SEED).read_text(encoding="utf-8")


@pytest.mark.parametrize("filler", ["\u3000", "   ", "\u3000\u3000"])
def test_whitespace_line_is_an_empty_cell(seed_text, filler):
    cols = codebook.cols("2019", "t3")
    text = _blank_out(seed_text, "一、本年新收", {1: filler, 4: filler})
    got = extract_bytes(SEED, text.encode("utf-8"))
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    want = {(c["table"], c["row"], c["col"]): c for c in extract_bytes(SEED, seed_text.encode("utf-8")).cells}
    for col in cols:
        cell = cells[("t3", "received", col)]
        if col in (cols[1], cols[4]):
            assert (cell["value"], cell["flag"]) == ("", flags.BLANK), col
        else:  # the other cells keep their column and value, no short_row
            assert (cell["value"], cell["flag"]) == (0, ""), col
    # nothing else moved
    for key, cell in want.items():
        if key[:2] != ("t3", "received"):
            assert (cells[key]["value"], cells[key]["flag"]) == (cell["value"], cell["flag"]), key


def test_empty_line_still_separates_cells():
    tokens = lines_to_tokens(["标签", "", "1", "", "\u3000", "", "3", "", "", "4", " "])
    # the empty lines separate, the line of U+3000 is a cell, the last line (no empty line after) is not
    assert [t.text for t in tokens] == ["标签", "1", "", "3", "4"]
