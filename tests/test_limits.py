"""Issue 6.3: a file that takes too long, needs too much memory, or whose worker dies gets a
``failed`` row with the reason, and the batch goes on with the other files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from conftest import ROOT, SAMPLES, read_csv
from gkstudy.batch.runner import extract_to_dir
from gkstudy.batch.limits import Limits

SEED = SAMPLES / "000_53e3757f6c2b577b.txt"
# A text file of 20,000 rows of numbers: no annual report, but the mapper needs many seconds on it.
SLOW = ("1\t" * 50 + "\n").encode() * 20000


def _folder(tmp_path: Path, name: str, data: bytes) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / name).write_bytes(data)
    (inputs / "b_good.txt").write_bytes(SEED.read_bytes())
    return inputs


def _rows(out: Path) -> dict[str, dict]:
    return {Path(r["source_file"]).name: r for r in read_csv(out / "reports.csv")}


def test_a_file_past_its_time_is_failed_and_the_batch_goes_on(tmp_path):
    inputs = _folder(tmp_path, "a_slow.txt", SLOW)
    summary = extract_to_dir([inputs], tmp_path / "out", jobs=1, limits=Limits(timeout_s=1))
    rows = _rows(tmp_path / "out")
    assert rows["a_slow.txt"]["status"] == "failed"
    assert rows["a_slow.txt"]["error"] == "took longer than 1 s (raise --timeout to allow more)"
    assert rows["b_good.txt"]["status"] in ("ok", "partial")
    assert summary.total == 2


def test_a_file_past_its_memory_is_failed_and_the_batch_goes_on(tmp_path):
    # 20 MB of numbers: each becomes a token object, far more than 150 MB of memory
    inputs = _folder(tmp_path, "a_huge.txt", ("1\t" * 50 + "\n").encode() * 200000)
    extract_to_dir([inputs], tmp_path / "out", jobs=1, limits=Limits(timeout_s=120, max_memory_mb=150))
    rows = _rows(tmp_path / "out")
    assert rows["a_huge.txt"]["status"] == "failed"
    assert rows["a_huge.txt"]["error"] == "needed more than 150 MB (raise --max-memory to allow more)"
    assert rows["b_good.txt"]["status"] in ("ok", "partial")


def test_bound_failures_are_retried_on_a_rerun_not_replayed(tmp_path):
    inputs = _folder(tmp_path, "a_slow.txt", SLOW)
    extract_to_dir([inputs], tmp_path / "out", jobs=1, limits=Limits(timeout_s=1))
    again = extract_to_dir([inputs], tmp_path / "out", jobs=1, limits=Limits(timeout_s=1))
    assert again.from_cache == 1  # the good file; the slow one was tried again


def _worker_pids(parent: psutil.Process) -> list[int]:
    return [p.pid for p in parent.children(recursive=True) if "gkstudy.batch.workers" in " ".join(p.cmdline())]


@pytest.mark.slow
def test_a_killed_worker_yields_a_crash_row_and_the_batch_goes_on(tmp_path):
    inputs = _folder(tmp_path, "a_slow.txt", SLOW)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "gkstudy.cli", "extract", str(inputs), "--out", str(out), "--jobs", "1"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(run.pid)
    pids: list[int] = []
    for _ in range(200):  # the one worker takes the slow file first and holds it for many seconds
        pids = _worker_pids(parent)
        if pids:
            break
        time.sleep(0.05)
    assert pids, "no worker process appeared"
    time.sleep(0.3)
    os.kill(pids[0], signal.SIGKILL)  # what the kernel's OOM killer does
    _, err = run.communicate(timeout=60)
    assert run.returncode == 0 and "Traceback" not in err
    rows = _rows(out)
    assert rows["a_slow.txt"]["status"] == "failed"
    assert rows["a_slow.txt"]["error"] == "worker crashed (out of memory?): killed by SIGKILL while reading this file"
    assert rows["b_good.txt"]["status"] in ("ok", "partial")
