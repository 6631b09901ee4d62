"""The assertion the format tests share: a report's cells are exactly its edition's canonical cells,
each with the known value and the expected flag."""

from __future__ import annotations

import pytest

from gkstudy.core import codebook


def assert_every_cell(cells: list[dict], edition: str, values: dict, flag_of=lambda key: "") -> None:
    got = {(c["table"], c["row"], c["col"]): c for c in cells}
    assert set(got) == {(c.table, c.row, c.col) for c in codebook.cells(edition)}
    for key, cell in got.items():
        assert (cell["value"], cell["flag"]) == (pytest.approx(values[key]), flag_of(key)), key
