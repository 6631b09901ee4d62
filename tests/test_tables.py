import pandas as pd
import pytest

from gkstudy.core import codebook
from gkstudy.datasets.tables import DATASETS, all_tables, load_processed, long_cells, wide
from export_fixtures import extract_samples

RID = {  # sample file prefix → report_id (first 16 hex digits of the file's SHA-256, see MANIFEST.csv)
    "000": "b01554c4cd4c3e09", "001": "b0b0229e3a5a6577", "004": "36bff7c0d3279348",  # 2019 edition
    "002": "3fc92b260285a132", "003": "9931f3e6d9a28924",  # 2021 edition
}


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    extract_samples(out)
    return load_processed(out)


def test_long_table_has_every_cell_with_metadata_and_provenance(processed):
    long = long_cells(processed)
    assert len(long) == len(processed.cells)
    for column in ("report_id", "edition", "year", "agency", "code", "value", "raw", "flag", "page", "grid_row"):
        assert column in long.columns
    assert (long["code"] == long["table"] + "." + long["row"] + "." + long["col"]).all()
    assert not long.duplicated(["report_id", "table", "row", "col"]).any()


def test_na_stays_na_in_the_tables(processed):
    long = long_cells(processed)
    blank = long[(long["report_id"] == RID["002"]) & (long["row"] == "carried_out")]
    assert len(blank) == 7 and blank["value"].isna().all() and (blank["flag"] == "blank").all()
    t3 = wide(processed, "t3").set_index("report_id")
    assert pd.isna(t3.loc[RID["002"], "t3.carried_out.total"])


@pytest.mark.parametrize("table", codebook.TABLES)
def test_wide_has_one_row_per_report_and_every_code_of_both_editions(processed, table):
    frame = wide(processed, table)
    codes = list(dict.fromkeys(c.code for c in codebook.all_cells() if c.table == table))
    assert frame["report_id"].is_unique and len(frame) == 5
    assert list(frame.columns[-len(codes):]) == codes
    long = long_cells(processed)
    for _, cell in long[long["table"] == table].sample(20, random_state=1).iterrows():
        got = frame.set_index("report_id").loc[cell["report_id"], cell["code"]]
        assert (pd.isna(got) and pd.isna(cell["value"])) or got == cell["value"]


def test_wide_t2_leaves_the_other_editions_cells_na(processed):
    t2 = wide(processed, "t2").set_index("report_id")
    assert t2.loc[RID["001"], "t2.art20_5.licensing.decisions"] == 35
    assert t2.loc[[RID["000"], RID["001"], RID["004"]], "t2.art20_1.regulations.issued"].isna().all()
    assert t2.loc[[RID["002"], RID["003"]], "t2.art20_1.regulations.new_made"].isna().all()


def test_report_table_counts_checks(processed):
    reports = all_tables(processed)["reports_table"].set_index("report_id")
    checks = processed.checks
    for rid in RID.values():
        assert reports.loc[rid, "checks_run"] == (checks["report_id"] == rid).sum()
    assert (reports["checks_failed_warning"] >= 0).all()


def test_all_tables_in_export_order(processed):
    assert tuple(all_tables(processed)) == DATASETS


def test_bad_table_name(processed):
    with pytest.raises(ValueError, match="unknown table"):
        wide(processed, "t9")


def test_repeated_header_columns_are_kept_once_when_they_agree(tmp_path):
    from gkstudy.datasets.tables import read_contract_csv
    path = tmp_path / "r.csv"
    path.write_text("report_id,city,city\nab,朝阳市,朝阳市\n", encoding="utf-8")
    assert list(read_contract_csv(path).columns) == ["report_id", "city"]
    path.write_text("report_id,city,city\nab,朝阳市,长春市\n", encoding="utf-8")
    with pytest.raises(ValueError, match="different values"):
        read_contract_csv(path)
