"""Warnings across years for one agency: numbers that should carry over from one report to the next.

* ``carry_over_mismatch`` — this year's t3 上年结转 (carried_in) against last year's 结转下年度继续办理
  (carried_out), per applicant column;
* ``in_force_rollover`` — 2021 edition t2 现行有效件数 against last year's in_force + this year's
  issued − repealed, for 规章 and 行政规范性文件.
Both are warnings: offices often restate numbers. Pure functions over reports.csv/cells.csv rows,
so a batch, a notebook or a test can run them on any set of reports. A batch writes them to
crossyear.csv (not checks.csv: adding a report must not change the rows an earlier one produced).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from gkstudy.checks.identities import T3_COLS
from gkstudy.core import flags
from gkstudy.core.document import READ_STATUSES
from gkstudy.core.normalize import nfkc

ROLLOVER_ROWS = ("art20_1.regulations", "art20_1.normative_docs")
_GOVERNMENT_SUFFIXES = ("人民政府", "政府")


def comparable(report: dict) -> bool:
    """A reports.csv row that can be compared with the same agency's other reports: its tables were
    read, it is not a copy of another file, and it names its year."""
    return (report.get("status") in READ_STATUSES and not report.get("duplicate_of")
            and str(report.get("year") or "").isdigit())

# The cells these checks read; a batch need only keep these per report.
NEEDED = {("t3", "carried_in", c) for c in T3_COLS} | {("t3", "carried_out", c) for c in T3_COLS} | {
    ("t2", r, c) for r in ROLLOVER_ROWS for c in ("issued", "repealed", "in_force")}


def agency_key(report: dict) -> tuple[str, str]:
    """Same agency across years: its most specific place code and its name without the place
    names in front and 人民政府 behind (瓦房子镇 and 朝阳县瓦房子镇人民政府 are one agency)."""
    code = report.get("county_code") or report.get("city_code") or report.get("province_code") or ""
    name = nfkc(str(report.get("agency") or "")).replace(" ", "")
    for place in (report.get("province"), report.get("city"), report.get("county")):
        if place and name.startswith(place):
            name = name[len(place):]
    for suffix in _GOVERNMENT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[:-len(suffix)]
    return str(code), name


def _number(v) -> float | None:
    if v is None or v == "":
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


# Values an identity chose or cut (unlike repair.is_repaired, a split_by_identity cut counts too).
_BY_IDENTITY = (flags.SPLIT_BY_IDENTITY, flags.RESOLVED_BY_IDENTITY, flags.INFERRED_FROM_IDENTITY)


def _repaired(flag) -> bool:
    return any(flags.has(str(flag or ""), f) for f in _BY_IDENTITY)


def cell_values(cells: Iterable[dict]) -> dict[str, dict[tuple[str, str, str], float | None]]:
    """report_id -> values of the NEEDED cells (repaired values left out, as in the error checks)."""
    out: dict[str, dict] = defaultdict(dict)
    for c in cells:
        key = (c["table"], c["row"], c["col"])
        if key in NEEDED:
            out[c["report_id"]][key] = None if _repaired(c.get("flag")) else _number(c.get("value"))
    return out


def _row(rid, check, table, row, col, expected, observed, detail) -> dict:
    return {"report_id": rid, "check": check, "table": table, "row": row, "col": col,
            "expected": _fmt(expected), "observed": _fmt(observed),
            "passed": "true" if abs(expected - observed) < 1e-9 else "false", "severity": "warning",
            "detail": detail}


def _fmt(v: float) -> int | float:
    return int(v) if v == int(v) else v


def cross_year_checks(reports: Iterable[dict], cells: Iterable[dict]) -> list[dict]:
    """checks.csv rows comparing each report with the same agency's report for the year before.

    Reports that are not ok/partial, duplicates, or share agency and year with another report
    (which one is "last year's" would be a guess) are left out.
    """
    values = cell_values(cells)
    groups: dict[tuple, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        if not comparable(r):
            continue
        key = agency_key(r)
        if not any(key):
            continue
        groups[key][int(r["year"])].append(r)
    out: list[dict] = []
    for key, by_year in groups.items():
        for year, this in sorted(by_year.items()):
            last = by_year.get(year - 1)
            if len(this) != 1 or not last or len(last) != 1:
                continue
            cur, prev = this[0], last[0]
            v, p = values.get(cur["report_id"], {}), values.get(prev["report_id"], {})
            where = f"{prev['report_id']} ({year - 1})"
            for col in T3_COLS:
                a, b = p.get(("t3", "carried_out", col)), v.get(("t3", "carried_in", col))
                if a is not None and b is not None:
                    out.append(_row(cur["report_id"], "carry_over_mismatch", "t3", "carried_in", col, a, b,
                                    f"上年结转 {col}={_fmt(b)} ({year}) vs 结转下年度 {col}={_fmt(a)} in {where}"))
            if cur.get("edition") == "2021" and prev.get("edition") == "2021":
                for row in ROLLOVER_ROWS:
                    last_in_force = p.get(("t2", row, "in_force"))
                    issued, repealed, in_force = (v.get(("t2", row, c)) for c in ("issued", "repealed", "in_force"))
                    if None in (last_in_force, issued, repealed, in_force):
                        continue
                    expected = last_in_force + issued - repealed
                    out.append(_row(cur["report_id"], "in_force_rollover", "t2", row, "in_force", expected, in_force,
                                    f"现行有效 {_fmt(in_force)} vs last year's {_fmt(last_in_force)} + 制发 "
                                    f"{_fmt(issued)} − 废止 {_fmt(repealed)} = {_fmt(expected)} ({where})"))
    return out


class CrossYearCollector:
    """Keeps, while a batch streams its rows, the few values per report the cross-year checks need."""

    KEEP = ("report_id", "status", "duplicate_of", "year", "edition", "agency", "province", "city", "county",
            "province_code", "city_code", "county_code")

    def __init__(self) -> None:
        self.reports: list[dict] = []
        self.cells: list[dict] = []

    def add(self, report: dict, cells: Iterable[dict]) -> None:
        self.reports.append({k: report.get(k, "") for k in self.KEEP})
        self.cells.extend({k: c.get(k, "") for k in ("report_id", "table", "row", "col", "value", "flag")}
                          for c in cells if (c["table"], c["row"], c["col"]) in NEEDED)

    def checks(self, reports: Iterable[dict] | None = None) -> list[dict]:
        """The cross-year rows; ``reports``: the batch's final report rows (with every copy marked
        duplicate_of), by default the rows as added."""
        return cross_year_checks(self.reports if reports is None else reports, self.cells)
