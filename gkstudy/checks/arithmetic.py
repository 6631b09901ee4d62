"""Arithmetic checks of one report's tables: the identities the format states or implies.

Each check names where it applies and both sides of the comparison. A check whose inputs are
NA is not run (nothing can be said), so it writes no row.
"""

from __future__ import annotations

from dataclasses import dataclass

from gkstudy.core import codebook

T3_COLS = ("natural_person", "commercial", "research", "nonprofit", "legal", "other_org", "total")
T3_APPLICANTS = T3_COLS[:-1]
T4_PARTS = ("upheld", "corrected", "other", "pending")
TOLERANCE = 1e-9
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


def _sum(values):
    return sum(values) if all(v is not None for v in values) else None


def outcome_rows(edition: str, values: dict[tuple[str, str, str], float | int | None]) -> list[str]:
    """t3 outcome rows that add up to （七）总计: the edition's rows, but the （六） shape printed."""
    rows = [r for r in codebook.rows(edition, "t3")
            if r not in ("received", "carried_in", "total", "carried_out")]
    printed_single = values.get(("t3", "other", "total")) is not None
    printed_three = any(values.get(("t3", r, "total")) is not None for r in ("other.no_correction", "other.no_fee", "other.other"))
    if edition == "2021" and printed_single and not printed_three:
        rows = [r for r in rows if not r.startswith("other.")] + ["other"]
    if edition == "2019" and printed_three and not printed_single:
        rows = [r for r in rows if r != "other"] + ["other.no_correction", "other.no_fee", "other.other"]
    return rows


def check_values(edition: str, values: dict[tuple[str, str, str], float | int | None]) -> list[Check]:
    """All arithmetic checks on a report's cell values keyed (table, row, col)."""
    out: list[Check] = []
    v = values.get
    for col in T3_COLS:
        left = _sum([v(("t3", "received", col)), v(("t3", "carried_in", col))])
        right = _sum([v(("t3", "total", col)), v(("t3", "carried_out", col))])
        if left is not None and right is not None:
            out.append(Check("t3_balance", "t3", "", col, left, right, abs(left - right) < TOLERANCE, "error",
                             f"received+carried_in={left} vs total+carried_out={right} ({col})"))
        rows = outcome_rows(edition, values)
        parts = _sum([v(("t3", r, col)) for r in rows])
        total = v(("t3", "total", col))
        if parts is not None and total is not None:
            out.append(Check("t3_outcomes_sum", "t3", "total", col, total, parts, abs(total - parts) < TOLERANCE,
                             "error", f"（七）总计={total} vs sum of {len(rows)} outcome rows={parts} ({col})"))
    t3_rows = dict.fromkeys(r for (t, r, _c) in values if t == "t3")
    for row in t3_rows:
        parts = _sum([v(("t3", row, c)) for c in T3_APPLICANTS])
        total = v(("t3", row, "total"))
        if parts is not None and total is not None:
            out.append(Check("t3_row_total", "t3", row, "total", total, parts, abs(total - parts) < TOLERANCE,
                             "error", f"总计={total} vs six applicant columns={parts} ({row})"))
    for row in ("review", "suit_direct", "suit_after_review"):
        parts = _sum([v(("t4", row, c)) for c in T4_PARTS])
        total = v(("t4", row, "total"))
        if parts is not None and total is not None:
            out.append(Check("t4_row_total", "t4", row, "total", total, parts, abs(total - parts) < TOLERANCE,
                             "error", f"总计={total} vs 维持+纠正+其他+尚未审结={parts} ({row})"))
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
