"""Issue 16: the corrections file — applied after reading and before the checks, kept through the
cache, reported line by line; a malformed file stops with one line naming file and line."""

from __future__ import annotations

import shutil

import pytest

from conftest import SAMPLES, read_csv, with_readings
from gkstudy.batch.cache import ResultCache, result_key
from gkstudy.batch.runner import extract_to_dir
from gkstudy.checks import corrections as corr
from gkstudy.checks.recheck import recheck_rows
from gkstudy.cli import main

HONGZE = "淮安市洪泽区人民政府_2023.pdf"
HEADER = "sha256,table,row,col,value,note,by,date,file\n"


@pytest.fixture(scope="module")
def hongze(tmp_path_factory, hongze_read):
    """The 洪泽区 2023 report (its reading from the session's cache); each test writes its own folder."""
    base = tmp_path_factory.mktemp("hongze")
    (base / "in").mkdir()
    shutil.copy(SAMPLES / HONGZE, base / "in" / HONGZE)
    extract_to_dir([base / "in"], with_readings(hongze_read, base / "plain"), jobs=1, progress=False)
    sha = read_csv(base / "plain" / "reports.csv")[0]["sha256"]
    return base, sha


def _run(hongze, name, text):
    base, _sha = hongze
    out = base / name
    if not out.exists():
        shutil.copytree(base / "plain", out)  # the cache comes along: the file is not read again
    fixes = base / f"{name}.csv"
    fixes.write_text(HEADER + text, encoding="utf-8")
    return out, fixes, extract_to_dir([base / "in"], out, jobs=1, progress=False, corrections=fixes)


def _two_totals(sha, review="11", after="5"):
    return (f"{sha},t4,review,total,{review},printed 0 beside 10 upheld and 1 corrected,ta,2026-12-01,{HONGZE}\n"
            f"{sha},t4,suit_after_review,total,{after},printed 0 beside 5 upheld,ta,2026-12-01,{HONGZE}\n")


def _cell(out, row):
    return next(c for c in read_csv(out / "cells.csv") if (c["table"], c["row"], c["col"]) == ("t4", row, "total"))


def _t4_checks(out):
    return {c["row"]: c["passed"] for c in read_csv(out / "checks.csv") if c["check"] == "t4_row_total"}


def test_the_printed_error_fails_its_checks_without_corrections(hongze):
    base, _sha = hongze
    assert _t4_checks(base / "plain") == {"review": "false", "suit_direct": "true", "suit_after_review": "false"}
    assert not (base / "plain" / corr.REPORT_FILE).exists()


def test_two_corrections_make_the_row_totals_pass_and_keep_the_printed_reading(hongze):
    _base, sha = hongze
    out, _fixes, summary = _run(hongze, "fixed", _two_totals(sha))
    assert summary.from_cache == 1  # corrections do not read the file again
    assert _t4_checks(out) == {"review": "true", "suit_direct": "true", "suit_after_review": "true"}
    cell = _cell(out, "review")
    assert (cell["value"], cell["raw"], cell["value_read"]) == ("11", "0", "0")
    assert "corrected" in cell["flag"].split(";")
    assert _cell(out, "suit_direct")["flag"] == ""  # cells nobody corrected stay as read
    report = read_csv(out / "reports.csv")[0]
    assert report["checks_failed"] == "0"
    assert [r["outcome"] for r in read_csv(out / corr.REPORT_FILE)] == ["applied", "applied"]
    assert "corrections: 2 applied" in summary.line()


def test_a_rerun_with_the_same_corrections_is_byte_identical(hongze):
    _base, sha = hongze
    out, _fixes, _ = _run(hongze, "again", _two_totals(sha))
    before = {n: (out / n).read_bytes() for n in ("reports.csv", "cells.csv", "checks.csv", corr.REPORT_FILE)}
    _run(hongze, "again", _two_totals(sha))
    assert {n: (out / n).read_bytes() for n in before} == before


def test_a_changed_corrections_file_is_re_applied_from_the_cache(hongze):
    _base, sha = hongze
    out, _fixes, _ = _run(hongze, "changed", _two_totals(sha))
    _out, _fixes, summary = _run(hongze, "changed", _two_totals(sha, review="12"))
    assert summary.from_cache == 1
    assert _cell(out, "review")["value"] == "12"
    assert _t4_checks(out)["review"] == "false"  # a wrong correction fails honestly


