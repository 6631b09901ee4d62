"""Matplotlib figures for the findings page. Each function takes the numeric wide table (one row per
report, from ``study_data.numeric_wide``) and returns a Figure that states its title, axis labels
with units, the denominator of any rate, and the number of reports behind it.

Zero denominators are normal (most townships receive no applications): a panel then says so in words
instead of dividing by 0 or drawing an empty axis.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from gkstudy.core import codebook
from gkstudy.study import measures as M
from gkstudy.study.fonts import use_cjk_font

TEXT = {
    "reports": ("{n} 份报告", "{n} reports"),
    "no_reports": ("没有符合条件的报告", "no reports match the selection"),
    "no_apps": ("所选报告均未收到或办理申请（分母为 0），无法计算比例", "no applications in the selected reports (denominator 0): no rate to show"),
    "year": ("报告年度", "report year"),
    "count": ("申请数（件）", "applications (count)"),
    "share": ("占比（%）", "share (%)"),
    "demand_title": ("申请量随时间变化（按层级）", "Demand over time, by level of government"),
    "demand_y": ("本年新收申请数（件，合计）", "requests received (count, summed)"),
    "level_unknown": ("层级未标注", "level not recorded"),
    "outcome_title": ("申请办理结果构成（100% 堆积）", "What happens to requests (100% stacked)"),
    "outcome_den": ("分母：（七）总计（本年办理的申请数）", "denominator: （七）总计, requests decided in the year"),
    "pareto_title": ("不予公开、无法提供、不予处理的理由（帕累托图）", "Why requests fail (Pareto)"),
    "pareto_y": ("件数（件）", "count (requests)"),
    "pareto_cum": ("累计占比（%）", "cumulative share (%)"),
    "no_refusals": ("所选报告中没有被拒绝或未处理的申请", "no refused or unprocessed requests in the selected reports"),
    "statutory": ("法定理由：不予公开", "statutory: withheld"),
    "practical": ("实际理由：无法提供 / 不予处理", "practical: cannot provide / not processed"),
    "pareto_den": ("分母：各理由件数之和", "denominator: sum of all refusal reasons"),
    "mix_title": ("申请人构成", "Who asks"),
    "mix_den": ("分母：一、本年新收申请数 · 总计", "denominator: requests received this year, total"),
    "redress_title": ("行政复议、行政诉讼的纠错率（95% Wilson 区间）", "Correction rate in reconsideration and litigation (95% Wilson interval)"),
    "redress_x": ("纠错率（%）", "correction rate (%)"),
    "redress_den": ("分母：已审结案件 = 总计 − 尚未审结", "denominator: decided cases = total − pending"),
    "no_cases": ("无已审结案件", "no decided cases"),
    "backlog_title": ("积压：上年结转 → 结转下年度", "Backlog: carried in → carried out"),
    "backlog_y": ("申请数（件）", "requests (count)"),
    "carried_in": ("上年结转", "carried in"),
    "carried_out": ("结转下年度", "carried out"),
    "no_backlog": ("所选报告均无结转申请（上年结转与结转下年度均为 0）", "no carried-over requests in the selected reports (all 0)"),
    "time_title": ("公开时间与法定期限", "Publication date against the deadline"),
    "time_x": ("距本机关法定期限的天数（天；负数 = 提前）", "days after the body's own deadline (days; negative = early)"),
    "time_y": ("报告数（份）", "reports (count)"),
    "deadline": ("法定期限（部门 1 月 31 日，政府 3 月 31 日）", "deadline (departments 31 January, governments 31 March)"),
    "type_department": ("部门", "departments"),
    "type_government": ("政府", "governments"),
    "type_township": ("乡镇（街道）", "townships"),
    "no_dates": ("所选报告均未读出发布日期", "no publication date could be read in the selected reports"),
    "dates_known": ("{k} / {n} 份报告读出发布日期和机关类型", "{k} of {n} reports have a readable publication date and type of body"),
    "heat_title": ("数据质量：各报告未通过的核对", "Data quality: failed checks per report"),
    "heat_x": ("核对项（未通过数 / 已运行数）", "check (failed / run)"),
    "heat_y": ("报告", "report"),
    "no_checks": ("没有运行任何核对", "no checks were run"),
    "bar_no_apps": ("无申请", "no applications"),
}
# The codebook's column label in Chinese; a short English legend label (the codebook's is a phrase).
_APPLICANT_EN = {"natural_person": "natural persons", "commercial": "businesses", "research": "research institutions",
                 "nonprofit": "public-interest orgs", "legal": "legal services", "other_org": "other organisations"}
APPLICANT_LABELS = {a: (codebook.col_label("t3", a), _APPLICANT_EN[a]) for a in codebook.T3_APPLICANTS}
GROUP_COLOURS = {"granted": "#1b9e77", "partly_granted": "#66c2a5", "denied": "#d95f02",
                 "unavailable": "#7570b3", "not_processed": "#e7298a", "other": "#999999"}


def t(key: str, lang: str, **kw) -> str:
    return TEXT[key][0 if lang == "zh" else 1].format(**kw)


def plain(text) -> str:
    """Text from a report shown literally: '$' would otherwise start matplotlib mathtext."""
    return str(text).replace("$", r"\$")


def _figure(width: float = 9, height: float = 4.8):
    use_cjk_font()
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


def _footer(fig, lang: str, n_reports: int, extra: str = "") -> None:
    text = t("reports", lang, n=n_reports) + (f"；{extra}" if lang == "zh" and extra else f"; {extra}" if extra else "")
    # Kept out of the layout in a reserved strip at the bottom: n reports and the denominator.
    if fig.get_layout_engine() is not None:
        fig.get_layout_engine().set(rect=(0, 0.06, 1, 0.94))
    fig.text(0.01, 0.01, text, fontsize=9, color="#444444", ha="left", va="bottom")


def _pool_complete_by_year(counts: pd.DataFrame, wide: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Sum per year over the reports whose every column is readable (NA is never counted as 0);
    returns (pooled counts by year, mask of the reports used)."""
    complete = counts.notna().all(axis=1)
    return counts[complete].groupby(wide.loc[complete, "year"]).sum(), complete


