"""Every export format loads back with the same values, Chinese text intact and NA still NA."""

import pandas as pd
import pyreadstat
import pytest

from gkstudy.datasets.export import WORKBOOK, export_tables
from gkstudy.datasets.stata import stata_label
from gkstudy.datasets.stata_names import stata_names
from gkstudy.datasets.tables import all_tables, cast, load_processed
from export_fixtures import assert_same_values, extract_samples


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    src = tmp_path_factory.mktemp("processed")
    extract_samples(src)
    tables = all_tables(load_processed(src))
    # Text that trips up spreadsheets and CSV: a formula-looking cell, quotes, a comma, Chinese.
    reports = tables["reports_table"]
    reports.loc[0, "error"] = '=SUM(A1) "引号", 逗号'
    out = tmp_path_factory.mktemp("datasets")
    result = export_tables(tables, out)
    return tables, out, result


def read_csv_typed(path, codebook, dataset):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    types = codebook[codebook["dataset"] == dataset].set_index("name")["type"]
    return frame.apply(lambda s: cast(s, types[s.name]))


def test_csv_has_bom_and_loads_back(exported):
    tables, out, result = exported
    codebook = pd.read_csv(out / "codebook.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for name, frame in tables.items():
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        assert_same_values(frame, read_csv_typed(out / f"{name}.csv", codebook, name), name)
    assert "通河县浓河镇人民政府" in (out / "reports_table.csv").read_text(encoding="utf-8-sig")


def test_parquet_loads_back(exported):
    tables, out, _ = exported
    for name, frame in tables.items():
        assert_same_values(frame, pd.read_parquet(out / f"{name}.parquet"), name)


def test_stata_loads_back_with_names_and_labels(exported):
    tables, out, _ = exported
    codebook = pd.read_csv(out / "codebook.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for name, frame in tables.items():
        names = stata_names(list(frame.columns))
        loaded = pd.read_stata(out / f"{name}.dta", convert_categoricals=False)
        assert list(loaded.columns) == list(names.values())
        loaded.columns = list(frame.columns)
        assert_same_values(frame, loaded, name)
        _, meta = pyreadstat.read_dta(str(out / f"{name}.dta"), metadataonly=True)
        labels = codebook[codebook["dataset"] == name].set_index("name")["label_zh"]
        for column, stata in names.items():
            assert meta.column_names_to_labels[stata] == stata_label(labels[column]), (name, column)
            assert len(meta.column_names_to_labels[stata]) <= 80


def test_excel_has_a_sheet_per_table_and_the_codebook(exported):
    tables, out, _ = exported
    sheets = pd.read_excel(out / WORKBOOK, sheet_name=None, dtype=object, engine="openpyxl")
    assert list(sheets) == [*tables, "codebook"]
    for name, frame in tables.items():
        assert_same_values(frame, sheets[name], name)
    assert sheets["reports_table"].loc[0, "error"] == '=SUM(A1) "引号", 逗号'  # text, not a formula


def test_na_survives_every_format(exported):
    tables, out, _ = exported
    t3 = tables["t3_wide"]
    na_rows = t3["t3.carried_out.total"].isna()
    assert na_rows.sum() == 1  # sample 002 leaves 四、结转下年度继续办理 blank
    assert pd.read_csv(out / "t3_wide.csv", encoding="utf-8-sig")["t3.carried_out.total"].isna().tolist() == na_rows.tolist()
    assert pd.read_parquet(out / "t3_wide.parquet")["t3.carried_out.total"].isna().tolist() == na_rows.tolist()
    assert pd.read_stata(out / "t3_wide.dta")["t3_carried_out_total"].isna().tolist() == na_rows.tolist()
    xlsx = pd.read_excel(out / WORKBOOK, sheet_name="t3_wide", engine="openpyxl")
    assert xlsx["t3.carried_out.total"].isna().tolist() == na_rows.tolist()
    assert (t3.loc[~na_rows, "t3.carried_out.total"] == 0).all()  # the others really are 0, not NA


def test_stata_label_shortening_keeps_the_column_part():
    long = "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" * 2 + " · 自然人"
    short = stata_label(long)
    assert len(short) == 80 and short.endswith("… · 自然人")
    assert stata_label("短标签") == "短标签"
