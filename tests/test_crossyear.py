"""Cross-year warnings over report and cell rows, and written by a batch run to crossyear.csv."""

from gkstudy.batch.runner import extract_to_dir
from gkstudy.datasets import study_data, tables
from gkstudy.checks.crossyear import agency_key, cross_year_checks
from checks_corpus import render, table_numbers
from conftest import read_csv


def report(rid, year, agency="通河县浓河镇人民政府", code="230128"):
    return {"report_id": rid, "status": "ok", "year": str(year), "edition": "2021", "agency": agency,
            "county": "通河县", "county_code": code}


def test_carry_over_and_rollover():
    rows = [report("a", 2022), report("b", 2023, agency="浓河镇")]
    cs = [{"report_id": "a", "table": "t3", "row": "carried_out", "col": "total", "value": "3", "flag": ""},
          {"report_id": "a", "table": "t2", "row": "art20_1.regulations", "col": "in_force", "value": "10", "flag": ""},
          {"report_id": "b", "table": "t3", "row": "carried_in", "col": "total", "value": "1", "flag": ""}]
    cs += [{"report_id": "b", "table": "t2", "row": "art20_1.regulations", "col": c, "value": v, "flag": ""}
           for c, v in (("issued", "2"), ("repealed", "1"), ("in_force", "11"))]
    got = {c["check"]: c for c in cross_year_checks(rows, cs)}
    assert got["carry_over_mismatch"]["passed"] == "false"
    assert (got["carry_over_mismatch"]["expected"], got["carry_over_mismatch"]["observed"]) == (3, 1)
    assert got["in_force_rollover"]["passed"] == "true" and got["in_force_rollover"]["expected"] == 11
    assert all(c["severity"] == "warning" and c["report_id"] == "b" for c in got.values())


def test_same_agency_key_across_name_forms():
    a = agency_key({"agency": "通河县浓河镇人民政府", "county": "通河县", "county_code": "230128"})
    assert a == agency_key({"agency": "浓河镇", "county": "通河县", "county_code": "230128"})


def test_gap_year_and_repaired_values_are_not_compared():
    rows = [report("a", 2021), report("b", 2023)]
    assert cross_year_checks(rows, []) == []


def _rows_of(path, report_id) -> list[str]:
    """The lines of a contract CSV that belong to one report, as bytes on disk."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines[1:] if line.startswith(f"{report_id},")]


def test_batch_writes_cross_year_rows_to_their_own_file(tmp_path):
    t3a, t4 = table_numbers(1)
    t3b, _ = table_numbers(2)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text(render(t3b, t4, year=2023), encoding="utf-8")
    extract_to_dir([tmp_path / "in"], tmp_path / "out", jobs=1, progress=False)
    rid = read_csv(tmp_path / "out" / "reports.csv")[0]["report_id"]
    before = {n: _rows_of(tmp_path / "out" / n, rid) for n in ("reports.csv", "cells.csv", "checks.csv")}
    assert read_csv(tmp_path / "out" / "crossyear.csv") == []
    # adding LAST year's report adds cross-year rows to this year's report, in crossyear.csv only:
    # the rows this report has in reports/cells/checks.csv stay byte for byte as they were
    (tmp_path / "in" / "a.txt").write_text(render(t3a, t4, year=2022, date="2023年1月12日"), encoding="utf-8")
    extract_to_dir([tmp_path / "in"], tmp_path / "out", jobs=1, progress=False)
    assert {n: _rows_of(tmp_path / "out" / n, rid) for n in before} == before
    assert not any(c["check"] == "carry_over_mismatch" for c in read_csv(tmp_path / "out" / "checks.csv"))
    rows = [c for c in read_csv(tmp_path / "out" / "crossyear.csv") if c["check"] == "carry_over_mismatch"]
    assert {c["report_id"] for c in rows} == {rid}
    # the loaders of notebooks and exports put them back beside the other checks
    n = len(read_csv(tmp_path / "out" / "crossyear.csv"))
    for loaded in (study_data.load_processed(tmp_path / "out"), tables.load_processed(tmp_path / "out")):
        assert loaded.checks["check"].isin(["carry_over_mismatch", "in_force_rollover"]).sum() == n
        assert len(loaded.checks) == len(read_csv(tmp_path / "out" / "checks.csv")) + n
    assert len(rows) == 7
    total = next(c for c in rows if c["col"] == "total")
    assert int(total["expected"]) == t3a["carried_out"][6] and int(total["observed"]) == t3b["carried_in"][6]
    assert total["passed"] == ("true" if t3a["carried_out"][6] == t3b["carried_in"][6] else "false")