def test_unknown_sha256_warns_and_a_correction_no_longer_needed_is_reported(hongze):
    _base, sha = hongze
    other = "ab" * 32
    out, _fixes, summary = _run(hongze, "unknown", f"{sha},t4,suit_direct,total,0,,,,\n{other},t3,received,total,3,,,,\n")
    assert "warning: 1 correction for reports not among the inputs" in summary.line()
    outcomes = {r["sha256"]: r["outcome"] for r in read_csv(out / corr.REPORT_FILE)}
    assert outcomes == {sha: "not_needed", other: "unknown_report"}
    assert _cell(out, "suit_direct")["flag"] == ""


@pytest.mark.parametrize("line, says", [
    ("{sha},t4,review,total,eleven,,,,", "line 2: value 'eleven' is not a number"),
    ("{sha},t4,review,totl,11,,,,", "line 2: t4.review.totl is not a cell code"),
    ("94a2113,t4,review,total,11,,,,", "line 2: sha256 '94a2113' is not 64 hex digits"),
    ("{sha},t4,review,total,11,,,,\n{sha},t4,review,total,12,,,,", "line 3: t4.review.total of 94a211353fb046b7 "
                                                                    "corrected to 12 here but to 11 on line 2"),
])
def test_a_malformed_file_exits_2_with_one_line(hongze, tmp_path, capsys, line, says):
    base, sha = hongze
    fixes = tmp_path / "corrections.csv"
    fixes.write_text(HEADER + line.format(sha=sha) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(base / "in"), "--out", str(out), "--corrections", str(fixes), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"gkstudy: error: {fixes} {says}" or (err.startswith(f"gkstudy: error: {fixes} ") and says in err)
    assert "\n" not in err and not out.exists()  # stopped before anything was read or written


def test_a_cell_of_the_other_edition_exits_2_and_leaves_the_outputs(hongze, capsys):
    base, sha = hongze
    out = base / "edition"
    shutil.copytree(base / "plain", out)
    before = (out / "cells.csv").read_bytes()
    fixes = base / "edition.csv"
    fixes.write_text(HEADER + f"{sha},t2,art20_1.regulations,new_made,1,,,,\n", encoding="utf-8")  # a 2019 code
    assert main(["extract", str(base / "in"), "--out", str(out), "--corrections", str(fixes), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{fixes} line 2: t2.art20_1.regulations.new_made is not a cell of" in err and "(edition 2021)" in err
    assert (out / "cells.csv").read_bytes() == before


def test_same_decision_twice_is_one_correction(tmp_path):
    sha = "cd" * 32
    path = tmp_path / "c.csv"
    path.write_text(HEADER + f"{sha},t4,review,total,11,,,,\n\n{sha},t4,review,total,11.0,,,,\n", encoding="utf-8")
    rows = corr.read_corrections(path).rows
    assert [(r.line, r.value) for r in rows] == [(2, 11)]


def test_na_is_a_correction_value(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(HEADER + f"{'ef' * 32},t4,review,total,NA,illegible,,,\n", encoding="utf-8")
    assert corr.read_corrections(path).rows[0].value is None


def test_recheck_of_an_uncorrected_reading_gives_its_checks_in_their_order(hongze):
    base, sha = hongze
    got = ResultCache(base / "plain" / ".cache").get(result_key(sha, HONGZE), HONGZE)
    assert got.statements is not None and got.checks
    again = recheck_rows(got.report["report_id"], got.report["edition"], got.cells, got.statements, got.checks)
    assert again == got.checks


def test_exports_carry_the_flag_and_the_codebook_explains_it(hongze, tmp_path):
    from gkstudy.datasets.export import export_processed

    _base, sha = hongze
    out, _fixes, _ = _run(hongze, "exported", _two_totals(sha))
    export_processed(out, tmp_path / "datasets", formats="csv")
    long = read_csv(tmp_path / "datasets" / "cells_long.csv")
    total = next(c for c in long if c["code"] == "t4.review.total")
    assert (total["value"], total["value_read"], total["flag"]) == ("11", "0", "corrected")
    book = {(r["dataset"], r["name"]): r for r in read_csv(tmp_path / "datasets" / "codebook.csv")}
    assert "corrected" in book[("cells_long", "flag")]["values"].split(";")
    assert "corrections file" in book[("cells_long", "flag")]["note"]
    assert "corrected" in book[("cells_long", "value_read")]["note"]


@pytest.mark.parametrize("text, value", [("11", 11), ("11.0", 11), ("12.5", 12.5), ("1,234", 1234), ("-3", -3),
                                         ("NA", None), ("", None)])
def test_values_are_plain_numbers_in_the_spec_unit(text, value):
    assert corr.value_of(text) == value


@pytest.mark.parametrize("text", ["1 2", "12万元", "十一", "1,23", "0x10"])
def test_anything_else_is_not_a_value(text):
    with pytest.raises(ValueError):
        corr.value_of(text)
