"""The notebooks' view of data/processed: the tidy long and wide tables, as text exactly as extracted.

Loading is ``tables.load_text`` (one reader and one NA convention with the typed export tables of
``gkstudy/datasets/tables.py``: NA is the empty string in text, NaN in numbers), so ``long.csv`` and
``wide.csv`` keep the bytes of cells.csv. Values stay NA where the report had no readable number:
nothing here fills NA with 0.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from gkstudy.core import codebook
from gkstudy.core.atomic import write_csv_atomic
from gkstudy.core.document import READ_STATUSES
from gkstudy.datasets.tables import Processed, is_duplicate, load_text

REPORT_KEYS = ("report_id", "source_file", "year", "edition", "agency", "province", "city", "county",
               "level", "status")
LONG_COLUMNS = REPORT_KEYS + ("code", "table", "row", "col", "value", "flag")


def load_processed(processed_dir: str | Path) -> Processed:
    """The contract tables as text (NA = ""); cells gain ``code`` and ``value_num`` (float, NaN for NA);
    report columns older files lack are added empty."""
    p = load_text(processed_dir)
    reports, cells = p.reports, p.cells
    for col in ("province", "city", "county", "level", "duplicate_of"):
        if col not in reports.columns:
            reports[col] = ""
    cells["code"] = cells["table"] + "." + cells["row"] + "." + cells["col"]
    cells["value_num"] = pd.to_numeric(cells["value"].replace("", pd.NA), errors="coerce")
    return Processed(reports, cells, p.checks, p.conflicts)


def count_duplicates(reports: pd.DataFrame) -> int:
    """How many rows of ``reports`` are copies of another report (left out of findings and exports)."""
    return int(is_duplicate(reports).sum())


def without_duplicates(reports: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``reports`` that are not copies of another report (one row per report kept)."""
    return reports[~is_duplicate(reports)]


def analysable_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """Reports whose tables were read (ok or partial), not copies of another file."""
    return without_duplicates(reports[reports["status"].isin(list(READ_STATUSES))])


def long_table(p: Processed) -> pd.DataFrame:
    """One row per report × cell code, with the report's year, place and level beside the value."""
    reports = analysable_reports(p.reports)[list(REPORT_KEYS)]
    long = p.cells.merge(reports, on="report_id", how="inner")
    long = long.sort_values(["year", "report_id", "table", "row", "col"], kind="stable")
    return long[list(LONG_COLUMNS)].reset_index(drop=True)


def code_order() -> list[str]:
    """Every cell code of both editions, in codebook order (2021 rows first, then 2019-only rows)."""
    seen: dict[str, None] = {}
    for edition in reversed(codebook.EDITIONS):
        for spec in codebook.cells(edition):
            seen.setdefault(spec.code, None)
    return list(seen)


def wide_table(long: pd.DataFrame) -> pd.DataFrame:
    """One row per report, one column per cell code (text as extracted; empty = NA)."""
    keys = list(REPORT_KEYS)
    wide = long.pivot(index="report_id", columns="code", values="value")
    codes = [c for c in code_order() if c in wide.columns]
    meta = long.drop_duplicates("report_id").set_index("report_id")[keys[1:]]
    wide = meta.join(wide[codes]).reset_index()
    return wide.sort_values(["year", "report_id"], kind="stable").reset_index(drop=True).fillna("")


def numeric_wide(p: Processed) -> pd.DataFrame:
    """The wide table with numbers: float columns where NA stays NaN (never 0)."""
    wide = wide_table(long_table(p))
    codes = [c for c in wide.columns if c.startswith(("t2.", "t3.", "t4."))]
    out = wide.copy()
    out[codes] = out[codes].replace("", pd.NA).apply(pd.to_numeric, errors="coerce").astype(float)
    out["year"] = pd.to_numeric(out["year"].replace("", pd.NA), errors="coerce").astype("Int64")
    return out


def write_tidy(processed_dir: str | Path) -> dict[str, int]:
    """Write long.csv and wide.csv beside the extraction outputs; returns row counts.

    Deterministic: rows sorted by year and report id, columns in codebook order, values as text
    exactly as in cells.csv, so a rerun on the same inputs gives byte-identical files.
    """
    d = Path(processed_dir)
    p = load_processed(d)
    long = long_table(p)
    wide = wide_table(long)
    n_long = write_csv_atomic(d / "long.csv", long.columns, long.to_dict("records"))
    n_wide = write_csv_atomic(d / "wide.csv", wide.columns, wide.to_dict("records"))
    return {"long.csv": n_long, "wide.csv": n_wide}


def select(reports: pd.DataFrame, years=None, provinces=None, levels=None) -> pd.DataFrame:
    """Rows of a table with report columns (year, province, level) kept by the study parameters."""
    keep = pd.Series(True, index=reports.index)
    if years:
        keep &= reports["year"].astype(str).isin([str(y) for y in years])
    if provinces:
        keep &= reports["province"].isin(list(provinces))
    if levels:
        keep &= reports["level"].isin(list(levels))
    return reports[keep]
