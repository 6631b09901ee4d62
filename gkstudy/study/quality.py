"""Tables for the data-quality page (02_validate): status counts, identity residuals, and the
reports a person should open by hand, with provenance (file, page, grid position, sha256)."""

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
    return out[["agency", "year", "check", "table", "row", "col", "expected", "observed", "residual",
                "severity", "detail", "source_file"]].reset_index(drop=True)


def to_inspect(reports: pd.DataFrame, checks: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """One row per report that needs a human: why, and where the doubtful cells are in the file."""
    failed = checks[checks["passed"] == "false"].groupby("report_id").size()
    flagged = cells[cells["flag"] != ""]
    flag_counts = flagged.groupby("report_id")["flag"].agg(lambda f: ", ".join(f"{k} ×{v}" for k, v in f.value_counts().items()))
    where = flagged.groupby("report_id").apply(_positions, include_groups=False) if len(flagged) else pd.Series(dtype=str)
    rows = []
    for r in reports.itertuples():
        n_failed = int(failed.get(r.report_id, 0))
        if r.status == "ok" and not n_failed and r.report_id not in flag_counts.index:
            continue
        rows.append({"source_file": r.source_file, "agency": r.agency, "year": r.year, "status": r.status,
                     "error": r.error, "failed checks": n_failed, "flags": flag_counts.get(r.report_id, ""),
                     "where (first flagged cells)": where.get(r.report_id, ""), "sha256": r.sha256[:16]})
    if not rows:
        return pd.DataFrame({"result": ["every report in the selection is ok with no failed check or flag"]})
    return pd.DataFrame(rows)


def _positions(cells: pd.DataFrame, limit: int = 4) -> str:
    out = []
    for c in cells.head(limit).itertuples():
        page = f"p.{c.page} " if c.page else ""
        out.append(f"{c.table}.{c.row}.{c.col} ({page}grid {c.grid} r{c.grid_row} c{c.grid_col}, raw '{c.raw}')")
    more = f" … +{len(cells) - limit}" if len(cells) > limit else ""
    return "; ".join(out) + more
