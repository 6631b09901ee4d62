"""The CSV/Parquet writers shared by the exporters, through the one atomic-write helper (``core/atomic.py``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from gkstudy.core.atomic import atomic_target

# 15 significant digits print every value read from a report exactly (3.0 → "3", 96171.6 → "96171.6").
CSV_FLOAT_FORMAT = "%.15g"


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """UTF-8 with BOM (Excel on Chinese Windows detects the encoding by it); NA as an empty field;
    booleans as true/false, as in the contract CSVs."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.BooleanDtype) or out[column].dtype == bool:
            out[column] = out[column].map({True: "true", False: "false"}).astype("string")
    with atomic_target(path) as tmp:
        out.to_csv(tmp, index=False, encoding="utf-8-sig", float_format=CSV_FLOAT_FORMAT, lineterminator="\n")
    return Path(path)


def write_parquet(frame: pd.DataFrame, path: str | Path) -> Path:
    with atomic_target(path) as tmp:
        frame.to_parquet(tmp, index=False, engine="pyarrow")
    return Path(path)
