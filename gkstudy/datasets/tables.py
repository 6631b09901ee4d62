"""Analysis tables built from the three CSV files of ``gkstudy extract``: pure functions on DataFrames.

    p = load_processed("data/processed")
    long_cells(p); wide(p, "t3"); report_table(p); check_table(p); harmonized(p)
    all_tables(p)  # every dataset by name, in export order

One reader (``read_contract_csv``) and two views of the same files:
* typed (``load_processed``, for these tables and the exports): NA stays NA — values float64 with
  NaN, counts Int64 with <NA>, text <NA>; nothing is filled with 0;
* text (``load_text``, for the notebooks' long.csv/wide.csv in ``study_data``): every column as the
  text written, NA as the empty string it is in the CSV, so tables written back keep its bytes.
This module may import the codebook, never the readers or the mapper.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from gkstudy.contract import CHECK_COLUMNS, CONFLICT_COLUMNS, CONFLICTS_CSV, CROSSYEAR_CSV
from gkstudy.core import codebook, variables
from gkstudy.datasets import harmonize

DATASETS = ("reports_table", "cells_long", "checks_table", "t2_wide", "t3_wide", "t4_wide", "harmonized_panel")
CELL_KEY = ("table", "row", "col")


@dataclass
class Processed:
    """The contract tables, typed (``load_processed``) or as text (``load_text``)."""
    reports: pd.DataFrame
    cells: pd.DataFrame
    checks: pd.DataFrame  # checks.csv, then the cross-year checks of crossyear.csv
    # same agency and year, different cells (conflicts.csv; columns contract.CONFLICT_COLUMNS)
    conflicts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(CONFLICT_COLUMNS)))


def read_contract_csv(path: str | Path) -> pd.DataFrame:
    """A contract CSV as text columns; only an empty field is NA (a printed 'NA' or '无' stays text).
    A column name repeated in the header is kept once if its copies agree, an error otherwise."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    frame.columns = header  # undo pandas' renaming of repeated names to 'name.1'
    for name in {n for n in header if header.count(n) > 1}:
        copies = frame.loc[:, frame.columns == name]
        if not all(copies.iloc[:, 0].equals(copies.iloc[:, i]) for i in range(1, copies.shape[1])):
            raise ValueError(f"{path}: column {name!r} appears {copies.shape[1]} times with different values")
    return frame.loc[:, ~frame.columns.duplicated()]


def _read_optional(path: Path, columns) -> pd.DataFrame:
    """A file the batch writes beside the three (an older output folder may lack it)."""
    return read_contract_csv(path) if path.is_file() else pd.DataFrame(columns=list(columns), dtype="string")


