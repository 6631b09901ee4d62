from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw" / "samples"
# The five real reports as extracted text (three layouts, both editions), committed with the samples.
SEEDS = sorted(SAMPLES.glob("*.txt"))
assert len(SEEDS) == 5, f"expected the 5 seed texts in {SAMPLES}, found {len(SEEDS)}"
# The binding spec of every canonical cell, as handed to the project (verbatim copy).
SPEC_CELLS = ROOT / "tests" / "fixtures" / "spec" / "cells.csv"


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def samples_processed(tmp_path_factory) -> Path:
    """data/raw/samples extracted once for the whole session (tests must not write into it)."""
    from gkstudy.batch.runner import extract_to_dir

    out = tmp_path_factory.mktemp("samples_processed")
    summary = extract_to_dir([SAMPLES], out, jobs=1, progress=False)
    assert summary.total == 8, summary.line()  # the 5 seed texts and the 3 real PDFs
    return out
