from __future__ import annotations

import csv
import sys
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


HONGZE_2023 = SAMPLES / "淮安市洪泽区人民政府_2023.pdf"  # prints 表四 总计 0 beside 10 upheld and 1 corrected
HONGZE_2024 = SAMPLES / "淮安市洪泽区人民政府_2024.pdf"
HUIAN_TXT = SAMPLES / "002_7989c5e8f70cbf62.txt"


@pytest.fixture(scope="session")
def hongze_read(tmp_path_factory) -> Path:
    """洪泽区 2023 and 2024 (real PDFs) and one text sample, extracted once per test process into OUT (CSVs and
    OUT/.cache). Tests of what comes after reading (corrections, review) copy OUT/.cache into
    their own folder: the kit then replays these readings instead of reading the files again."""
    from gkstudy.batch.runner import extract_to_dir

    base = tmp_path_factory.mktemp("hongze_read")
    extract_to_dir([HONGZE_2023, HONGZE_2024, HUIAN_TXT], base / "out", jobs=1, progress=False)
    return base / "out"


def with_readings(read_dir: Path, out: Path) -> Path:
    """``out`` holding a copy of the cached readings of ``read_dir``."""
    import shutil

    shutil.copytree(read_dir / ".cache", out / ".cache")
    return out


@pytest.fixture(autouse=True)
def _close_figures():
    """Charts a test drew are closed after it (pyplot keeps every figure until closed)."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
