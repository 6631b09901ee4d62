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
from gkstudy.checks.explain import check_touches
from gkstudy.checks.warnings import DEADLINE

T3_APPLICANTS, T4_ROWS = codebook.T3_APPLICANTS, codebook.T4_ROWS
# Table 三's columns named briefly for legends and lesson tables: the Chinese is the codebook's
# column label, the English a short form (the codebook's English is a phrase).
_COLUMN_EN = {"natural_person": "natural persons", "commercial": "businesses", "research": "research institutions",
              "nonprofit": "public-interest orgs", "legal": "legal services", "other_org": "other organisations",
              "total": "total"}


def column_label(col: str, lang: str) -> str:
    """The short name of table 三's column ``col`` (an applicant type or ``total``) in ``lang``."""
    return codebook.col_label("t3", col) if lang == "zh" else _COLUMN_EN[col]
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
    # At k = 0 (k = n) the bound is exactly 0 (1); rounding would otherwise put it just past the rate.
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return (lo, hi)


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


LEVEL_LABELS = {"province": ("省级", "province"), "city": ("市级", "city"), "county": ("县级", "county"),
                "township": ("乡镇（街道）", "township"), "department": ("部门", "department")}


def level_label(level: str, lang: str = "zh") -> str:
    """A level code of reports.csv in the page's language ('county' -> '县级')."""
    pair = LEVEL_LABELS.get(str(level))
    return pair[0 if lang == "zh" else 1] if pair else str(level)


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
    m["not_held"] = col(wide, "t3.unavailable.not_held.total")
    m["challenges"] = sum_strict(wide, [f"t4.{r}.total" for r in T4_ROWS])
    for name in RATES_TABLE:  # each rate from its one definition in MEASURES
        num, den = _parts(wide, MEASURES[name])
        m[name] = safe_ratio(num, den)
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


