"""Issue 13: a folder of hostile and broken files (the dozen cheapest cases of
bench/hostile_folder.py) plus one good report, run in one go through the real command and real
worker processes: exit 0, every file a row or a counted skip, the reasons say what happened, the
good report as it reads alone, nothing from outside the folder in any output."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os

import pytest

from conftest import SAMPLES, read_csv
from gkstudy.batch.names import name_to_bytes
from gkstudy.cli import main
from gkstudy.extract import extract_file
from hostile_files import BAD_NAME, GBK_NAME, build_hostile_folder

# Enough for text files, far below what the bomb PDF (512 MB inflated) asks of pdfium.
MEMORY_MB = 300


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    folder = build_hostile_folder(base / "in", base / "outside", SAMPLES)
    out = base / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["extract", str(base / "in"), "--out", str(out), "--jobs", "2", "--max-memory", str(MEMORY_MB)])
    rows = {os.path.relpath(r["source_file"], base / "in"): r for r in read_csv(out / "reports.csv")}
    return {"code": code, "err": err.getvalue(), "base": base, "out": out, "rows": rows, **folder}


def test_the_run_ends_with_exit_0_and_one_summary_line(hostile_run):
    assert hostile_run["code"] == 0
    assert hostile_run["err"].count("\n") == 1 and "Traceback" not in hostile_run["err"]
    assert hostile_run["err"].rstrip().endswith("; not read: 3 broken links or link loops, 3 links leading out of "
                                                "the folder, 1 special files (FIFO, socket, device)")


def test_every_file_is_a_row_or_a_counted_skip(hostile_run):
    assert sorted(hostile_run["rows"]) == sorted(hostile_run["expect"])
    assert len(read_csv(hostile_run["out"] / "reports.csv")) == len(hostile_run["expect"])


def test_each_row_says_what_happened(hostile_run):
    for name, (status, reason) in hostile_run["patterns"].items():
        row = hostile_run["rows"][name]
        assert status.fullmatch(row["status"]), (name, row["status"], row["error"])
        assert reason.search(row["error"]) or reason.fullmatch(row["error"]), (name, row["error"])


def test_links_out_of_the_folder_and_special_files_are_counted_not_read(hostile_run):
    from collections import Counter

    from gkstudy.batch.runner import find_inputs

    refused: Counter = Counter()
    found = find_inputs([hostile_run["base"] / "in"], Counter(), refused)
    assert dict(refused) == hostile_run["skipped"]
    assert all(p.resolve().is_relative_to((hostile_run["base"] / "in").resolve()) for p, _ in found)


def test_nothing_from_outside_the_folder_in_any_output(hostile_run):
    secret = hostile_run["secret"].encode()
    outputs = [p for p in hostile_run["out"].rglob("*") if p.is_file()]
    assert len(outputs) >= 4  # the three CSV files and the cache shards
    assert not [p for p in outputs if secret in p.read_bytes()]
    sha_outside = {hashlib.sha256(p.read_bytes()).hexdigest()
                   for p in (hostile_run["base"] / "outside").rglob("*") if p.is_file()}
    assert not sha_outside & {r["sha256"] for r in hostile_run["rows"].values()}


def test_the_good_report_reads_as_it_does_alone(hostile_run):
    good = hostile_run["base"] / "in" / hostile_run["good"]
    alone = extract_file(good, str(good))
    row = hostile_run["rows"][hostile_run["good"]]
    assert {k: row[k] for k in alone.report} == {k: str(v) for k, v in alone.report.items()}
    cells = [c for c in read_csv(hostile_run["out"] / "cells.csv") if c["report_id"] == row["report_id"]]
    assert cells == [{k: str(v) for k, v in c.items()} for c in alone.cells]


def test_names_that_are_not_utf8_are_rows_whose_bytes_can_be_had_back(hostile_run):
    names = os.fsencode(hostile_run["base"] / "in" / "names")
    got = {r["source_file_encoding"]: name_to_bytes(r["source_file"], r["source_file_encoding"])
           for r in hostile_run["rows"].values() if r["source_file_encoding"]}
    assert got == {"gb18030": os.path.join(names, GBK_NAME), "escaped": os.path.join(names, BAD_NAME)}
    gbk = hostile_run["rows"]["names/" + GBK_NAME.decode("gb18030")]
    assert gbk["status"] in ("ok", "partial") and gbk["agency"]


def test_the_title_after_forty_blank_lines_still_gives_the_agency(hostile_run):
    row = hostile_run["rows"]["blank lines first.txt"]
    alone = extract_file(sorted(SAMPLES.glob("004_*.txt"))[0])
    assert row["agency"] == alone.report["agency"] != ""
    assert row["year"] == str(alone.report["year"])
