"""Helpers for the teaching notebook (04_teaching): one report's table 三 as the printed grid,
the identity by hand, and exercise checking."""

from __future__ import annotations

import math

import pandas as pd

from gkstudy.core import codebook
from gkstudy.study.measures import row_label

T3_COLUMNS = codebook.T3_COLS


def find_report(reports: pd.DataFrame, name: str) -> pd.Series:
    """The report whose source file ends with ``name`` (a file name) or whose report_id is ``name``."""
    hit = reports[(reports["report_id"] == name) | reports["source_file"].str.endswith(name)]
    if hit.empty:
        raise LookupError(f"no report {name!r} in reports.csv; pick a file name from the table above")
    return hit.iloc[0]


def t3_grid(cells: pd.DataFrame, report_id: str, lang: str = "zh") -> pd.DataFrame:
    """Table 三 of one report laid out as printed: rows × the seven applicant columns (NA stays NA)."""
    mine = cells[(cells["report_id"] == report_id) & (cells["table"] == "t3")]
    grid = mine.pivot(index="row", columns="col", values="value_num")
    order = [r for r in dict.fromkeys(mine["row"]) if r in grid.index]
    grid = grid.loc[order, [c for c in T3_COLUMNS if c in grid.columns]]
    grid.index = [row_label("t3", r, lang) for r in grid.index]
    grid.columns = [codebook.col_label("t3", c) if lang == "zh" else c for c in grid.columns]
    return grid.reset_index(names="row")


def value(cells: pd.DataFrame, report_id: str, code: str) -> float:
    hit = cells[(cells["report_id"] == report_id) & (cells["code"] == code)]["value_num"]
    return float(hit.iloc[0]) if len(hit) else math.nan


def check(given, expected, tolerance: float = 0.0005) -> str:
    """Message for an exercise answer: not answered yet, correct, or not quite."""
    if given is None:
        return "not answered yet — put your answer in the variable above and run this cell again"
    if isinstance(expected, bool) or isinstance(given, bool):
        ok = bool(given) == bool(expected)
    elif isinstance(expected, float) and math.isnan(expected):
        ok = given is None or (isinstance(given, float) and math.isnan(given))
    else:
        ok = abs(float(given) - float(expected)) <= tolerance * max(1.0, abs(float(expected)))
    return "correct ✓" if ok else "not quite — check which cells and which denominator you used"
