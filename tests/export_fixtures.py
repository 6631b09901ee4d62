"""Shared helpers for the dataset tests: the samples extracted once, and frames normalized for comparison."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from gkstudy.extract import extract_file
from conftest import SAMPLES


# The five text samples: 000/001/004 follow the 2019 edition, 002/003 the 2021 edition.
TEXT_SAMPLES = sorted(SAMPLES.glob("00[0-4]_*.txt"))


def extract_samples(out_dir) -> None:
    """reports.csv, cells.csv, checks.csv of the five text samples, extracted in this process (the
    dataset tests need the contract files, not the batch runner)."""
    assert len(TEXT_SAMPLES) == 5
    results = [extract_file(path, f"data/raw/samples/{path.name}") for path in TEXT_SAMPLES]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("reports", [r.report for r in results]), ("cells", [c for r in results for c in r.cells]),
                       ("checks", [c for r in results for c in r.checks])):
        pd.DataFrame(rows).to_csv(out / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")


def normalized(series: pd.Series) -> list:
    """Values for comparison across formats: numbers as float, text as str, every kind of NA (and
    the empty string, which is how Stata and CSV store missing text) as None."""
    out = []
    for v in series.astype(object):
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or v == "":
            out.append(None)
        elif isinstance(v, (bool, int, float)) or hasattr(v, "item"):
            out.append(float(v))
        else:
            out.append(str(v))
    return out


def assert_same_values(original: pd.DataFrame, loaded: pd.DataFrame, dataset: str) -> None:
    assert list(loaded.columns) == list(original.columns), dataset
    assert len(loaded) == len(original), dataset
    for column in original.columns:
        assert normalized(loaded[column]) == normalized(original[column]), f"{dataset}.{column}"
