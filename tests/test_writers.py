"""Atomic CSV writing: the old file survives a failed write, and temporaries a killed process left
behind are removed by the next write, never those of a process still writing."""

import os
import subprocess
import sys

import pytest

from gkstudy.core.atomic import AtomicCSV, remove_orphaned_temporaries, write_csv_atomic


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "cells.csv"
    write_csv_atomic(target, ["a"], [{"a": 1}])
    with pytest.raises(RuntimeError):
        with AtomicCSV(target, ["a"]) as out:
            out.write({"a": 2})
            raise RuntimeError("killed")
    assert target.read_text() == "a\n1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["cells.csv"]


def test_temporaries_of_a_killed_process_are_removed_by_the_next_write(tmp_path):
    target = tmp_path / "cells.csv"
    orphan = tmp_path / f".cells.csv.{_dead_pid()}.abc123.tmp"
    live = tmp_path / f".cells.csv.{os.getppid()}.def456.tmp"  # a process that is still running
    other = tmp_path / f".reports.csv.{_dead_pid()}.x.tmp"  # another file's: not this writer's business
    for p in (orphan, live, other):
        p.write_text("half a file")
    write_csv_atomic(target, ["a"], [{"a": 1}])
    assert not orphan.exists()
    assert live.exists() and other.exists()
    assert remove_orphaned_temporaries(tmp_path / "reports.csv") == [other]
