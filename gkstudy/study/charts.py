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
    "deadline": ("法定期限（部门 1 月 31 日，政府 3 月 31 日；乡镇按 3 月 31 日，为假定）",
                 "deadline (departments 31 January, governments 31 March; townships 31 March, assumed)"),
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
    "all_reports": ("全部报告", "all reports"),
    "balanced": ("每年都有报告的机关（{k} 个）", "agencies reporting every year ({k})"),
    "coincide": ("两条线重合：每份报告的机关每年都有报告", "lines coincide: every agency reports in every year"),
    "gap_note": ("缺少某年报告处不连线", "no line is drawn through a year without reports"),
    "heat_error": ("错误（勾稽关系不成立）", "error (an identity of the format fails)"),
    "heat_warning": ("警告", "warning"),
    "heat_passed": ("已运行且全部通过", "run, all passed"),
    "heat_foot": ("格内为 未通过数/已运行数；“–”= 未运行（输入单元格为 NA）；颜色深浅 = 未通过比例（0–100%，各选择下相同）",
                  "cell = failed/run; '–' = not run (an input cell was NA); shade = share failed (0–100%, the same for any selection)"),
    "outcome_left_out": ("剔除 {k} 份办理结果各行与总计不符的报告", "{k} report(s) left out: outcome rows fail their checks"),
    "zero_lines": ("{k} 份报告 0 → 0", "{k} report(s) 0 → 0"),
    "left_out": ("剔除 {k} 份本行未通过核对的报告", "{k} report(s) left out: their row fails its total"),
}
# The codebook's column label in Chinese; a short English legend label (the codebook's is a phrase).
APPLICANT_LABELS = {a: (M.column_label(a, "zh"), M.column_label(a, "en")) for a in codebook.T3_APPLICANTS}
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


level_label = M.level_label


def _level(wide: pd.DataFrame, lang: str) -> pd.Series:
    level = wide["level"].astype(str) if "level" in wide.columns else pd.Series("", index=wide.index)
    return level.map(lambda v: level_label(v, lang)).where(level.str.strip() != "", t("level_unknown", lang))


# ---------------------------------------------------------------------------------------- demand
def demand_over_time(wide: pd.DataFrame, lang: str = "zh"):
    """Small multiples per level: requests received per year (sum over reports that printed it), for
    all reports and for the agencies that report in every year shown (balanced). A year without
    reports is a gap in the line, never bridged."""
    from gkstudy.study.findings import agency_key

    use_cjk_font()
    levels = sorted(_level(wide, lang).unique()) or [""]
    fig, axes = plt.subplots(1, len(levels), figsize=(max(6, 4.5 * len(levels)), 4.6), layout="constrained",
                             squeeze=False)
    fig.suptitle(t("demand_title", lang))
    if wide.empty:
        _say(axes[0][0], t("no_reports", lang))
    level_of = _level(wide, lang)
    years = _years(wide)
    span = list(range(years[0], years[-1] + 1)) if years else []
    for ax, level in zip(axes[0], levels):
        sub = wide[level_of == level]
        received = M.col(sub, "t3.received.total")
        per_year = received.groupby(sub["year"]).sum(min_count=1).reindex(span)  # missing year -> NaN: a gap
        n_year = received.notna().groupby(sub["year"]).sum().reindex(span)
        ax.set_title(plain(level))
        ax.set_xlabel(t("year", lang))
        ax.set_ylabel(t("demand_y", lang))
        if per_year.dropna().empty:
            _say(ax, t("no_reports", lang))
            continue
        key = agency_key(sub)
        shown = sorted(int(y) for y in sub.loc[received.notna(), "year"].unique())
        every = key[received.notna()].groupby(sub.loc[received.notna(), "year"]).agg(set)
        common = set.intersection(*every.tolist()) if len(every) else set()
        bal_mask = key.isin(common) & received.notna()
        balanced = received[bal_mask].groupby(sub.loc[bal_mask, "year"]).sum(min_count=1).reindex(span)
        ax.plot(span, per_year.values, marker="o", color="#1f77b4", label=t("all_reports", lang))
        same = balanced.fillna(-1).equals(per_year.fillna(-1))
        if len(shown) > 1 and common and not same:
            ax.plot(span, balanced.values, marker="s", linestyle="--", color="#d95f02",
                    label=t("balanced", lang, k=len(common)))
        ax.legend(fontsize=8, loc="upper left", title=t("coincide", lang) if len(shown) > 1 and same else None,
                  title_fontsize=7)
        for xi, yi, ni in zip(span, per_year.values, n_year.values):
            if not pd.isna(yi):
                ax.annotate(f"{int(yi)}\n(n={int(ni)})", (xi, yi), textcoords="offset points", xytext=(0, 6),
                            ha="center", fontsize=8)
        ax.set_xticks(span)
        ax.set_xlim(span[0] - 0.5, span[-1] + 0.5)  # every panel on the same years, even with one point
        positive = per_year.dropna()
        if (positive > 0).all() and positive.max() / positive.min() > 50:
            ax.set_yscale("log")  # counts range over orders of magnitude between offices
        else:
            ax.set_ylim(bottom=0, top=max(1.0, float(positive.max()) * 1.4))
    _footer(fig, lang, len(wide), t("gap_note", lang))
    return fig


