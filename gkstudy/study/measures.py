"""The measures researchers compute from the annual reports (shared METHODS_NOTES), on the wide table.

Every rate carries its numerator and denominator. A rate whose denominator is 0 or NA is NA — the
office had nothing to decide — and never 0. NA counts stay NA: sums over rows with an NA part are NA.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from gkstudy.core import codebook
from gkstudy.checks.warnings import DEADLINE

T3_APPLICANTS, T4_ROWS = codebook.T3_APPLICANTS, codebook.T4_ROWS
# Outcome groups of table 三's （一）…（六） rows, in the order the format prints them.
OUTCOME_GROUPS = ("granted", "partly_granted", "denied", "unavailable", "not_processed", "other")
# Refusal reasons: statutory exemptions (不予公开) vs practical reasons (无法提供, 不予处理).
STATUTORY = "denied"
Z95 = 1.959963984540054  # two-sided 95% normal quantile


# ---------------------------------------------------------------------------------------- rates
def wilson_interval(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials; (nan, nan) when n is 0 or NA."""
    if n is None or k is None or pd.isna(n) or pd.isna(k) or n <= 0:
        return (math.nan, math.nan)
    if k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Rate:
    numerator: float
    denominator: float
    denominator_name: str

    @property
    def value(self) -> float:
        if pd.isna(self.numerator) or pd.isna(self.denominator) or self.denominator == 0:
            return math.nan
        return self.numerator / self.denominator

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.numerator, self.denominator)

    def text(self) -> str:
        """'30.6% (10538 / 34430 decisions)', or why there is no rate."""
        if pd.isna(self.denominator):
            return f"NA (denominator {self.denominator_name} not readable)"
        if self.denominator == 0:
            return f"NA (0 {self.denominator_name})"
        return f"{self.value:.1%} ({_n(self.numerator)} / {_n(self.denominator)} {self.denominator_name})"


def _n(x: float) -> str:
    return f"{int(x)}" if float(x).is_integer() else f"{x:g}"


def safe_ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den per row, NA where den is 0 or NA (no division by zero, no invented 0)."""
    den = den.where(den > 0)
    return num / den


def sum_strict(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Row sum that is NA if any part is NA (a missing part makes the total unknown)."""
    present = [c for c in columns if c in frame.columns]
    if not present:
        return pd.Series(math.nan, index=frame.index)
    return frame[present].sum(axis=1, skipna=False, min_count=1)


# ---------------------------------------------------------------------------------------- groups
def t3_rows() -> list[str]:
    """All t3 rows of both editions, 2021 order first."""
    seen: dict[str, None] = {}
    for edition in reversed(codebook.EDITIONS):
        for r in codebook.rows(edition, "t3"):
            seen.setdefault(r, None)
    return list(seen)


def outcome_group(row: str) -> str | None:
    """The outcome group of a t3 row ('denied.state_secret' -> 'denied'); None for non-outcome rows."""
    head = row.split(".", 1)[0]
    return head if head in OUTCOME_GROUPS else None


def group_rows(group: str) -> list[str]:
    return [r for r in t3_rows() if outcome_group(r) == group]


def row_label(table: str, row: str, lang: str = "zh") -> str:
    """Short label of a row: the codebook label without its column part."""
    text = codebook.label(f"{table}.{row}.total", lang)
    return text.rsplit(" · ", 1)[0] if lang == "zh" else re.sub(r": total$", "", text)


def group_label(group: str, lang: str = "zh") -> str:
    first = group_rows(group)[0]
    text = row_label("t3", first, lang)
    if lang == "zh":
        m = re.search(r"（[一二三四五六七]）[^ 0-9（]+", text)
        return m.group(0) if m else text
    return text.split(":", 1)[0]


def reason_label(row: str, lang: str = "zh") -> str:
    """Label of a refusal sub-reason without its group prefix ('1.属于国家秘密', 'state secret')."""
    text = row_label("t3", row, lang)
    return text.split(" ", 1)[-1] if lang == "zh" else text.split(":", 1)[-1].strip()


# ---------------------------------------------------------------------------------------- measures
def col(wide: pd.DataFrame, code: str) -> pd.Series:
    return wide[code] if code in wide.columns else pd.Series(math.nan, index=wide.index)


def outcome_counts(wide: pd.DataFrame) -> pd.DataFrame:
    """Per report: the count in each outcome group (column 总计), NA if any of its rows is NA.

    A report prints either the single （六）其他处理 row or its three sub-rows; the group sums
    whichever the report printed.
    """
    out = pd.DataFrame(index=wide.index)
    for group in OUTCOME_GROUPS:
        codes = [f"t3.{r}.total" for r in group_rows(group)]
        if group == "other":
            single = col(wide, "t3.other.total")
            three = sum_strict(wide, [c for c in codes if c != "t3.other.total"])
            out[group] = single.where(single.notna(), three)
        else:
            out[group] = sum_strict(wide, codes)
    out["total"] = col(wide, "t3.total.total")
    return out