def _contract_frames(directory: str | Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """reports, cells, checks (the cross-year checks of crossyear.csv appended) and conflicts, as text."""
    d = Path(directory)
    checks = pd.concat([read_contract_csv(d / "checks.csv"), _read_optional(d / CROSSYEAR_CSV, CHECK_COLUMNS)],
                       ignore_index=True)
    return (read_contract_csv(d / "reports.csv"), read_contract_csv(d / "cells.csv"), checks,
            _read_optional(d / CONFLICTS_CSV, CONFLICT_COLUMNS))


def load_processed(directory: str | Path) -> Processed:
    """The contract tables, typed; the checks table also holds the cross-year checks (crossyear.csv)."""
    reports, cells, checks, conflicts = _contract_frames(directory)
    typed_tables = from_frames(reports, cells, checks)
    typed_tables.conflicts = conflicts
    return typed_tables


def load_text(directory: str | Path) -> Processed:
    """The contract tables as text exactly as written; NA is the empty string."""
    return Processed(*(frame.fillna("") for frame in _contract_frames(directory)))


def is_duplicate(reports: pd.DataFrame) -> pd.Series:
    """True for a row of reports.csv that is a copy of another report (``duplicate_of`` set: the same
    bytes, or the same agency, year and cells; rule in docs/DATA_CONTRACT.md). Text or typed frames."""
    if "duplicate_of" not in reports.columns:
        return pd.Series(False, index=reports.index)
    return reports["duplicate_of"].fillna("").astype(str) != ""


def without_duplicates(p: Processed) -> tuple[Processed, int]:
    """``p`` without the copies of another report (reports.csv ``duplicate_of``), and how many were
    left out. A byte-identical copy shares its report_id with the report kept, so cells and checks
    are kept by the report ids that remain."""
    copies = is_duplicate(p.reports)
    reports = p.reports[~copies]
    ids = set(reports["report_id"])
    return Processed(reports, p.cells[p.cells["report_id"].isin(ids)],
                     p.checks[p.checks["report_id"].isin(ids)], p.conflicts), int(copies.sum())


def from_frames(reports: pd.DataFrame, cells: pd.DataFrame, checks: pd.DataFrame) -> Processed:
    """Typed copies of the three contract tables (columns typed by the variable registry)."""
    return Processed(typed(reports, ("meta", "report")), typed(cells, ("cell",)), typed(checks, ("check",)))


def typed(frame: pd.DataFrame, groups: tuple[str, ...]) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        var = variables.find(column, groups)
        out[column] = cast(out[column], var.type if var else "string")
    return out


def cast(series: pd.Series, kind: str) -> pd.Series:
    if kind == "integer":
        return pd.to_numeric(series, errors="raise").astype("Int64")
    if kind == "number":
        return pd.to_numeric(series, errors="raise").astype("float64")
    if kind == "boolean":
        if series.dtype == bool:
            return series.astype("boolean")
        text = series.astype("string").str.lower()
        return text.map({"true": True, "false": False, "1": True, "0": False}).astype("boolean")
    return series.astype("string")


def meta_columns(p: Processed) -> list[str]:
    """Report columns carried into every table: all but the processing ones (new metadata flows through)."""
    processing = set(variables.names("report"))
    return [c for c in p.reports.columns if c not in processing]


def _with_meta(p: Processed, frame: pd.DataFrame) -> pd.DataFrame:
    meta = p.reports[meta_columns(p)].drop_duplicates("report_id")
    rest = [c for c in frame.columns if c not in meta.columns or c == "report_id"]
    return meta.merge(frame[rest], on="report_id", how="inner", validate="one_to_many")


def long_cells(p: Processed) -> pd.DataFrame:
    """One row per report × cell: report metadata, cell key and code, value, raw text, flag, provenance."""
    cells = p.cells.copy()
    cells.insert(cells.columns.get_loc("col") + 1, "code",
                 (cells["table"] + "." + cells["row"] + "." + cells["col"]).astype("string"))
    return _with_meta(p, cells)


def table_codes(table: str) -> list[str]:
    """Every cell code of ``table`` in either edition, in codebook order (a stable wide schema)."""
    return list(dict.fromkeys(c.code for c in codebook.all_cells() if c.table == table))


def wide(p: Processed, table: str) -> pd.DataFrame:
    """One row per report with cells of ``table``; one column per cell code of either edition (NA if absent)."""
    if table not in codebook.TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(codebook.TABLES)}")
    cells = long_cells(p)
    cells = cells[cells["table"] == table]
    codes = table_codes(table)
    unknown = sorted(set(cells["code"]) - set(codes))
    if unknown:
        raise ValueError(f"cells not in the codebook: {', '.join(unknown[:5])}")
    values = cells.pivot(index="report_id", columns="code", values="value").reindex(columns=codes)
    values = values.astype("float64").reset_index()
    values.columns.name = None
    return _with_meta(p, values)


def report_table(p: Processed) -> pd.DataFrame:
    """reports.csv plus counts from the checks table: checks_run, checks_failed_warning."""
    checks = p.checks
    failed = checks[~checks["passed"].fillna(True).astype(bool)]
    counts = pd.DataFrame({
        "checks_run": checks.groupby("report_id").size(),
        "checks_failed_warning": failed[failed["severity"] == "warning"].groupby("report_id").size(),
    })
    out = p.reports.merge(counts, left_on="report_id", right_index=True, how="left")
    # No check row means no check was run: 0 is the true count, not a stand-in for NA.
    out[["checks_run", "checks_failed_warning"]] = out[["checks_run", "checks_failed_warning"]].fillna(0).astype("Int64")
    return out


def check_table(p: Processed) -> pd.DataFrame:
    return _with_meta(p, p.checks)


def harmonized(p: Processed) -> pd.DataFrame:
    """One row per report with tables; the cells comparable across editions (rules: gkstudy.datasets.harmonize)."""
    codes = harmonize.harmonized_codes()
    rows = []
    for rid, group in p.cells.groupby("report_id", sort=False):
        key = group["table"] + "." + group["row"] + "." + group["col"]
        values = {k: (None if pd.isna(v) else float(v)) for k, v in zip(key, group["value"])}
        harmonized_values, shape = harmonize.harmonize_values(values)
        rows.append({"report_id": rid, "other_shape": shape or None, **harmonized_values})
    frame = pd.DataFrame(rows, columns=["report_id", "other_shape", *codes])
    frame["report_id"] = frame["report_id"].astype("string")
    frame["other_shape"] = frame["other_shape"].astype("string")
    frame[codes] = frame[codes].astype("float64")
    return _with_meta(p, frame)


def all_tables(p: Processed) -> dict[str, pd.DataFrame]:
    return {
        "reports_table": report_table(p),
        "cells_long": long_cells(p),
        "checks_table": check_table(p),
        "t2_wide": wide(p, "t2"),
        "t3_wide": wide(p, "t3"),
        "t4_wide": wide(p, "t4"),
        "harmonized_panel": harmonized(p),
    }