def redress(wide: pd.DataFrame, checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Table 四 pooled over the given reports, one row per proceeding, with rates and Wilson intervals.

    correction rate = corrected ÷ (total − pending)  (decided cases; 纠错率)
    affirmance rate = upheld ÷ total                 (维持率, Liaoning's measure)
    With ``checks``, a report whose row fails an error check (e.g. 总计 0 beside 维持 10) is left out
    of that row: its parts and its total cannot both be right. ``left_out`` counts them.
    """
    rows = []
    for r in T4_ROWS:
        parts = {c: col(wide, f"t4.{r}.{c}") for c in codebook.T4_COLS}
        readable = pd.concat(parts, axis=1).notna().all(axis=1)  # pool only reports with the whole row
        complete = readable & consistent(wide, checks, [f"t4.{r}.{c}" for c in parts])
        sums = {c: float(v[complete].sum()) for c, v in parts.items()}
        decided = sums["total"] - sums["pending"]
        corr = Rate(sums["corrected"], decided, "decided cases")
        lo, hi = corr.interval
        rows.append({"proceeding": r, "reports": int(complete.sum()), "left_out": int((readable & ~complete).sum()),
                     **sums, "decided": decided,
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


# ---------------------------------------------------------------------------------------- measure definitions
@dataclass(frozen=True)
class Measure:
    """A rate named once: the cells summed in its numerator and denominator (minus ``subtract``)."""
    name: str
    zh: str
    en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    subtract: tuple[str, ...] = ()  # subtracted from the denominator (decided cases = total − pending)
    den_zh: str = ""
    den_en: str = ""

    @property
    def cells(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.numerator + self.denominator + self.subtract))

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def den_label(self, lang: str = "zh") -> str:
        return self.den_zh if lang == "zh" else self.den_en


_DECIDED = ("t3.total.total",)
_WORKLOAD = ("t3.received.total", "t3.carried_in.total")
_T4_TOTALS = tuple(f"t4.{r}.total" for r in T4_ROWS)
_T4_ZH = {"review": "行政复议", "suit_direct": "未经复议直接起诉", "suit_after_review": "复议后起诉"}
_T4_EN = {"review": "reconsideration", "suit_direct": "lawsuit without reconsideration",
          "suit_after_review": "lawsuit after reconsideration"}

MEASURES: dict[str, Measure] = {m.name: m for m in [
    Measure("disclosure_rate", "公开率（予以公开 + 部分公开）÷ 办理总数", "disclosure rate (granted + partly) ÷ decided",
            ("t3.granted.total", "t3.partly_granted.total"), _DECIDED, den_zh="件已办理", den_en="decided"),
    Measure("full_grant_rate", "全部公开率 予以公开 ÷ 办理总数", "full-grant rate granted ÷ decided",
            ("t3.granted.total",), _DECIDED, den_zh="件已办理", den_en="decided"),
    Measure("not_held_share", "“本机关不掌握”占比 ÷ 办理总数", "'not held' share ÷ decided",
            ("t3.unavailable.not_held.total",), _DECIDED, den_zh="件已办理", den_en="decided"),
    Measure("clearance_rate", "办结率 办理总数 ÷（新收 + 上年结转）", "clearance decided ÷ (received + carried in)",
            _DECIDED, _WORKLOAD, den_zh="件新收与结转", den_en="received + carried in"),
    Measure("backlog_rate", "积压率 结转下年 ÷（新收 + 上年结转）", "backlog carried out ÷ (received + carried in)",
            ("t3.carried_out.total",), _WORKLOAD, den_zh="件新收与结转", den_en="received + carried in"),
    Measure("challenge_rate", "被复议诉讼率 表四案件 ÷ 办理总数", "challenge rate t4 cases ÷ decided",
            _T4_TOTALS, _DECIDED, den_zh="件已办理", den_en="decided"),
    *[Measure(f"correction_rate.{r}", f"{_T4_ZH[r]}纠错率 结果纠正 ÷（总计 − 尚未审结）",
              f"{_T4_EN[r]}: correction rate corrected ÷ (total − pending)",
              (f"t4.{r}.corrected",), (f"t4.{r}.total",), (f"t4.{r}.pending",), den_zh="件已审结", den_en="decided cases")
      for r in T4_ROWS],
    *[Measure(f"affirmance_rate.{r}", f"{_T4_ZH[r]}维持率 结果维持 ÷ 总计", f"{_T4_EN[r]}: affirmance rate upheld ÷ total",
              (f"t4.{r}.upheld",), (f"t4.{r}.total",), den_zh="件", den_en="cases")
      for r in T4_ROWS],
]}
RATES_TABLE = ("disclosure_rate", "full_grant_rate", "not_held_share", "clearance_rate", "backlog_rate",
               "challenge_rate")


def failed_errors(checks: pd.DataFrame) -> pd.DataFrame:
    """The failed error-level rows of checks.csv (the report contradicts itself there)."""
    if checks is None or checks.empty:
        return pd.DataFrame(columns=["report_id", "check", "table", "row", "col"])
    return checks[(checks["passed"] == "false") & (checks["severity"] == "error")]


def failing_checks(checks: pd.DataFrame, codes) -> pd.Series:
    """report_id -> sorted names of the failed error checks that compared any of these cells."""
    bad = failed_errors(checks)
    hits: dict[str, set] = {}
    for r in bad.itertuples():
        if any(check_touches(r.check, r.table, r.row, r.col, code) for code in codes):
            hits.setdefault(r.report_id, set()).add(f"{r.check} {r.table}.{r.row}.{r.col}".rstrip("."))
    return pd.Series({k: ", ".join(sorted(v)) for k, v in hits.items()}, dtype=object)


def consistent(wide: pd.DataFrame, checks: pd.DataFrame | None, codes) -> pd.Series:
    """Mask of the reports whose cells ``codes`` pass every error-level check that compared them."""
    if checks is None:
        return pd.Series(True, index=wide.index)
    return ~wide["report_id"].isin(failing_checks(checks, codes).index)


def _parts(wide: pd.DataFrame, m: Measure) -> tuple[pd.Series, pd.Series]:
    """Per report: numerator and denominator of the measure, NA unless every cell of both is readable
    (so a pooled rate never takes its numerator and its denominator from different reports)."""
    num = sum_strict(wide, list(m.numerator)) if all(c in wide for c in m.numerator) else col(wide, "_none_")
    den = sum_strict(wide, list(m.denominator)) if all(c in wide for c in m.denominator) else col(wide, "_none_")
    if m.subtract:
        den = den - (sum_strict(wide, list(m.subtract)) if all(c in wide for c in m.subtract) else col(wide, "_none_"))
    both = num.notna() & den.notna()
    return num.where(both), den.where(both)


@dataclass
class PooledRate:
    measure: Measure
    rate: Rate  # over the reports with readable, consistent cells
    reports: int
    left_out: pd.DataFrame  # report_id, agency, year, checks: readable but failing an error check
    with_left_out: Rate  # sensitivity: the same pooled rate with those reports included

    def text(self, lang: str = "zh") -> str:
        unit = "份报告" if lang == "zh" else ("report" if self.reports == 1 else "reports")
        return f"{rate_text(self.rate, lang)} [{self.reports} {unit}]"

    def sensitivity_text(self, lang: str = "zh") -> str:
        if self.left_out.empty:
            return "—"
        names = "; ".join(f"{a} {y} ({c})" for a, y, c in zip(self.left_out["agency"], self.left_out["year"],
                                                             self.left_out["checks"]))
        head = "剔除" if lang == "zh" else "left out"
        incl = "计入后" if lang == "zh" else "with them"
        return f"{head}: {names} → {incl}: {rate_text(self.with_left_out, lang)}"


def rate_text(rate: Rate, lang: str = "zh") -> str:
    """Rate.text() in the page's language."""
    if lang != "zh":
        return rate.text()
    if pd.isna(rate.denominator):
        return f"NA（分母 {rate.denominator_name} 无法读取）"
    if rate.denominator == 0:
        return f"NA（0 {rate.denominator_name}）"
    return f"{rate.value:.1%}（{_n(rate.numerator)} / {_n(rate.denominator)} {rate.denominator_name}）"


def pooled_rate(wide: pd.DataFrame, checks: pd.DataFrame | None, name: str, lang: str = "zh") -> PooledRate:
    """One measure pooled over ``wide``: reports whose cells for it fail an error check are left out
    (and named), and the figure with them included is kept as a sensitivity line."""
    m = MEASURES[name]
    num, den = _parts(wide, m)
    readable = num.notna()
    ok = consistent(wide, checks, m.cells)
    dname = m.den_label(lang)

    def pool(mask):
        return Rate(float(num[mask].sum()), float(den[mask].sum()), dname)

    out_mask = readable & ~ok
    why = failing_checks(checks, m.cells) if checks is not None else pd.Series(dtype=object)
    left = wide.loc[out_mask, ["report_id", "agency", "year"]].assign(checks=lambda f: f["report_id"].map(why))
    return PooledRate(m, pool(readable & ok), int((readable & ok).sum()), left.reset_index(drop=True), pool(readable))
