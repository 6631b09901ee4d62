"""Tables for the data-quality page (02_validate): status counts, identity residuals, and the
reports a person should open by hand, with provenance. Counts per check and severity come from
``validation_report.py``; what each check tests from ``gkstudy/checks/explain.py``."""

from __future__ import annotations

import pandas as pd


def status_counts(reports: pd.DataFrame) -> pd.DataFrame:
    counts = reports.groupby("status").size().rename("reports").reset_index()
    return counts.sort_values(["reports", "status"], ascending=[False, True]).reset_index(drop=True)


def residuals(checks: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Failed checks with both sides and observed − expected, largest |residual| first."""
    failed = checks[checks["passed"] == "false"].copy()
    if failed.empty:
        return pd.DataFrame({"result": ["no failed checks in the selection"]})
    failed["residual"] = (pd.to_numeric(failed["observed"], errors="coerce")
                          - pd.to_numeric(failed["expected"], errors="coerce"))
    meta = reports[["report_id", "agency", "year", "source_file"]]
    out = failed.merge(meta, on="report_id", how="left")
    out = out.reindex(out["residual"].abs().sort_values(ascending=False, kind="stable").index)
    # a warning that compares text (dates, editions) has no numeric residual: a dash, not "NA"
    out["residual"] = out["residual"].map(lambda x: "—" if pd.isna(x) else (f"{int(x)}" if float(x).is_integer() else f"{x:g}"))
    return out[["agency", "year", "check", "table", "row", "col", "expected", "observed", "residual",
                "severity", "detail", "source_file"]].reset_index(drop=True)


def to_inspect(reports: pd.DataFrame, checks: pd.DataFrame, cells: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per report that needs a human, errors first: why, and where the doubtful cells are in
    the file (page, table grid, row and column for PDFs) — first the cells of failed error checks."""
    from gkstudy.study.measures import failed_errors
    from gkstudy.checks.explain import check_touches

    failed = checks[checks["passed"] == "false"]
    errors = failed[failed["severity"] == "error"].groupby("report_id").size()
    warnings = failed[failed["severity"] != "error"].groupby("report_id").size()
    flagged = cells[cells["flag"] != ""]
    flag_counts = flagged.groupby("report_id")["flag"].agg(lambda f: ", ".join(f"{k} ×{v}" for k, v in f.value_counts().items()))
    bad = failed_errors(checks)
    bad_by_report = {rid: g for rid, g in bad.groupby("report_id")}
    # only the reports with a failed error check or a flag need their cells looked at, grouped once
    wanted = set(bad_by_report) | set(flag_counts.index)
    cells_by_report = {rid: g for rid, g in cells[cells["report_id"].isin(wanted)].groupby("report_id")}
    empty = cells.iloc[0:0]
    rows = []
    for r in reports.itertuples():
        n_err, n_warn = int(errors.get(r.report_id, 0)), int(warnings.get(r.report_id, 0))
        if r.status == "ok" and not n_err and not n_warn and r.report_id not in flag_counts.index:
            continue
        mine = cells_by_report.get(r.report_id, empty)
        codes = mine["table"] + "." + mine["row"] + "." + mine["col"]
        doubt = pd.Series(False, index=mine.index)
        for c in bad_by_report.get(r.report_id, bad.iloc[0:0]).itertuples():
            doubt |= codes.map(lambda code: check_touches(c.check, c.table, c.row, c.col, code))
        where = [_positions(mine[doubt & (codes.str.endswith(".total"))])] if doubt.any() else []
        if (mine["flag"] != "").any():
            where.append(_positions(mine[mine["flag"] != ""]))
        rows.append({"source_file": r.source_file, "agency": r.agency, "year": r.year, "status": r.status,
                     "errors failed": n_err, "warnings failed": n_warn, "error": r.error,
                     "flags": flag_counts.get(r.report_id, ""), "where": " | ".join(w for w in where if w),
                     "sha256": r.sha256[:16]})
    if not rows:
        text = ("所选报告全部正常：没有未通过的核对或标记" if lang == "zh"
                else "every report in the selection is ok with no failed check or flag")
        return pd.DataFrame({"result": [text]})
    out = pd.DataFrame(rows).sort_values(["errors failed", "warnings failed", "source_file"],
                                         ascending=[False, False, True], kind="stable").reset_index(drop=True)
    if lang == "zh":
        out.columns = ["文件", "机关", "年度", "状态", "错误数", "警告数", "读取问题", "标记",
                       "位置（文件中的页、表格、行、列）", "sha256"]
    else:
        out.columns = ["file", "agency", "year", "status", "errors", "warnings", "problem", "flags",
                       "where in the file (page, table grid, row, column)", "sha256"]
    return out


def _positions(cells: pd.DataFrame, limit: int = 4) -> str:
    """'t4.review.total = 0 (p.4, table 4, row 3, col 4)': where a cell was printed. Only the parts
    the reader recorded are named (a TXT file has no page)."""
    out = []
    for c in cells.head(limit).itertuples():
        where = [f"p.{c.page}" if str(c.page) else "", f"table {c.grid}" if str(c.grid) else "",
                 f"row {c.grid_row}" if str(c.grid_row) else "", f"col {c.grid_col}" if str(c.grid_col) else ""]
        place = ", ".join(w for w in where if w)
        shown = c.raw if str(c.raw) else "NA"
        out.append(f"{c.table}.{c.row}.{c.col} = {shown}" + (f" ({place})" if place else ""))
    more = f" … +{len(cells) - limit}" if len(cells) > limit else ""
    return "; ".join(out) + more
