"""Whole reports drawn by reportlab (tests/reportlab_report.py): a third PDF producer, with a
non-embedded CID font, spans drawn by the table engine and table 三 split over pages with its
header repeated. Every cell against the numbers the report was drawn from."""

import pytest

from builders import known_values
from gkstudy.core import codebook
from gkstudy.extract import extract_bytes

pytest.importorskip("reportlab")
from reportlab_report import build_pdf  # noqa: E402


def _read(edition: str, ruled: bool):
    values = known_values(edition)
    got = extract_bytes(f"reportlab_{edition}.pdf", build_pdf(edition, values, ruled))
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    return values, got, cells


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_ruled_report_reads_every_cell_unflagged(edition):
    values, got, cells = _read(edition, ruled=True)
    assert got.report["status"] == "ok", got.report["error"]
    assert got.report["edition"] == edition
    assert set(cells) == {(c.table, c.row, c.col) for c in codebook.cells(edition)}
    assert [(k, c["value"], c["flag"]) for k, c in cells.items()
            if c["value"] != pytest.approx(values[k]) or c["flag"]] == []


@pytest.mark.parametrize("edition", ["2021", "2019"])
def test_unruled_report_reads_every_cell_from_word_positions(edition):
    values, got, cells = _read(edition, ruled=False)
    assert "cells read from word positions" in got.report["error"]
    assert set(cells) == {(c.table, c.row, c.col) for c in codebook.cells(edition)}
    assert [(k, c["value"]) for k, c in cells.items() if c["value"] != pytest.approx(values[k])] == []


def test_table_three_really_spans_pages():
    """The case the test is for: the drawn t3 continues on the next page under a repeated header."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(build_pdf("2021", known_values("2021"), True))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    with_header = [i for i, text in enumerate(pages) if "申请人情况" in text]
    assert len(with_header) >= 2
