"""Every output file gets the mode an ordinary new file gets (0644 under umask 022): a lab group
can read the contract CSVs, long.csv/wide.csv and the datasets alike (one atomic-write helper)."""

import os
import shutil
import stat

import pytest

from gkstudy.cli import main
from gkstudy.core.atomic import atomic_target
from gkstudy.datasets.study_data import write_tidy
from conftest import SAMPLES


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_contract_csvs_tidy_tables_and_datasets_are_0644(tmp_path, umask_022, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in sorted(SAMPLES.glob("000_*.txt")):
        shutil.copy(path, inputs / path.name)
    out = tmp_path / "out"
    assert main(["extract", "--out", str(out), "--jobs", "1", "--no-cache", "--no-progress", str(inputs)]) == 0
    write_tidy(out)
    assert main(["export", "--formats", "csv,parquet,dta,xlsx", "--in", str(out)]) == 0
    files = sorted(p for p in out.rglob("*") if p.is_file() and ".cache" not in p.parts)
    names = {p.name for p in files}
    assert {"reports.csv", "cells.csv", "checks.csv", "long.csv", "wide.csv", "t3_wide.csv", "t3_wide.parquet",
            "t3_wide.dta", "gkstudy_tables.xlsx", "datapackage.json"} <= names
    assert {p.name: oct(_mode(p)) for p in files} == {p.name: oct(0o644) for p in files}


def test_the_mode_follows_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        with atomic_target(tmp_path / "a.csv") as tmp:
            tmp.write_text("x\n")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "a.csv") == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]
