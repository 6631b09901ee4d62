"""The harmonization rules on the bundled samples (000/001/004 = 2019 edition, 002/003 = 2021) and on
edited copies of them that print the other edition's （六） shape or leave parts NA."""

import pandas as pd
import pytest

from gkstudy.core import codebook
from gkstudy.datasets import harmonize
from gkstudy.datasets.tables import Processed, harmonized, load_processed
from export_fixtures import extract_samples
from test_tables import RID

OTHER_PARTS = ("other.no_correction", "other.no_fee", "other.other")


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    extract_samples(out)
    return load_processed(out)


def with_values(p: Processed, rid: str, values: dict[str, float | None]) -> Processed:
    """A copy of ``p`` in which report ``rid`` has the given cell values (adding cells where needed)."""
    cells = p.cells.copy()
    for code, value in values.items():
        table, rest = code.split(".", 1)
        row, col = rest.rsplit(".", 1)
        hit = (cells["report_id"] == rid) & (cells["table"] == table) & (cells["row"] == row) & (cells["col"] == col)
        if hit.any():
            cells.loc[hit, "value"] = value
        else:
            extra = pd.DataFrame([{"report_id": rid, "table": table, "row": row, "col": col, "value": value}])
            cells = pd.concat([cells, extra.astype({"value": "float64"})], ignore_index=True)
    return Processed(p.reports, cells, p.checks)


def panel(p: Processed) -> pd.DataFrame:
    return harmonized(p).set_index("report_id")


def test_panel_columns_are_codebook_codes_in_both_editions(processed):
    frame = harmonized(processed)
    codes = harmonize.harmonized_codes()
    assert list(frame.columns[-len(codes):]) == codes
    for code in codes:
        table, rest = code.split(".", 1)
        row, col = rest.rsplit(".", 1)
        if row != "other":  # the one target defined by a sum in 2021
            assert codebook.cell("2019", table, row, col) and codebook.cell("2021", table, row, col), code
    assert not any(c.startswith("t2.art20_1.") or c.startswith("t2.art20_8.") for c in codes)


def test_same_cells_are_copied_unchanged(processed):
    frame = panel(processed)
    cells = processed.cells.assign(code=lambda c: c["table"] + "." + c["row"] + "." + c["col"])
    for label, rid in RID.items():
        mine = cells[cells["report_id"] == rid].set_index("code")["value"]
        for code in ("t3.received.total", "t3.granted.natural_person", "t4.review.total",
                     "t2.art20_6.penalty.decisions", "t3.carried_out.total"):
            a, b = frame.loc[rid, code], mine[code]
            assert (pd.isna(a) and pd.isna(b)) or a == b, (label, code)


def test_2019_single_other_row_is_kept(processed):
    p = with_values(processed, RID["001"], {"t3.other.total": 4, "t3.other.legal": 1})
    row = panel(p).loc[RID["001"]]
    assert row["t3.other.total"] == 4 and row["t3.other.legal"] == 1 and row["other_shape"] == "single"


def test_2021_three_other_rows_are_summed(processed):
    p = with_values(processed, RID["003"], {"t3.other.no_correction.total": 2, "t3.other.no_fee.total": 1,
                                             "t3.other.other.total": 4})
    row = panel(p).loc[RID["003"]]
    assert row["t3.other.total"] == 7 and row["other_shape"] == "three_rows"


def test_2021_sum_is_na_when_any_part_is_na(processed):
    p = with_values(processed, RID["003"], {"t3.other.no_correction.total": 2, "t3.other.no_fee.total": None,
                                             "t3.other.other.total": 4})
    row = panel(p).loc[RID["003"]]
    assert pd.isna(row["t3.other.total"])
    assert row["t3.other.natural_person"] == 0  # other columns were read: 0 + 0 + 0


def test_2021_report_printing_the_old_single_row_keeps_it(processed):
    # What the mapper writes then: the three rows NA (flag other_row_shape) and the value on row `other`.
    values = {f"t3.{r}.total": None for r in OTHER_PARTS} | {"t3.other.total": 5}
    row = panel(with_values(processed, RID["002"], values)).loc[RID["002"]]
    assert row["t3.other.total"] == 5 and row["other_shape"] == "single"


def test_2019_report_printing_three_rows_is_summed(processed):
    values = {"t3.other.total": None, "t3.other.no_correction.total": 1, "t3.other.no_fee.total": 0,
              "t3.other.other.total": 2}
    row = panel(with_values(processed, RID["000"], values)).loc[RID["000"]]
    assert row["t3.other.total"] == 3


def test_samples_other_shape_follows_the_edition(processed):
    frame = panel(processed)
    for label in ("000", "001", "004"):
        assert frame.loc[RID[label], "other_shape"] == "single"
        assert frame.loc[RID[label], "edition"] == "2019"
    for label in ("002", "003"):
        assert frame.loc[RID[label], "other_shape"] == "three_rows"
        assert frame.loc[RID[label], "edition"] == "2021"


def test_every_rule_is_written_down():
    text = harmonize.harmonization_markdown()
    for rule in harmonize.RULES:
        assert rule.name in text and rule.why in text
    for cells, why in harmonize.NOT_HARMONIZED:
        assert why in text
