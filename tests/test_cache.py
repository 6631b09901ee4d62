"""Issue 8.2: the cache skips unchanged files, re-extracts changed ones and those of a new kit version."""

from __future__ import annotations

import shutil

from conftest import SEEDS, read_csv
from gkstudy.batch import cache
from gkstudy.batch.runner import extract_to_dir
from gkstudy.batch.cache import ResultCache, result_key
from gkstudy.extract import extract_file



def _inputs(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, inputs / seed.name)
    return inputs


def test_rerun_skips_unchanged_and_extracts_changed_files(tmp_path):
    inputs, out = _inputs(tmp_path), tmp_path / "out"
    assert extract_to_dir([inputs], out, jobs=1).from_cache == 0
    changed = inputs / SEEDS[0].name
    changed.write_bytes(changed.read_bytes().replace("政府信息公开".encode(), "政府信息公开".encode(), 1) + b"\n")
    summary = extract_to_dir([inputs], out, jobs=1)
    assert summary.from_cache == len(SEEDS) - 1
    assert "(4 unchanged, from cache)" in summary.line()


def test_a_new_kit_version_extracts_again(tmp_path, monkeypatch):
    inputs, out = _inputs(tmp_path), tmp_path / "out"
    extract_to_dir([inputs], out, jobs=1)
    monkeypatch.setattr(cache, "EXTRACTOR_VERSION", "99.0.0")
    assert extract_to_dir([inputs], out, jobs=1).from_cache == 0


def test_a_damaged_shard_is_never_trusted(tmp_path):
    inputs, out = _inputs(tmp_path), tmp_path / "out"
    extract_to_dir([inputs], out, jobs=1)
    key = result_key(read_csv(out / "reports.csv")[0]["sha256"], SEEDS[0].name)
    shard = ResultCache(out / ".cache")._shard(key)
    shard.write_text('{"report": {"status": "ok"', encoding="utf-8")
    extract_to_dir([inputs], out, jobs=1)
    row = read_csv(out / "reports.csv")[0]
    assert row["status"] == "failed" and row["error"].startswith("cached result unreadable")
    extract_to_dir([inputs], out, jobs=1)  # as the reason says: run again
    assert read_csv(out / "reports.csv")[0]["status"] in ("ok", "partial")


def test_shards_round_trip_exactly(tmp_path):
    result = extract_file(SEEDS[2])
    store = ResultCache(tmp_path)
    store.put("k", result)
    back = store.get("k", "elsewhere/name.txt")
    assert back.cells == result.cells and back.checks == result.checks
    assert back.report == dict(result.report, source_file="elsewhere/name.txt")


def test_no_cache_extracts_everything_again_with_the_same_output(tmp_path):
    from gkstudy.cli import main

    inputs, out = _inputs(tmp_path), tmp_path / "out"
    assert main(["extract", str(inputs), "--out", str(out), "--jobs", "1", "--no-progress"]) == 0
    before = (out / "cells.csv").read_bytes()
    summary = extract_to_dir([inputs], out, jobs=1, use_cache=False)
    assert summary.from_cache == 0
    assert (out / "cells.csv").read_bytes() == before
    assert main(["extract", str(inputs), "--out", str(out), "--jobs", "1", "--no-progress", "--no-cache"]) == 0
    assert extract_to_dir([inputs], out, jobs=1).from_cache == len(SEEDS)
