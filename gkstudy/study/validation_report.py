"""How often each check fails across a set of reports: the data-quality section of the findings.

``validation_summary`` takes the three CSVs (paths, a folder, or DataFrames) and returns
DataFrames: per check, per severity, per report, and a report × check matrix of failures.
``to_html`` renders any of them as a small table with every value escaped (agency names and
check details come from the reports themselves).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass
class ValidationSummary:
    by_check: pd.DataFrame  # check, severity, runs, failed, fail_rate, reports_run, reports_failed
    by_severity: pd.DataFrame  # severity, runs, failed, fail_rate, reports_failed
    by_report: pd.DataFrame  # report_id, agency, year, status, checks_run, errors_failed, warnings_failed
    matrix: pd.DataFrame  # report_id × check: number of failed rows (0 where run and passed, NA not run)


def _frame(x, name: str, folder: Path | None) -> pd.DataFrame:
    if isinstance(x, pd.DataFrame):
        return x.copy()
    path = Path(x) if x is not None else folder / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _failed(checks: pd.DataFrame) -> pd.Series:
    return checks["passed"].astype(str).str.lower().isin(["false", "0"])


def validation_summary(reports=None, checks=None, folder: str | Path | None = None) -> ValidationSummary:
    """Summaries of ``checks`` (checks.csv) for the reports in ``reports`` (reports.csv)."""
    folder = Path(folder) if folder is not None else None
    reports = _frame(reports, "reports", folder)
    checks = _frame(checks, "checks", folder)
    checks = checks.assign(failed=_failed(checks))
    if "duplicate_of" in reports:
        reports = reports[reports["duplicate_of"].fillna("") == ""]
    by_check = (checks.groupby(["check", "severity"])
                .agg(runs=("failed", "size"), failed=("failed", "sum"), reports_run=("report_id", "nunique"))
                .reset_index())
    failing_reports = checks[checks["failed"]].groupby(["check", "severity"])["report_id"].nunique()
    by_check["reports_failed"] = [int(failing_reports.get((c, s), 0)) for c, s in
                                  zip(by_check["check"], by_check["severity"])]
    by_check["fail_rate"] = by_check["failed"] / by_check["runs"]
    by_check = by_check.sort_values(["severity", "failed", "check"], ascending=[True, False, True],
                                    ignore_index=True)
    by_severity = (checks.groupby("severity")
                   .agg(runs=("failed", "size"), failed=("failed", "sum")).reset_index())
    by_severity["fail_rate"] = by_severity["failed"] / by_severity["runs"]
    by_severity["reports_failed"] = [checks[checks["failed"] & (checks["severity"] == s)]["report_id"].nunique()
                                     for s in by_severity["severity"]]
    per = checks.groupby("report_id").agg(checks_run=("failed", "size")).reset_index()
    for sev in ("error", "warning"):
        f = checks[checks["failed"] & (checks["severity"] == sev)].groupby("report_id").size()
        per[f"{sev}s_failed"] = per["report_id"].map(f).fillna(0).astype(int)
    keep = [c for c in ("report_id", "source_file", "agency", "year", "status") if c in reports]
    by_report = reports[keep].merge(per, on="report_id", how="left")
    for col in ("checks_run", "errors_failed", "warnings_failed"):
        by_report[col] = by_report[col].fillna(0).astype(int)
    matrix = checks.pivot_table(index="report_id", columns="check", values="failed", aggfunc="sum")
    return ValidationSummary(by_check, by_severity, by_report, matrix)


def to_html(frame: pd.DataFrame, caption: str = "", float_format: str = "{:.1%}") -> str:
    """A plain HTML table; every header and value escaped, rates shown as percentages."""
    def cell(v) -> str:
        if isinstance(v, float):
            return "" if pd.isna(v) else html.escape(float_format.format(v) if v <= 1 else f"{v:g}")
        return html.escape(str(v))

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False, name=None))
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="gk-validation">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