def report_measures(wide: pd.DataFrame) -> pd.DataFrame:
    """One row per report: the standard counts and rates, each rate beside its denominator."""
    m = pd.DataFrame(index=wide.index)
    m["received"] = col(wide, "t3.received.total")
    m["carried_in"] = col(wide, "t3.carried_in.total")
    m["decided"] = col(wide, "t3.total.total")
    m["carried_out"] = col(wide, "t3.carried_out.total")
    m["workload"] = m["received"] + m["carried_in"]  # received + carried_in; NA if either NA
    m["granted"] = col(wide, "t3.granted.total")
    m["partly_granted"] = col(wide, "t3.partly_granted.total")
    m["disclosed"] = m["granted"] + m["partly_granted"]
    m["full_grant_rate"] = safe_ratio(m["granted"], m["decided"])  # ÷ （七）总计
    m["disclosure_rate"] = safe_ratio(m["disclosed"], m["decided"])  # Shanghai's 公开率: ÷ decisions made
    m["clearance_rate"] = safe_ratio(m["decided"], m["workload"])
    m["backlog_rate"] = safe_ratio(m["carried_out"], m["workload"])
    m["not_held"] = col(wide, "t3.unavailable.not_held.total")
    m["not_held_share"] = safe_ratio(m["not_held"], m["decided"])
    m["challenges"] = sum_strict(wide, [f"t4.{r}.total" for r in T4_ROWS])
    m["challenge_rate"] = safe_ratio(m["challenges"], m["decided"])
    return m


def applicant_mix(wide: pd.DataFrame) -> pd.DataFrame:
    """Per report: requests received by applicant type (counts; shares are count ÷ received.total)."""
    return pd.DataFrame({a: col(wide, f"t3.received.{a}") for a in T3_APPLICANTS} |
                        {"total": col(wide, "t3.received.total")}, index=wide.index)


def refusal_reasons(wide: pd.DataFrame) -> pd.DataFrame:
    """Total count of each refusal sub-reason (不予公开, 无法提供, 不予处理) over the given reports.

    Columns: row, group, count (sum over reports that printed a number), reports (how many did).
    Sorted largest first for a Pareto chart.
    """
    rows = []
    for group in ("denied", "unavailable", "not_processed"):
        for r in group_rows(group):
            values = col(wide, f"t3.{r}.total")
            rows.append({"row": r, "group": group, "count": values.sum(min_count=1),
                         "reports": int(values.notna().sum())})
    out = pd.DataFrame(rows)
    return out.sort_values("count", ascending=False, kind="stable", na_position="last").reset_index(drop=True)


def redress(wide: pd.DataFrame) -> pd.DataFrame:
    """Table 四 pooled over the given reports, one row per proceeding, with rates and Wilson intervals.

    correction rate = corrected ÷ (total − pending)  (decided cases; 纠错率)
    affirmance rate = upheld ÷ total                 (维持率, Liaoning's measure)
    """
    rows = []
    for r in T4_ROWS:
        parts = {c: col(wide, f"t4.{r}.{c}") for c in codebook.T4_COLS}
        complete = pd.concat(parts, axis=1).notna().all(axis=1)  # pool only reports with the whole row
        sums = {c: float(v[complete].sum()) for c, v in parts.items()}
        decided = sums["total"] - sums["pending"]
        corr = Rate(sums["corrected"], decided, "decided cases")
        lo, hi = corr.interval
        rows.append({"proceeding": r, "reports": int(complete.sum()), **sums, "decided": decided,
                     "correction_rate": corr.value, "correction_lo": lo, "correction_hi": hi,
                     "affirmance_rate": Rate(sums["upheld"], sums["total"], "cases").value})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------- timeliness
def days_after_own_deadline(reports: pd.DataFrame) -> pd.Series:
    """Publication date minus the report's own 《条例》第四十九条 deadline, in days (negative =
    early): 31 January of the following year for departments, 31 March for governments and
    townships — the deadlines the ``late_publication`` check uses. NA where the date, the year or
    the type of body is unknown."""
    published = pd.to_datetime(reports["published"].replace("", pd.NA), errors="coerce")
    year = pd.to_numeric(reports["year"].replace("", pd.NA), errors="coerce").astype("Int64")
    kind = reports.get("agency_type", pd.Series("", index=reports.index)).fillna("")
    deadline = pd.Series(pd.NaT, index=reports.index, dtype="datetime64[ns]")
    for agency_type, (month, day) in DEADLINE.items():
        rows = kind.eq(agency_type) & year.notna()
        deadline[rows] = pd.to_datetime(
            (year[rows] + 1).astype(str) + f"-{month:02d}-{day:02d}", errors="coerce")
    return (published - deadline).dt.days
