"""Issue 8.3: --scheduler runs the same extraction on a Dask cluster, with the same output bytes."""

from __future__ import annotations

import shutil

import pytest

from conftest import SEEDS
from gkstudy.cli import main

distributed = pytest.importorskip("distributed")


@pytest.mark.slow
def test_dask_cluster_writes_the_same_bytes_as_local_workers(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, inputs / seed.name)
    shutil.copy(SEEDS[0], inputs / "zz copy.txt")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 10)
    assert main(["extract", str(inputs), "--out", str(tmp_path / "local"), "--jobs", "2"]) == 0
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        assert main(["extract", str(inputs), "--out", str(tmp_path / "dask"),
                     "--scheduler", cluster.scheduler_address]) == 0
    for name in ("reports.csv", "cells.csv", "checks.csv"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    assert "Traceback" not in capsys.readouterr().err


def test_unreachable_scheduler_is_a_one_line_usage_error(tmp_path, capsys, monkeypatch):
    from gkstudy.batch import dask as dask_runner

    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_bytes(SEEDS[0].read_bytes())
    code = main(["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                 "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach Dask scheduler tcp://127.0.0.1:9" in err and err.count("\n") == 1
