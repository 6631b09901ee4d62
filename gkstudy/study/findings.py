"""Tables for the findings page (03_findings): the measures, each rate beside its denominator."""

from __future__ import annotations

import pandas as pd

from gkstudy.study import measures as M


def _zh(lang: str) -> bool:
    return lang == "zh"


def demand_table(wide: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Per year and level: reports, requests received (summed where printed), and the change on the
    year before — first over the agencies that printed the number in both years (balanced), then the
    change of the sums over whatever reports there are (unbalanced: a new place inflates it)."""
    zh = _zh(lang)
    level = wide["level"].map(lambda v: M.level_label(v, lang)).where(wide["level"] != "", "（未标注）" if zh else "(not recorded)")
    received = M.col(wide, "t3.received.total")
    g = received.groupby([wide["year"], level])
    out = pd.DataFrame({"reports": g.size(), "n_with": g.count(), "sum": g.sum(min_count=1)}).reset_index()
    out.columns = ["year", "level", "reports", "n_with", "sum"]
    balanced, unbalanced = [], []
    for row in out.itertuples():
        prev = out[(out["level"] == row.level) & (out["year"] == row.year - 1)]
        if prev.empty:
            msg = f"无 {row.year - 1} 年报告" if zh else f"no {row.year - 1} reports"
            balanced.append(msg)
            unbalanced.append(msg)
            continue
        b = balanced_change(wide[level == row.level], received[level == row.level], row.year - 1, row.year, lang)
        balanced.append(b)
        before, now = prev["sum"].iloc[0], row.sum
        unbalanced.append("NA" if pd.isna(before) or pd.isna(now) or before <= 0 else
                          f"{now / before - 1:+.1%} ({int(before)} → {int(now)}; "
                          f"{int(prev['n_with'].iloc[0])} → {int(row.n_with)} " + ("份报告)" if zh else "reports)"))
    out["sum"] = out["sum"].astype("Int64")  # counts: whole numbers, NA kept
    names = (["年度", "层级", "报告数", "读出申请数的报告", "本年新收申请（件）", "较上年：同一批机关（平衡）",
              "较上年：全部报告之和（不平衡，报告集合可能不同）"] if zh else
             ["year", "level", "reports", "reports with a number", "requests received",
              "change on previous year, same agencies (balanced)",
              "change of the sums, all reports (unbalanced: report sets may differ)"])
    out[names[5]] = balanced
    out[names[6]] = unbalanced
    out.columns = names[:5] + names[5:]
    return out


def agency_key(wide: pd.DataFrame) -> pd.Series:
    """Who a report is from, for matching the same body across years: place codes and agency name."""
    parts = [wide[c].astype(str) for c in ("province", "city", "county", "agency") if c in wide.columns]
    return pd.concat(parts, axis=1).agg("|".join, axis=1)


def balanced_change(wide: pd.DataFrame, received: pd.Series, year0: int, year1: int, lang: str = "zh") -> str:
    """Change of requests received from year0 to year1 over the agencies that printed it in both."""
    key = agency_key(wide)
    a = received[(wide["year"] == year0) & received.notna()].groupby(key).sum()
    b = received[(wide["year"] == year1) & received.notna()].groupby(key).sum()
    both = a.index.intersection(b.index)
    unit = "个机关" if lang == "zh" else ("agency" if len(both) == 1 else "agencies")
    if len(both) == 0:
        return "NA（没有两年都有报告的机关）" if lang == "zh" else "NA (no agency reports in both years)"
    s0, s1 = float(a[both].sum()), float(b[both].sum())
    change = "NA" if s0 <= 0 else f"{s1 / s0 - 1:+.1%}"
    return f"{change} ({int(s0)} → {int(s1)}; {len(both)} {unit})"


def rates_table(wide: pd.DataFrame, checks: pd.DataFrame | None = None, lang: str = "zh") -> pd.DataFrame:
    """Pooled rates, one row per measure and one column per year, each with numerator and denominator
    (or why there is none). A report whose cells for a rate fail an error-level check is left out of
    that rate; the last column names it and gives the rate with it included (sensitivity)."""
    zh = _zh(lang)
    years = sorted(int(y) for y in wide["year"].dropna().unique())
    rows = []
    for name in M.RATES_TABLE:
        m = M.MEASURES[name]
        row = {("指标" if zh else "measure"): m.label(lang), ("所用单元格" if zh else "cells used"): ", ".join(m.cells)}
        notes = []
        for year in years:
            p = M.pooled_rate(wide[wide["year"] == year], checks, name, lang)
            row[str(year)] = p.text(lang)
            if not p.left_out.empty:
                notes.append(f"{year}: {p.sensitivity_text(lang)}")
        row["未通过核对而剔除的报告 → 计入后的比例（敏感性）" if zh else
            "left out (failed an error check) → rate with them (sensitivity)"] = " | ".join(notes) or "—"
        rows.append(row)
    return pd.DataFrame(rows)


def redress_table(wide: pd.DataFrame, checks: pd.DataFrame | None = None, lang: str = "zh") -> pd.DataFrame:
    """Table 四 pooled per proceeding; a report whose row fails its own row total (t4_row_total) is
    left out of that row, named, and the rates with it included follow as a sensitivity column."""
    zh = _zh(lang)
    t = M.redress(wide, checks)
    counts = t[["total", "pending", "decided", "corrected", "upheld"]].astype("Int64")
    decided_word = "件已审结" if zh else "decided cases"
    rate_col = [
        (f"NA（0 {decided_word}）" if zh else f"NA (0 {decided_word})") if r.decided <= 0 else
        f"{r.correction_rate:.1%} [{r.correction_lo:.1%}, {r.correction_hi:.1%}] "
        f"({int(r.corrected)} / {int(r.decided)} {decided_word})"
        for r in t.itertuples()]
    affirm = [M.rate_text(M.Rate(r.upheld, r.total, "件" if zh else "cases"), lang) for r in t.itertuples()]
    sens = []
    for r in t["proceeding"]:
        corr = M.pooled_rate(wide, checks, f"correction_rate.{r}", lang)
        aff = M.pooled_rate(wide, checks, f"affirmance_rate.{r}", lang)
        if corr.left_out.empty and aff.left_out.empty:
            sens.append("—")
            continue
        left = corr.left_out if len(corr.left_out) >= len(aff.left_out) else aff.left_out
        names = "; ".join(f"{a} {y} ({c})" for a, y, c in zip(left["agency"], left["year"], left["checks"]))
        sens.append((f"剔除：{names} → 计入后 纠错率 {M.rate_text(corr.with_left_out, lang)}，"
                     f"维持率 {M.rate_text(aff.with_left_out, lang)}") if zh else
                    (f"left out: {names} → with them: correction {corr.with_left_out.text()}, "
                     f"affirmance {aff.with_left_out.text()}"))
    names = (["程序", "报告数", "总计（件）", "尚未审结", "已审结", "结果纠正", "结果维持", "纠错率（95% Wilson 区间）",
              "维持率 结果维持 ÷ 总计", "未通过本行核对而剔除的报告（敏感性）"] if zh else
             ["proceeding", "reports", "cases (总计)", "pending", "decided", "corrected", "upheld",
              "correction rate (95% Wilson)", "affirmance rate upheld ÷ cases", "left out (row fails its total) → sensitivity"])
    out = pd.DataFrame({names[0]: [M.row_label("t4", r, lang) for r in t["proceeding"]], names[1]: t["reports"],
                        names[2]: counts["total"], names[3]: counts["pending"], names[4]: counts["decided"],
                        names[5]: counts["corrected"], names[6]: counts["upheld"], names[7]: rate_col,
                        names[8]: affirm, names[9]: sens})
    return out
