"""Issue 13: faults during runs. A file that changes while the batch reads it (cache poisoning),
a full disk, a read-only cache, two runs into one --out, odd inputs named on the command line.

Most runs here extract in this process (fixture ``in_process``): what is tested is the batch
around the workers, and starting a worker would cost a second a run."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gkstudy.batch.runner as runner
from conftest import ROOT, SAMPLES, read_csv
from gkstudy.batch.limits import Limits
from gkstudy.batch.outlock import LOCK_NAME
from gkstudy.batch.workers import CHANGED_WHILE_READ, extract_one
from gkstudy.cli import main
from gkstudy.extract import extract_bytes
from hostile_files import GBK_NAME

SEEDS = sorted(SAMPLES.glob("00[0-4]_*.txt"))
OUTPUTS = ("reports.csv", "cells.csv", "checks.csv")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".gkstudy-write-test")]


def test_a_worker_parses_exactly_the_bytes_it_hashed(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(SEEDS[1].read_bytes())  # not the bytes the batch hashed
    key = f"{_sha(SEEDS[0].read_bytes())}-txt"
    got = extract_one(key, "a.txt", None, str(path), Limits())
    assert got.extraction.report["error"] == CHANGED_WHILE_READ and not got.cacheable
    same = extract_one(f"{_sha(SEEDS[1].read_bytes())}-txt", "a.txt", None, str(path), Limits())
    assert same.cacheable and same.extraction.report["sha256"] == _sha(SEEDS[1].read_bytes())


def test_a_file_changed_between_hashing_and_reading_is_not_cached_as_the_other(tmp_path, monkeypatch, in_process):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    target = os.path.join(os.fsencode(inputs), GBK_NAME)  # a GBK name as well: names must not matter
    with open(target, "wb") as fh:
        fh.write(SEEDS[0].read_bytes())
    hash_file = runner.sha256_of_file

    def hash_then_swap(path):
        digest = hash_file(path)
        Path(path).write_bytes(SEEDS[1].read_bytes())  # another report arrives after the hash
        return digest

    monkeypatch.setattr(runner, "sha256_of_file", hash_then_swap)
    assert main(["extract", str(inputs), "--out", str(out)]) == 0
    (row,) = read_csv(out / "reports.csv")
    assert row["status"] == "failed" and row["error"] == CHANGED_WHILE_READ
    assert row["source_file_encoding"] == "gb18030" and row["source_file"].endswith("报告（副本）.txt")
    monkeypatch.setattr(runner, "sha256_of_file", hash_file)
    with open(target, "wb") as fh:
        fh.write(SEEDS[0].read_bytes())  # the original bytes are back
    for extra in ([], ["--no-cache"]):
        assert main(["extract", str(inputs), "--out", str(out), *extra]) == 0
        (row,) = read_csv(out / "reports.csv")
        alone = extract_bytes("x.txt", SEEDS[0].read_bytes()).report
        assert row["sha256"] == _sha(SEEDS[0].read_bytes())
        assert (row["agency"], row["year"], row["status"]) == (alone["agency"], str(alone["year"]), alone["status"])


def test_a_file_over_the_size_bound_is_not_read(tmp_path, in_process, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    with open(inputs / "big.pdf", "wb") as fh:
        fh.truncate(3 << 20)
    shutil.copy(SEEDS[0], inputs / SEEDS[0].name)
    read = []
    monkeypatch.setattr(runner, "sha256_of_file", lambda path: read.append(path) or hashlib.sha256(path.read_bytes()).hexdigest())
    assert main(["extract", str(inputs), "--out", str(tmp_path / "out"), "--max-input-size", "2"]) == 0
    rows = {Path(r["source_file"]).name: r for r in read_csv(tmp_path / "out" / "reports.csv")}
    assert rows["big.pdf"]["error"] == "file larger than 2 MB (3 MB): not read (raise --max-input-size to allow more)"
    assert rows["big.pdf"]["sha256"] == "" and rows[SEEDS[0].name]["status"] in ("ok", "partial")
    assert [p.name for p in read] == [SEEDS[0].name]  # the big file was not even hashed


def _run_here(tasks, jobs, limits):
    for task in tasks:
        yield extract_one(task.key, task.source, None, task.path, limits)


@pytest.fixture
def in_process(monkeypatch):
    """Workers replaced by the same extraction in this process."""
    monkeypatch.setattr(runner, "run_limited", _run_here)


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """An output folder of a finished run over two samples (with its cache)."""
    base = tmp_path_factory.mktemp("finished")
    inputs = base / "in"
    inputs.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, inputs / seed.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner, "run_limited", _run_here)
        assert main(["extract", str(inputs), "--out", str(base / "out"), "--jobs", "1"]) == 0
    return base


@pytest.fixture
def rerun(finished, tmp_path):
    """A copy of the finished run, whose rerun needs no worker (every file is in the cache)."""
    shutil.copytree(finished, tmp_path / "run", symlinks=True)
    return tmp_path / "run"


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["row", "last flush"])
def test_a_full_disk_is_one_line_exit_2_earlier_outputs_intact_no_temporaries(rerun, monkeypatch, capsys, where):
    before = _outputs(rerun / "out")
    if where == "row":
        monkeypatch.setattr("gkstudy.core.atomic.AtomicCSV.write", _no_space)
    else:
        monkeypatch.setattr("gkstudy.core.atomic.os.fsync", _no_space)
    assert main(["extract", str(rerun / "in"), "--out", str(rerun / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "No space left on device; outputs of earlier runs were left as they were" in err
    assert _outputs(rerun / "out") == before
    assert _temporaries(rerun / "out") == []
    assert not (rerun / "out" / LOCK_NAME).exists()


def test_a_read_only_cache_is_one_line_exit_2(rerun, monkeypatch, capsys, in_process):
    before = _outputs(rerun / "out")
    (rerun / "in" / "new.txt").write_bytes(SEEDS[2].read_bytes())  # not in the cache: its result is stored
    cache = rerun / "out" / runner.CACHE_DIR
    real_mkstemp = runner.tempfile.mkstemp  # the cache writes shards through tempfile.mkstemp

    def read_only_cache(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).is_relative_to(cache):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr("gkstudy.batch.cache.tempfile.mkstemp", read_only_cache)
    assert main(["extract", str(rerun / "in"), "--out", str(rerun / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gkstudy: error: cannot write {cache}") and "Read-only file system" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _outputs(rerun / "out") == before and _temporaries(rerun / "out") == []


HOLD_LOCK = """
import sys
from pathlib import Path
from gkstudy.batch.outlock import output_lock
with output_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_second_run_into_the_same_out_is_refused_until_the_first_ends(rerun, capsys):
    out = rerun / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    try:
        assert holder.stdout.readline() == "held\n"
        before = _outputs(out)
        assert main(["extract", str(rerun / "in"), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert err == (f"gkstudy: error: another gkstudy extract is writing to {out} (process {holder.pid}); "
                       "wait for it to finish or use another --out\n")
        assert _outputs(out) == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert main(["extract", str(rerun / "in"), "--out", str(out)]) == 0
    assert not (out / LOCK_NAME).exists()


def test_a_lock_left_by_a_dead_run_is_taken_over(rerun):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (rerun / "out" / LOCK_NAME).write_text(f"{dead.pid}\n")
    assert main(["extract", str(rerun / "in"), "--out", str(rerun / "out")]) == 0
    assert not (rerun / "out" / LOCK_NAME).exists()


def test_inputs_on_the_command_line_that_are_not_files_get_a_precise_message(tmp_path, capsys):
    os.mkfifo(tmp_path / "pipe.pdf")
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    for name, message in (("pipe.pdf", "input is a FIFO (named pipe), not a file"),
                          ("a.txt", "input is a symbolic link loop"),
                          ("broken.txt", "input is a broken symbolic link"),
                          ("missing.txt", "input not found")):
        assert main(["extract", str(tmp_path / name), "--out", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"gkstudy: error: {message}") and err.count("\n") == 1, err
    assert not (tmp_path / "out").exists()


def test_a_link_named_on_the_command_line_is_read(tmp_path, in_process):
    os.symlink(SEEDS[0], tmp_path / "chosen.txt")
    assert main(["extract", str(tmp_path / "chosen.txt"), "--out", str(tmp_path / "out")]) == 0
    (row,) = read_csv(tmp_path / "out" / "reports.csv")
    assert row["sha256"] == _sha(SEEDS[0].read_bytes())
