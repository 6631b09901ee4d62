"""Issue 13: a folder of hostile and broken files (the dozen cheapest cases of
bench/hostile_folder.py) plus one good report, run in one go through the real command and real
worker processes: exit 0, every file a row or a counted skip, the reasons say what happened, the
good report as it reads alone, nothing from outside the folder in any output."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from pathlib import Path

from conftest import SAMPLES, read_csv
from gkstudy.batch.names import name_to_bytes
from gkstudy.cli import main
from gkstudy.extract import extract_file
from hostile_files import BAD_NAME, GBK_NAME, build_hostile_folder

# Enough for text files, far below what the bomb PDF (512 MB inflated) asks of pdfium.
MEMORY_MB = 300


def test_a_hostile_folder_runs_in_one_go(tmp_path):
    """One run (it costs seconds); each check below names what it holds."""
    run = hostile_run(tmp_path)
    for check in CHECKS:
        check(run)


def hostile_run(base: Path) -> dict:
    folder = build_hostile_folder(base / "in", base / "outside", SAMPLES)
    out = base / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["extract", str(base / "in"), "--out", str(out), "--jobs", "2", "--max-memory", str(MEMORY_MB)])
    rows = {os.path.relpath(r["source_file"], base / "in"): r for r in read_csv(out / "reports.csv")}
    return {"code": code, "err": err.getvalue(), "base": base, "out": out, "rows": rows, **folder}


def _the_run_ends_with_exit_0_and_one_summary_line(run):
    assert run["code"] == 0
    assert run["err"].count("\n") == 1 and "Traceback" not in run["err"]
    assert run["err"].rstrip().endswith("; not read: 3 broken links or link loops, 3 links leading out of "
                                                "the folder, 1 special files (FIFO, socket, device)")


def _every_file_is_a_row_or_a_counted_skip(run):
    assert sorted(run["rows"]) == sorted(run["expect"])
    assert len(read_csv(run["out"] / "reports.csv")) == len(run["expect"])


def _each_row_says_what_happened(run):
    for name, (status, reason) in run["patterns"].items():
        row = run["rows"][name]
        assert status.fullmatch(row["status"]), (name, row["status"], row["error"])
        assert reason.search(row["error"]) or reason.fullmatch(row["error"]), (name, row["error"])


def _links_out_of_the_folder_and_special_files_are_counted_not_read(run):
    from collections import Counter

    from gkstudy.batch.runner import find_inputs

    refused: Counter = Counter()
    found = find_inputs([run["base"] / "in"], Counter(), refused)
    assert dict(refused) == run["skipped"]
    assert all(p.resolve().is_relative_to((run["base"] / "in").resolve()) for p, _ in found)


def _nothing_from_outside_the_folder_in_any_output(run):
    secret = run["secret"].encode()
    outputs = [p for p in run["out"].rglob("*") if p.is_file()]
    assert len(outputs) >= 4  # the three CSV files and the cache shards
    assert not [p for p in outputs if secret in p.read_bytes()]
    sha_outside = {hashlib.sha256(p.read_bytes()).hexdigest()
                   for p in (run["base"] / "outside").rglob("*") if p.is_file()}
    assert not sha_outside & {r["sha256"] for r in run["rows"].values()}


def _the_good_report_reads_as_it_does_alone(run):
    good = run["base"] / "in" / run["good"]
    alone = extract_file(good, str(good))
    row = run["rows"][run["good"]]
    assert {k: row[k] for k in alone.report} == {k: str(v) for k, v in alone.report.items()}
    cells = [c for c in read_csv(run["out"] / "cells.csv") if c["report_id"] == row["report_id"]]
    assert cells == [{k: str(v) for k, v in c.items()} for c in alone.cells]


def _names_that_are_not_utf8_are_rows_whose_bytes_can_be_had_back(run):
    names = os.fsencode(run["base"] / "in" / "names")
    got = {r["source_file_encoding"]: name_to_bytes(r["source_file"], r["source_file_encoding"])
           for r in run["rows"].values() if r["source_file_encoding"]}
    assert got == {"gb18030": os.path.join(names, GBK_NAME), "escaped": os.path.join(names, BAD_NAME)}
    gbk = run["rows"]["names/" + GBK_NAME.decode("gb18030")]
    assert gbk["status"] in ("ok", "partial") and gbk["agency"]


def _the_title_after_forty_blank_lines_still_gives_the_agency(run):
    row = run["rows"]["blank lines first.txt"]
    alone = extract_file(sorted(SAMPLES.glob("004_*.txt"))[0])
    assert row["agency"] == alone.report["agency"] != ""
    assert row["year"] == str(alone.report["year"])


CHECKS = [_the_run_ends_with_exit_0_and_one_summary_line, _every_file_is_a_row_or_a_counted_skip, _each_row_says_what_happened, _links_out_of_the_folder_and_special_files_are_counted_not_read, _nothing_from_outside_the_folder_in_any_output, _the_good_report_reads_as_it_does_alone, _names_that_are_not_utf8_are_rows_whose_bytes_can_be_had_back, _the_title_after_forty_blank_lines_still_gives_the_agency]
