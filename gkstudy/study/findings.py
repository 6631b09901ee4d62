"""Tables for the findings page (03_findings): the measures, each rate beside its denominator."""

from __future__ import annotations

import pandas as pd

from gkstudy.study import measures as M


def demand_table(wide: pd.DataFrame) -> pd.DataFrame:
    """Per year and level: reports, requests received (summed where printed), change on last year."""
    level = wide["level"].where(wide["level"] != "", "(not recorded)")
    received = M.col(wide, "t3.received.total")
    g = received.groupby([wide["year"], level])
    out = pd.DataFrame({"reports": g.size(), "reports with a number": g.count(),
                        "requests received": g.sum(min_count=1)}).reset_index()
    out.columns = ["year", "level", "reports", "reports with a number", "requests received"]
    out["requests received"] = out["requests received"].astype("Int64")  # counts: whole numbers, NA kept
    # Year-on-year change only compares totals of the same level; it is NA when last year was 0 or absent.
    out["change of the sum on previous year (report sets may differ)"] = out.groupby("level")["requests received"].transform(
        lambda s: (s / s.shift(1).where(s.shift(1) > 0) - 1)).map(lambda x: "NA" if pd.isna(x) else f"{x:+.1%}")
    return out


def rates_table(wide: pd.DataFrame) -> pd.DataFrame:
    """Pooled rates per year, written with numerator and denominator (or why there is none)."""
    m = M.report_measures(wide)
    rows = []
    for year, idx in wide.groupby("year").groups.items():
        s = m.loc[idx]
        rows.append({
            "year": year, "reports": len(idx),
            "disclosure rate (granted + partly) ÷ decided": _rate(s, "disclosed", "decided", "decided"),
            "full-grant rate granted ÷ decided": _rate(s, "granted", "decided", "decided"),
            "'not held' share ÷ decided": _rate(s, "not_held", "decided", "decided"),
            "clearance decided ÷ (received + carried in)": _rate(s, "decided", "workload", "received + carried in"),
            "backlog carried out ÷ (received + carried in)": _rate(s, "carried_out", "workload", "received + carried in"),
            "challenge rate t4 cases ÷ decided": _rate(s, "challenges", "decided", "decided"),
        })
    return pd.DataFrame(rows)


def _rate(s: pd.DataFrame, num: str, den: str, den_name: str) -> str:
    both = s[num].notna() & s[den].notna()  # pool only reports that printed both numbers
    return M.Rate(float(s.loc[both, num].sum()), float(s.loc[both, den].sum()), den_name).text() + \
        f" [{int(both.sum())} reports]"


def redress_table(wide: pd.DataFrame) -> pd.DataFrame:
    t = M.redress(wide)
    counts = t[["total", "pending", "decided", "corrected", "upheld"]].astype("Int64")
    out = pd.DataFrame({"proceeding": t["proceeding"], "reports": t["reports"], "cases (总计)": counts["total"],
                        "pending": counts["pending"], "decided": counts["decided"],
                        "corrected": counts["corrected"], "upheld": counts["upheld"]})
    out["correction rate (95% Wilson)"] = [
        "NA (0 decided cases)" if r.decided <= 0 else
        f"{r.correction_rate:.1%} [{r.correction_lo:.1%}, {r.correction_hi:.1%}] of {int(r.decided)}"
        for r in t.itertuples()]
    out["affirmance rate upheld ÷ cases"] = [M.Rate(r.upheld, r.total, "cases").text() for r in t.itertuples()]
    return out
