"""Issue 6.4 / 8.2: an interrupted run leaves the previous outputs intact, keeps what finished, and a
rerun finishes the job; output bytes do not depend on --jobs or on the cache."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, read_csv
from gkstudy.batch.runner import CACHE_DIR, UsageError, extract_to_dir

OUTPUTS = ("reports.csv", "cells.csv", "checks.csv")
SLOW = ("1\t" * 50 + "\n").encode() * 20000  # many seconds of mapper work


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _shards(out: Path) -> int:
    return len(list((out / CACHE_DIR).rglob("*.json")))


@pytest.mark.slow
def test_interrupted_run_keeps_old_outputs_and_a_rerun_finishes(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for seed in SEEDS[:3]:
        shutil.copy(seed, inputs / seed.name)
    extract_to_dir([inputs], out, jobs=1)
    before = _outputs(out)

    for seed in SEEDS[3:]:
        shutil.copy(seed, inputs / seed.name)
    (inputs / "zzz_slow.txt").write_bytes(SLOW)  # sorted last: the run is busy on it when we stop it
    cmd = [sys.executable, "-m", "gkstudy.cli", "extract", str(inputs), "--out", str(out), "--jobs", "1"]
    run = subprocess.Popen(cmd, env=dict(os.environ, PYTHONPATH=str(ROOT)), stderr=subprocess.PIPE, text=True)
    for _ in range(400):
        if _shards(out) == len(SEEDS):
            break
        time.sleep(0.05)
    assert _shards(out) == len(SEEDS), "the new seeds never finished"
    run.send_signal(signal.SIGINT)  # Ctrl-C
    _, err = run.communicate(timeout=30)
    assert run.returncode == 130
    assert err.strip() == "gkstudy: interrupted; finished outputs were left as they were"
    assert _outputs(out) == before  # previous outputs untouched
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # no half-written files

    (inputs / "zzz_slow.txt").unlink()
    summary = extract_to_dir([inputs], out, jobs=1)
    assert summary.from_cache == len(SEEDS)  # nothing that finished was lost
    assert len(read_csv(out / "reports.csv")) == len(SEEDS)


def test_an_exception_mid_batch_leaves_previous_outputs_intact(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, inputs / seed.name)
    extract_to_dir([inputs], out, jobs=1)
    before = _outputs(out)
    (inputs / SEEDS[0].name).write_bytes(SEEDS[0].read_bytes() + b"\n")  # changed: must be extracted again

    import gkstudy.batch.runner as batch

    def exploding(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(batch.ResultCache, "put", exploding)
    with pytest.raises(UsageError, match="^cannot write .*disk full; outputs of earlier runs were left as they were$"):
        extract_to_dir([inputs], out, jobs=1)
    assert _outputs(out) == before
    monkeypatch.undo()
    assert extract_to_dir([inputs], out, jobs=1).total == len(SEEDS)


def test_same_bytes_whatever_the_jobs_and_the_cache(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, inputs / seed.name)
        shutil.copy(seed, inputs / f"copy of {seed.name}")
    (inputs / "empty.txt").write_bytes(b"")
    extract_to_dir([inputs], tmp_path / "one", jobs=1)
    extract_to_dir([inputs], tmp_path / "two", jobs=2)
    fresh = _outputs(tmp_path / "one")
    assert fresh == _outputs(tmp_path / "two")
    rerun = extract_to_dir([inputs], tmp_path / "one", jobs=2)
    assert rerun.from_cache == len(SEEDS) + 1  # the seeds and the empty file
    assert _outputs(tmp_path / "one") == fresh