# ---------------------------------------------------------------------------------------- outcomes
def outcome_shares(wide: pd.DataFrame, lang: str = "zh", checks: pd.DataFrame | None = None):
    """100% stacked bars of outcome groups per year, pooled over reports with all groups readable
    (and, with ``checks``, whose outcome rows and total pass their error checks)."""
    codes = [f"t3.{r}.total" for g in M.OUTCOME_GROUPS for r in M.group_rows(g)] + ["t3.total.total"]
    ok = M.consistent(wide, checks, codes)
    dropped = int((~ok).sum())  # said in the footer: never left out silently
    wide = wide[ok]
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
    extra = t("outcome_den", lang) + (("；" if lang == "zh" else "; ") + t("outcome_left_out", lang, k=dropped) if dropped else "")
    _footer(fig, lang, int(complete.sum()), extra)
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


def redress_dotplot(wide: pd.DataFrame, lang: str = "zh", checks: pd.DataFrame | None = None):
    """Correction rate per proceeding (pooled), with 95% Wilson intervals and k / n beside each dot.
    With ``checks``, a report whose row fails its own total is left out of that row (and counted)."""
    fig, ax = _figure(9, 3.8)
    ax.set_title(t("redress_title", lang))
    ax.set_xlabel(t("redress_x", lang))
    table = M.redress(wide, checks)
    y = np.arange(len(table))[::-1]
    names = [M.row_label("t4", r, lang) for r in table["proceeding"]]
    ax.set_yticks(y, names)
    ax.set_xlim(-2, 130)
    for yi, row in zip(y, table.itertuples()):
        if row.decided > 0:
            ax.errorbar(row.correction_rate * 100, yi, fmt="o", color="#d95f02",
                        # clipped at 0: at k = n (or 0) the Wilson bound equals the rate up to rounding
                        xerr=[[max(0.0, row.correction_rate - row.correction_lo) * 100],
                              [max(0.0, row.correction_hi - row.correction_rate) * 100]])
            ax.text(103, yi, f"{int(row.corrected)} / {int(row.decided)}", va="center", fontsize=9).set_in_layout(False)
        else:
            ax.text(50, yi, t("no_cases", lang) + " (0)", va="center", ha="center", fontsize=9,
                    color="#555555").set_in_layout(False)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_ylim(-0.6, len(table) - 0.4)  # every proceeding keeps its row, with or without a dot
    left = int(table["left_out"].max()) if len(table) else 0
    extra = t("redress_den", lang) + (("；" if lang == "zh" else "; ") + t("left_out", lang, k=left) if left else "")
    _footer(fig, lang, int(table["reports"].max()) if len(table) else 0, extra)
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
        labels: dict[float, list[str]] = {}
        for i in order:
            ax.plot([0, 1], [cin[i], cout[i]], marker="o", color="#1f77b4", alpha=0.7)
            if cin[i] or cout[i]:  # name only offices with a backlog; the 0 → 0 lines overlap anyway
                labels.setdefault(float(cout[i]), []).append(plain(f"{wide.at[i, 'agency']} {wide.at[i, 'year']}"))
        zeros = sum(1 for i in order if not (cin[i] or cout[i]))
        if zeros:  # the 0 → 0 lines lie on top of each other: say how many there are
            labels.setdefault(0.0, []).insert(0, t("zero_lines", lang, k=zeros))
        lo, hi = ax.get_ylim()
        gap, last = (hi - lo) * 0.05, -math.inf  # lines ending at the same value share one label; labels never overlap
        for y_end in sorted(labels):
            y_text = max(y_end, last + gap)
            ax.text(1.03, y_text, " / ".join(labels[y_end]), fontsize=7, va="center", clip_on=False)
            last = y_text
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
    """Reports × check: failed count, annotated 'failed/run', coloured by severity (errors red,
    warnings amber) with the shade = share of runs failed on a fixed 0–100% scale, so colours mean
    the same whatever the selection. Reports with most failed errors first, then most warnings."""
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Patch

    marked = checks.assign(failed=checks["passed"].eq("false"))
    run = marked.groupby(["report_id", "check"])["failed"].agg(["sum", "count"])
    severity = marked.groupby("check")["severity"].agg(lambda s: "error" if (s == "error").any() else "warning")
    fig_h = 3.2 + 0.32 * min(top, max(1, run.index.get_level_values(0).nunique()))
    fig, ax = _figure(11, fig_h)
    ax.set_title(t("heat_title", lang), pad=24)  # room for the key between title and grid
    ax.set_xlabel(t("heat_x", lang))
    ax.set_ylabel(t("heat_y", lang))
    if run.empty:
        _say(ax, t("no_checks", lang))
        _footer(fig, lang, len(reports))
        return fig
    failed = run["sum"].unstack(fill_value=0)  # a check that was not run is shown as "–", see below
    count = run["count"].unstack()
    cols = sorted(failed.columns, key=lambda c: (severity[c] != "error", c))  # errors on the left
    failed, count = failed[cols], count[cols]
    err = failed[[c for c in cols if severity[c] == "error"]].sum(axis=1)
    warn = failed[[c for c in cols if severity[c] != "error"]].sum(axis=1)
    order = pd.DataFrame({"e": err, "w": warn}).sort_values(["e", "w"], ascending=False, kind="stable").index[:top]
    failed, count = failed.loc[order], count.loc[order]
    names = reports.set_index("report_id")["agency"].reindex(order).fillna("")
    years = reports.set_index("report_id")["year"].reindex(order).fillna("")
    maps = {"error": plt.get_cmap("Reds"), "warning": plt.get_cmap("YlOrBr")}
    # Fixed ranges: any failure is visibly coloured, 100% is darkest, and a warning never gets as dark
    # as an error (amber stays amber, red stays red).
    ranges = {"error": (0.45, 1.0), "warning": (0.15, 0.55)}

    def shade(sev, share):
        lo, hi = ranges[sev]
        return maps[sev](lo + (hi - lo) * share)

    image = np.ones((failed.shape[0], failed.shape[1], 4))
    for i in range(failed.shape[0]):
        for j, check in enumerate(cols):
            c = count.iat[i, j]
            k = failed.iat[i, j]
            if pd.isna(c):
                colour, text = to_rgba("white"), "–"
            elif k == 0:
                colour, text = to_rgba("#eeeeee"), f"0/{int(c)}"
            else:
                share = k / c
                colour = shade(severity[check], share)
                text = f"{int(k)}/{int(c)}"
            image[i, j] = colour
            luminance = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
            ax.text(j, i, text, ha="center", va="center", fontsize=8, color="white" if luminance < 0.5 else "black")
    ax.imshow(image, aspect="auto")
    ax.set_xticks(range(len(cols)), cols, fontsize=8, rotation=35, ha="right")  # many checks: names would overlap
    for tick, check in zip(ax.get_xticklabels(), cols):
        tick.set_color("#b2182b" if severity[check] == "error" else "#8c510a")
    ax.set_yticks(range(failed.shape[0]), [plain(f"{a or r} {y}") for a, r, y in zip(names, order, years)], fontsize=8)
    ax.legend(handles=[Patch(color=shade("error", 0.6), label=t("heat_error", lang)),
                       Patch(color=shade("warning", 0.6), label=t("heat_warning", lang)),
                       Patch(color="#eeeeee", label=t("heat_passed", lang))],
              loc="lower left", bbox_to_anchor=(0, 1.02), ncol=3, fontsize=8, frameon=False)
    _footer(fig, lang, run.index.get_level_values(0).nunique(), t("heat_foot", lang))
    return fig
