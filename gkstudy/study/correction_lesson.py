"""Helpers for the corrections exercise (exercise 5 of notebooks/04_teaching): find a printed error
by its failed identity, look at the source, write the correction, extract again."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from gkstudy.checks import corrections as corr
from gkstudy.study import review


def failed_error_checks(processed_dir: str | Path) -> pd.DataFrame:
    """The error checks that failed, one row each, with the report's file name."""
    reports, _cells, checks = review.read_processed(processed_dir)
    names = {r["report_id"]: Path(r["source_file"]).name for r in reports}
    rows = [dict(file=names.get(c["report_id"], ""), **{k: c[k] for k in ("check", "table", "row", "col", "expected",
                                                                         "observed", "detail")})
            for rid in names for c in checks.get(rid, []) if c["passed"] == "false" and c["severity"] == "error"]
    return pd.DataFrame(rows, columns=["file", "check", "table", "row", "col", "expected", "observed", "detail"])


def table_row(processed_dir: str | Path, table: str, row: str) -> pd.DataFrame:
    """Every report's cells of one table row: the value used, what is printed, what the kit read, flags."""
    reports, cells, _checks = review.read_processed(processed_dir)
    out = [{"file": Path(r["source_file"]).name, "col": c["col"], "value": c["value"], "raw": c["raw"],
            "value_read": c.get("value_read", ""), "flag": c["flag"]}
           for r in reports for c in cells.get(r["report_id"], []) if (c["table"], c["row"]) == (table, row)]
    return pd.DataFrame(out, columns=["file", "col", "value", "raw", "value_read", "flag"])


def _doubts(processed_dir: str | Path, codes: list[str]):
    reports, cells, checks = review.read_processed(processed_dir)
    for report in reports:
        mine = cells.get(report["report_id"], [])
        wanted = [d for d in review.doubtful_cells(report["edition"], mine, checks.get(report["report_id"], []))
                  if ".".join(d.key) in codes]
        if wanted:
            yield report, mine, wanted


def source_pictures(processed_dir: str | Path, codes: list[str]) -> str:
    """HTML: the review page's picture of each named cell (cropped from the source PDF), or why not."""
    parts = []
    for report, mine, doubts in _doubts(processed_dir, codes):
        data, missing = review.source_bytes(report)
        if data is not None and report["format"] == "pdf":
            review.pdf_pictures(data, doubts, mine)
        for d in doubts:
            shown = f'<img alt="{html.escape(".".join(d.key))}" src="{d.picture}">' if d.picture else \
                html.escape(missing or d.missing)
            parts.append(f"<p><code>{html.escape('.'.join(d.key))}</code> — {html.escape(', '.join(d.why))}</p>{shown}")
    return "".join(parts) or "<p>none of these cells is doubtful</p>"


def implied_values(processed_dir: str | Path, codes: list[str]) -> dict[str, float | int | None]:
    """For each named cell, the value its identities imply when they agree (None otherwise)."""
    return {".".join(d.key): review.suggested_value(d) for _r, _m, doubts in _doubts(processed_dir, codes)
            for d in doubts}


def write_exercise_corrections(processed_dir: str | Path, path: str | Path, values: dict[str, float | int | None],
                               note: str, by: str, date: str) -> Path:
    """A corrections file with one line per ``values`` entry (cell code → value) for the report(s)
    that have those cells doubtful; the lines the review page would offer, with the chosen values."""
    rows = []
    for report, _mine, doubts in _doubts(processed_dir, list(values)):
        for d in doubts:
            rows.append(dict(review.correction_row(report, d, values[".".join(d.key)]), note=note, by=by, date=date))
    return corr.write_corrections(path, rows)


def corrections_report(processed_dir: str | Path) -> pd.DataFrame:
    """What became of each correction (corrections_report.csv), as a table."""
    path = Path(processed_dir) / corr.REPORT_FILE
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else pd.DataFrame()
