"""Arithmetic checks of one report's tables: the identities the format states or implies.

Each check names where it applies and both sides of the comparison. A check whose inputs are
NA is not run (nothing can be said), so it writes no row.
"""

from __future__ import annotations

from dataclasses import dataclass

from gkstudy.checks.identities import holds, identities, sides
from gkstudy.core import codebook

# The names of the checks check_values writes (all computed from cell values alone).
ARITHMETIC_CHECKS = ("t3_balance", "t3_outcomes_sum", "t3_row_total", "t4_row_total", "negative_count",
                     "non_integer_count")


@dataclass(frozen=True)
class Check:
    check: str
    table: str
    row: str
    col: str
    expected: float | int | str | None  # str for warnings that compare dates, editions, titles
    observed: float | int | str | None
    passed: bool
    severity: str  # error | warning
    detail: str = ""  # the cells involved, for a reader


def check_values(edition: str, values: dict[tuple[str, str, str], float | int | None]) -> list[Check]:
    """All arithmetic checks on a report's cell values keyed (table, row, col): every identity of
    ``identities.py`` whose cells are all read, then the sign and whole-number checks of each cell."""
    out: list[Check] = []
    for ident in identities(edition, values):
        both = sides(ident, values)
        if both is not None:
            left, right = both
            out.append(Check(ident.check, *ident.where, left, right, holds(left, right), "error",
                             ident.detail.format(left=left, right=right)))
    for (table, row, col), value in values.items():
        if value is None:
            continue
        spec = codebook.any_edition_cell(table, row, col)
        signed = spec is not None and col == "change"
        if value < 0 and not signed:
            out.append(Check("negative_count", table, row, col, 0, value, False, "error",
                             f"{table}.{row}.{col}={value} is negative"))
        if spec is not None and spec.unit != "万元" and value != int(value):
            out.append(Check("non_integer_count", table, row, col, int(value), value, False, "error",
                             f"{table}.{row}.{col}={value} is not a whole number"))
    return out


def check_to_row(report_id: str, c: Check) -> dict:
    """A check as its checks.csv row (NA as empty, passed as true/false)."""
    return {
        "report_id": report_id, "check": c.check, "table": c.table, "row": c.row, "col": c.col,
        "expected": "" if c.expected is None else c.expected, "observed": "" if c.observed is None else c.observed,
        "passed": "true" if c.passed else "false", "severity": c.severity, "detail": c.detail,
    }
