"""Stata .dta export (format 118, Stata 14+): UTF-8 strings, names from ``stata_names``, variable labels
from the codebook (Chinese, at most 80 characters)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from gkstudy.core.atomic import atomic_target

MAX_LABEL = 80
MAX_FIXED_STR_BYTES = 2045  # longer strings need Stata's strL type


def stata_label(text: str, limit: int = MAX_LABEL) -> str:
    """Shorten a label to ``limit`` characters, keeping its end (the column part after ' · ')."""
    if len(text) <= limit:
        return text
    head, sep, tail = text.rpartition(" · ")
    if sep and len(tail) + len(sep) + 2 <= limit:
        return head[: limit - len(tail) - len(sep) - 1] + "…" + sep + tail
    return text[: limit - 1] + "…"


def stata_frame(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Columns renamed and converted to types Stata stores: Stata has no missing string, so NA text is
    "" (Stata's own convention); integers and booleans with NA become doubles with Stata missing (.)."""
    out = {}
    for column in frame.columns:
        s = frame[column].reset_index(drop=True)
        if isinstance(s.dtype, (pd.BooleanDtype, pd.Int64Dtype)) or s.dtype == bool:
            out[names[column]] = s.astype("float64") if s.isna().any() else s.astype("int32")
        elif pd.api.types.is_float_dtype(s.dtype):
            out[names[column]] = s.astype("float64")
        else:
            out[names[column]] = s.astype(object).where(s.notna(), "").astype(str).astype(object)
    return pd.DataFrame(out)


def _utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


# Stata files carry a save time; a fixed one keeps reruns on the same inputs byte-identical.
FIXED_TIME_STAMP = datetime(2000, 1, 1)


def write_dta(frame: pd.DataFrame, path: str | Path, names: dict[str, str], labels: dict[str, str],
              title: str = "") -> Path:
    """``names``: column → Stata name; ``labels``: column → label (shortened to 80 characters)."""
    data = stata_frame(frame, names)
    long_text = [c for c in data.columns if data[c].dtype == object
                 and max(map(_utf8_len, data[c]), default=0) > MAX_FIXED_STR_BYTES]
    variable_labels = {names[c]: stata_label(labels[c]) for c in frame.columns if labels.get(c)}
    with atomic_target(path) as tmp:
        data.to_stata(tmp, write_index=False, version=118, variable_labels=variable_labels,
                      data_label=stata_label(title) or None, convert_strl=long_text,
                      time_stamp=FIXED_TIME_STAMP)
    return Path(path)
