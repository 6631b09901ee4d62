"""Small file helpers shared by the exporters: atomic replacement and the CSV/Parquet writers."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

# 15 significant digits print every value read from a report exactly (3.0 → "3", 96171.6 → "96171.6").
CSV_FLOAT_FORMAT = "%.15g"


@contextlib.contextmanager
def atomic_target(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; it replaces ``path`` only if the block finishes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; outputs are ordinary files
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


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
