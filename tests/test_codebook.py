import csv

import pytest

from gkstudy.core import codebook
from conftest import SPEC_CELLS


def test_cell_counts_per_edition_and_table():
    assert len(codebook.cells("2019", "t3")) == 23 * 7
    assert len(codebook.cells("2021", "t3")) == 25 * 7
    assert len(codebook.cells("2019", "t4")) == len(codebook.cells("2021", "t4")) == 15
    assert len(codebook.cells("2021", "t2")) == 10
    assert len(codebook.cells("2019", "t2")) == 22


def test_amount_cells_are_in_wan_yuan():
    units = {c.code: c.unit for c in codebook.cells("2021", "t2")}
    assert units["t2.art20_8.fees.amount"] == "万元"


def test_bilingual_labels():
    assert codebook.label("t3.received.total", "en") == "requests received this year: total"
    assert "本年新收" in codebook.label("t3.received.total", "zh")
    with pytest.raises(ValueError, match="expected 'zh' or 'en'"):
        codebook.label("t3.received.total", "fr")


def test_unknown_edition_error_names_allowed_values():
    with pytest.raises(ValueError, match="2019, 2021"):
        codebook.cells("2020")


def test_packaged_codebook_matches_shared_spec():
    with open(SPEC_CELLS, encoding="utf-8") as fh:
        spec = [tuple(r.values()) for r in csv.DictReader(fh)]
    ours = [(c.edition, c.table, c.row, c.col, c.row_label_zh, c.col_label_zh, c.label_en, c.unit)
            for c in codebook.all_cells()]
    assert ours == spec