def _no_bars_reason(pooled: pd.DataFrame, lang: str) -> str:
    """Why a bar chart of pooled applications has nothing to draw, or '' when it has."""
    if pooled.empty:
        return t("no_reports", lang)
    if (pooled["total"] <= 0).all():
        return t("no_apps", lang)
    return ""


def _say(ax, message: str) -> None:
    """An honest empty panel: the reason in words, axes kept so title and labels still show."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, fontsize=11,
            color="#555555", wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])


def _years(wide: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in wide["year"].dropna().unique())


def _level(wide: pd.DataFrame, lang: str) -> pd.Series:
    level = wide["level"].astype(str) if "level" in wide.columns else pd.Series("", index=wide.index)
    return level.where(level.str.strip() != "", t("level_unknown", lang))


# ---------------------------------------------------------------------------------------- demand
def demand_over_time(wide: pd.DataFrame, lang: str = "zh"):
    """Small multiples per level: requests received per year (sum over reports that printed it)."""
    use_cjk_font()
    levels = sorted(_level(wide, lang).unique()) or [""]
    fig, axes = plt.subplots(1, len(levels), figsize=(max(6, 4.5 * len(levels)), 4.6), layout="constrained",
                             squeeze=False)
    fig.suptitle(t("demand_title", lang))
    if wide.empty:
        _say(axes[0][0], t("no_reports", lang))
    level_of = _level(wide, lang)
    for ax, level in zip(axes[0], levels):
        sub = wide[level_of == level]
        received = M.col(sub, "t3.received.total")
        per_year = received.groupby(sub["year"]).sum(min_count=1)
        n_year = received.notna().groupby(sub["year"]).sum()
        ax.set_title(plain(level))
        ax.set_xlabel(t("year", lang))
        ax.set_ylabel(t("demand_y", lang))
        if per_year.dropna().empty:
            _say(ax, t("no_reports", lang))
            continue
        x = [int(y) for y in per_year.index]
        ax.plot(x, per_year.values, marker="o", color="#1f77b4")
        for xi, yi, ni in zip(x, per_year.values, n_year.values):
            if not pd.isna(yi):
                ax.annotate(f"{int(yi)}\n(n={int(ni)})", (xi, yi), textcoords="offset points", xytext=(0, 6),
                            ha="center", fontsize=8)
        ax.set_xticks(x)
        positive = per_year.dropna()
        if (positive > 0).all() and positive.max() / positive.min() > 50:
            ax.set_yscale("log")  # counts range over orders of magnitude between offices
        else:
            ax.set_ylim(bottom=0, top=max(1.0, float(positive.max()) * 1.3))
    _footer(fig, lang, len(wide))
    return fig


# ---------------------------------------------------------------------------------------- outcomes
def outcome_shares(wide: pd.DataFrame, lang: str = "zh"):
    """100% stacked bars of outcome groups per year, pooled over reports with all groups readable."""
    fig, ax = _figure(9, 5)
    ax.set_title(t("outcome_title", lang))
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("share", lang))
    pooled, complete = _pool_complete_by_year(M.outcome_counts(wide), wide)
    n_reports = complete.groupby(wide["year"]).sum()
    empty = _no_bars_reason(pooled, lang)
    if empty:
        _say(ax, empty)
    else:
        x = np.arange(len(pooled))
        bottom = np.zeros(len(pooled))
        for group in M.OUTCOME_GROUPS:
            share = np.where(pooled["total"] > 0, pooled[group] / pooled["total"].where(pooled["total"] > 0) * 100, 0)
            ax.bar(x, share, bottom=bottom, color=GROUP_COLOURS[group], label=M.group_label(group, lang))
            bottom += share
        for xi, (year, row) in zip(x, pooled.iterrows()):
            label = (f"n={int(row['total'])}\n{t('reports', lang, n=int(n_reports[year]))}" if row["total"] > 0
                     else t("bar_no_apps", lang))
            ax.text(xi, 101, label, ha="center", va="bottom", fontsize=8)
        ax.set_xticks(x, [str(int(y)) for y in pooled.index])
        ax.set_ylim(0, 115)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    _footer(fig, lang, int(complete.sum()), t("outcome_den", lang))
    return fig


def refusal_pareto(wide: pd.DataFrame, lang: str = "zh"):
    """Refusal sub-reasons, largest first, statutory (不予公开) and practical reasons coloured apart."""
    fig, ax = _figure(10, 5.5)
    ax.set_title(t("pareto_title", lang))
    ax.set_ylabel(t("pareto_y", lang))
    reasons = M.refusal_reasons(wide)
    total = reasons["count"].sum(min_count=1)
    n = int(reasons["reports"].max()) if len(reasons) else 0
    if wide.empty:
        _say(ax, t("no_reports", lang))
    elif pd.isna(total) or total <= 0:
        _say(ax, t("no_refusals", lang))
    else:
        shown = reasons[reasons["count"] > 0]
        colours = ["#d95f02" if g == M.STATUTORY else "#7570b3" for g in shown["group"]]
        x = np.arange(len(shown))
        ax.bar(x, shown["count"], color=colours)
        labels = [f"{M.group_label(g, lang)} {M.reason_label(r, lang)}" for r, g in zip(shown["row"], shown["group"])]
        ax.set_xticks(x, labels, rotation=35, ha="right", fontsize=8)
        cum = ax.twinx()
        cum.plot(x, shown["count"].cumsum() / total * 100, color="black", marker=".")
        cum.set_ylim(0, 105)
        cum.set_ylabel(t("pareto_cum", lang))
        from matplotlib.patches import Patch
        ax.legend(handles=[Patch(color="#d95f02", label=t("statutory", lang)),
                           Patch(color="#7570b3", label=t("practical", lang))], fontsize=8, loc="center right")
    _footer(fig, lang, n, t("pareto_den", lang) + (f" = {int(total)}" if not pd.isna(total) and total > 0 else ""))
    return fig


def applicant_mix(wide: pd.DataFrame, lang: str = "zh"):
    """Stacked bars of requests received per applicant type, per year (counts, shares labelled)."""
    fig, ax = _figure(9, 5)
    ax.set_title(t("mix_title", lang))
    ax.set_xlabel(t("year", lang))
    ax.set_ylabel(t("count", lang))
    pooled, complete = _pool_complete_by_year(M.applicant_mix(wide), wide)
    empty = _no_bars_reason(pooled, lang)
    if empty:
        _say(ax, empty)
    else:
        x = np.arange(len(pooled))
        bottom = np.zeros(len(pooled))
        for a in M.T3_APPLICANTS:
            ax.bar(x, pooled[a], bottom=bottom, label=APPLICANT_LABELS[a][0 if lang == "zh" else 1])
            bottom += pooled[a].to_numpy()
        for xi, total in zip(x, pooled["total"]):
            label = f"n={int(total)}" if total > 0 else t("bar_no_apps", lang)
            ax.text(xi, total, label, ha="center", va="bottom", fontsize=8)
        ax.set_xticks(x, [str(int(y)) for y in pooled.index])
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    _footer(fig, lang, int(complete.sum()), t("mix_den", lang))
    return fig


def redress_dotplot(wide: pd.DataFrame, lang: str = "zh"):
    """Correction rate per proceeding (pooled), with 95% Wilson intervals and k / n beside each dot."""
    fig, ax = _figure(9, 3.8)
    ax.set_title(t("redress_title", lang))
    ax.set_xlabel(t("redress_x", lang))
    table = M.redress(wide)
    y = np.arange(len(table))[::-1]
    names = [M.row_label("t4", r, lang) for r in table["proceeding"]]
    ax.set_yticks(y, names)
    ax.set_xlim(-2, 130)
    for yi, row in zip(y, table.itertuples()):
        if row.decided > 0:
            ax.errorbar(row.correction_rate * 100, yi, fmt="o", color="#d95f02",
                        xerr=[[(row.correction_rate - row.correction_lo) * 100], [(row.correction_hi - row.correction_rate) * 100]])
            ax.text(103, yi, f"{int(row.corrected)} / {int(row.decided)}", va="center", fontsize=9).set_in_layout(False)
        else:
            ax.text(50, yi, t("no_cases", lang) + " (0)", va="center", ha="center", fontsize=9,
                    color="#555555").set_in_layout(False)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_ylim(-0.6, len(table) - 0.4)  # every proceeding keeps its row, with or without a dot
    _footer(fig, lang, int(table["reports"].max()) if len(table) else 0, t("redress_den", lang))
    return fig


def backlog_slope(wide: pd.DataFrame, lang: str = "zh", top: int = 30):
    """Slope chart per report: requests carried in from last year → carried out to next year."""
    fig, ax = _figure(8, 5.5)
    # Fixed margins: constrained layout collapses the axes when it sees the end-of-line agency labels.
    fig.set_layout_engine(None)
    fig.subplots_adjust(left=0.1, right=0.62, bottom=0.14, top=0.9)
    ax.set_title(t("backlog_title", lang))
    ax.set_ylabel(t("backlog_y", lang))
    cin, cout = M.col(wide, "t3.carried_in.total"), M.col(wide, "t3.carried_out.total")
    both = cin.notna() & cout.notna()
    if not both.any():
        _say(ax, t("no_reports", lang))
    elif ((cin[both] == 0) & (cout[both] == 0)).all():
        _say(ax, t("no_backlog", lang))
    else:
        order = (cin + cout)[both].sort_values(ascending=False).index[:top]  # the largest, readable
        for i in order:
            ax.plot([0, 1], [cin[i], cout[i]], marker="o", color="#1f77b4", alpha=0.7)
            if cin[i] or cout[i]:  # name only offices with a backlog; the 0 → 0 lines overlap anyway
                ax.text(1.03, cout[i], plain(f"{wide.at[i, 'agency']} {wide.at[i, 'year']}"),
                        fontsize=7, va="center", clip_on=False)
        ax.set_xticks([0, 1], [t("carried_in", lang), t("carried_out", lang)])
        ax.set_xlim(-0.2, 1.2)
    _footer(fig, lang, int(both.sum()))
    return fig


def timeliness_histogram(reports: pd.DataFrame, lang: str = "zh"):
    """Days between publication and each report's own Art. 49 deadline (by type of body), stacked
    by type; the line at 0 is the deadline. Reports of unknown type or date are left out and counted."""
    fig, ax = _figure(9, 4.5)
    ax.set_title(t("time_title", lang))
    ax.set_xlabel(t("time_x", lang))
    ax.set_ylabel(t("time_y", lang))
    days = M.days_after_own_deadline(reports).dropna()
    if days.empty:
        _say(ax, t("no_dates", lang))
    else:
        lo, hi = min(days.min(), -30), max(days.max(), 30)
        bins = np.arange(math.floor(lo / 7) * 7, math.ceil(hi / 7) * 7 + 7, 7)  # one bar per week
        kinds = reports.loc[days.index, "agency_type"]
        groups = [(k, days[kinds.eq(k)]) for k in M.DEADLINE if kinds.eq(k).any()]
        ax.hist([g for _, g in groups], bins=bins, stacked=True, edgecolor="white",
                label=[t(f"type_{k}", lang) for k, _ in groups])
        ax.axvline(0, color="#d95f02", linestyle="--", label=t("deadline", lang))
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=8)
    _footer(fig, lang, len(reports), t("dates_known", lang, k=len(days), n=len(reports)))
    return fig


# ---------------------------------------------------------------------------------------- quality
def checks_heatmap(checks: pd.DataFrame, reports: pd.DataFrame, lang: str = "zh", top: int = 40):
    """Reports × check: failed count, annotated 'failed/run'. Reports with most failures first."""
    run = checks.assign(failed=checks["passed"].eq("false")).groupby(["report_id", "check"])["failed"].agg(["sum", "count"])
    fig_h = 2.5 + 0.32 * min(top, max(1, run.index.get_level_values(0).nunique()))
    fig, ax = _figure(10, fig_h)
    ax.set_title(t("heat_title", lang))
    ax.set_xlabel(t("heat_x", lang))
    ax.set_ylabel(t("heat_y", lang))
    if run.empty:
        _say(ax, t("no_checks", lang))
        _footer(fig, lang, len(reports))
        return fig
    failed = run["sum"].unstack(fill_value=0)  # a check that was not run is shown as "–", see below
    count = run["count"].unstack()
    order = failed.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]
    failed, count = failed.loc[order], count.loc[order]
    names = reports.set_index("report_id")["agency"].reindex(order).fillna("")
    years = reports.set_index("report_id")["year"].reindex(order).fillna("")
    ax.imshow(failed.to_numpy(dtype=float), cmap="Reds", aspect="auto", vmin=0, vmax=max(1, failed.to_numpy().max()))
    for i in range(failed.shape[0]):
        for j in range(failed.shape[1]):
            c = count.iat[i, j]
            ax.text(j, i, "–" if pd.isna(c) else f"{int(failed.iat[i, j])}/{int(c)}", ha="center", va="center", fontsize=8)
    ax.set_xticks(range(failed.shape[1]), failed.columns, fontsize=8, rotation=35, ha="right")  # many checks: names would overlap
    ax.set_yticks(range(failed.shape[0]), [plain(f"{a or r} {y}") for a, r, y in zip(names, order, years)], fontsize=8)
    _footer(fig, lang, run.index.get_level_values(0).nunique())
    return fig
