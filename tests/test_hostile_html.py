"""Issue 13.6/13.7: HTML tables are expanded in linear time, spans are bounded per table and per
page, and a page nested past the parser's limit says so. Work is measured in Python line events
inside the table module (deterministic), not in seconds."""

from __future__ import annotations

import sys
import tracemalloc

import pytest

from gkstudy.core.document import ReportError
from gkstudy.extract import extract_bytes
from gkstudy.readers.html import tables
from gkstudy.readers.html.reader import parse_html
from hostile_files import long_table_html, nested_html, span_bomb_html


def _table(page: bytes):
    return next(parse_html(page.decode()).iter("table"))


def _steps_to_expand(table) -> int:
    """Line events executed in gkstudy/readers/html/tables.py while table_grid runs."""
    steps = 0
    module = tables.__file__

    def tracer(frame, event, arg):
        nonlocal steps
        if frame.f_code.co_filename != module:
            return None
        if event == "line":
            steps += 1
        return tracer

    sys.settrace(tracer)
    try:
        tables.table_grid(table)
    finally:
        sys.settrace(None)
    return steps


def test_expanding_a_table_is_linear_in_its_rows():
    small, large = _table(long_table_html(1000)), _table(long_table_html(8000))  # 8k rows: the case
    ratio = _steps_to_expand(large) / _steps_to_expand(small)
    assert 7 < ratio < 9  # 8 times the rows, 8 times the work (quadratic would be ~64)


def test_rowspans_spanning_many_rows_stay_linear():
    def page(rows: int) -> bytes:  # one cell covering the first column of every row, two columns a row
        body = "".join(f"<tr><td>{i}</td><td>{i}</td></tr>" for i in range(1, rows))
        return f"<table><tr><td rowspan=0>a</td><td>0</td><td>x</td></tr>{body}</table>".encode()

    assert tables.table_grid(_table(page(3))) == [["a", "0", "x"], [None, "1", "1"], [None, "2", "2"]]
    ratio = _steps_to_expand(_table(page(4000))) / _steps_to_expand(_table(page(500)))
    assert 7 < ratio < 9


def test_a_table_of_huge_spans_is_refused_with_a_reason_without_using_gigabytes():
    page = span_bomb_html()
    assert len(page) < 80_000
    tracemalloc.start()
    try:
        got = extract_bytes("bomb.html", page).report
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got["status"] == "failed"
    assert got["error"] == ("refused HTML: a table's rowspan/colspan would fill more than 200,000 grid positions "
                            "(markup damage or an attack)")
    assert peak < 200 * 1024 * 1024


def test_the_page_bound_counts_all_tables_together():
    budget = tables.GridBudget(cells=5000)
    table = _table(long_table_html(1000))  # 3,000 positions
    tables.table_grid(table, budget)
    with pytest.raises(ReportError, match="the page.s tables would expand to more than 5,000 cells in all"):
        tables.table_grid(table, budget)


def test_spans_expand_as_before():
    page = (b"<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td><td rowspan=0>d</td></tr>"
            b"<tr><td>e</td></tr><tr><td colspan=3>f</td><td>g</td></tr></table>")
    assert tables.table_grid(_table(page)) == [["a", "b", None], [None, "c", "d"], ["e", None, None],
                                               ["f", None, None, "g"]]


def test_a_report_inside_100000_nested_divs_is_called_too_deep_not_a_non_report():
    got = extract_bytes("deep.html", nested_html(100_000, "<p>某县2023年政府信息公开工作年度报告</p>")).report
    assert got["status"] == "failed"
    assert got["error"] == ("refused HTML: elements nested more than 256 deep (the parser's limit; the page is "
                            "damaged or an attack)")


def test_ordinary_nesting_is_read():
    got = extract_bytes("ok.html", nested_html(40, "<p>某县2023年政府信息公开工作年度报告</p>")).report
    assert "nested" not in got["error"]
