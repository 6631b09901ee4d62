"""Helpers for the teaching notebook (04_teaching): choosing its reports from the data, one report's
table 三 as the printed grid, the identity by hand, and exercise checking."""

from __future__ import annotations

import math
from pathlib import PurePosixPath

import pandas as pd

from gkstudy.core import codebook
from gkstudy.datasets.study_data import analysable_reports
from gkstudy.study.measures import column_label, failed_errors, row_label

T3_COLUMNS = codebook.T3_COLS


def _stem(path: str) -> str:
    return PurePosixPath(str(path).replace("\\", "/")).stem


def find_report(reports: pd.DataFrame, name: str) -> pd.Series:
    """The report whose report_id is ``name``, or whose source file is named ``name`` (with or
    without its extension, with or without folders)."""
    files = reports["source_file"].astype(str)
    hit = reports[(reports["report_id"] == name) | files.str.endswith("/" + name) | (files == name)
                  | (files.map(_stem) == _stem(name))]
    if hit.empty:
        raise LookupError(f"no report {name!r} in reports.csv; pick a file name from the table above")
    return hit.iloc[0]


def received(cells: pd.DataFrame) -> pd.Series:
    """report_id -> requests received (一、本年新收 · 总计), readable ones only."""
    hit = cells[(cells["code"] == "t3.received.total") & cells["value_num"].notna()]
    return hit.set_index("report_id")["value_num"]


def default_reports(reports: pd.DataFrame, cells: pd.DataFrame, checks: pd.DataFrame) -> tuple[str, str]:
    """The lesson's two reports chosen by content, so it works on any raw folder: A = the report
    with most requests received; B = a report that contradicts itself (a failed error check), the
    one with most requests among those, else the report with the next most requests."""
    usable = analysable_reports(reports)
    if usable.empty:
        raise LookupError("no readable report (status ok or partial) in reports.csv: the lesson needs one")
    n = received(cells).reindex(usable["report_id"]).fillna(-1)
    ranked = list(n.sort_values(ascending=False, kind="stable").index)
    a = ranked[0]
    erring = [r for r in ranked if r in set(failed_errors(checks)["report_id"]) and r != a]
    b = erring[0] if erring else (ranked[1] if len(ranked) > 1 else a)
    return a, b


def has_error(checks: pd.DataFrame, report_id: str) -> bool:
    """True if the report fails an error-level check (it contradicts itself somewhere)."""
    return report_id in set(failed_errors(checks)["report_id"])


def default_reason(checks: pd.DataFrame, report_id: str, given: bool, which: str, lang: str = "zh") -> str:
    """Why the lesson shows this report, in words: given as a parameter, or chosen by content."""
    if given:
        return "由参数指定" if lang == "zh" else "given"
    if which == "a":
        return "默认：新收申请最多的报告" if lang == "zh" else "default: the report with most requests"
    if has_error(checks, report_id):
        return "默认：有未通过的错误核对的报告" if lang == "zh" else "default: a report with a failed error check"
    return ("默认：新收申请次多的报告（没有报告未通过错误核对）" if lang == "zh" else
            "default: the report with the next most requests (no report fails an error check)")


def t3_grid(cells: pd.DataFrame, report_id: str, lang: str = "zh") -> pd.DataFrame:
    """Table 三 of one report laid out as printed: rows × the seven applicant columns (NA stays NA)."""
    mine = cells[(cells["report_id"] == report_id) & (cells["table"] == "t3")]
    grid = mine.pivot(index="row", columns="col", values="value_num")
    order = [r for r in dict.fromkeys(mine["row"]) if r in grid.index]
    grid = grid.loc[order, [c for c in T3_COLUMNS if c in grid.columns]]
    grid.index = [row_label("t3", r, lang) for r in grid.index]
    grid.columns = [column_label(c, lang) for c in grid.columns]
    return grid.astype("Int64").reset_index(names="行" if lang == "zh" else "row")


def value(cells: pd.DataFrame, report_id: str, code: str) -> float:
    hit = cells[(cells["report_id"] == report_id) & (cells["code"] == code)]["value_num"]
    return float(hit.iloc[0]) if len(hit) else math.nan


def num(x) -> str:
    """A count as printed: '12', or 'NA' when it could not be read (never 'nan')."""
    return "NA" if x is None or pd.isna(x) else (f"{int(x)}" if float(x).is_integer() else f"{x:g}")


def identity_holds(cells: pd.DataFrame, report_id: str) -> bool | None:
    """一 + 二 = （七）总计 + 四 in the 总计 column; None when an input is NA (it cannot be checked)."""
    parts = [value(cells, report_id, f"t3.{r}.total") for r in ("received", "carried_in", "total", "carried_out")]
    if any(pd.isna(p) for p in parts):
        return None
    return parts[0] + parts[1] == parts[2] + parts[3]


def identity_text(cells: pd.DataFrame, report_id: str, lang: str = "zh") -> str:
    """The identity written out with the report's numbers, and whether it holds."""
    r, ci, d, co = (value(cells, report_id, f"t3.{x}.total") for x in ("received", "carried_in", "total", "carried_out"))
    left = r + ci if not (pd.isna(r) or pd.isna(ci)) else math.nan
    right = d + co if not (pd.isna(d) or pd.isna(co)) else math.nan
    holds = identity_holds(cells, report_id)
    if lang == "zh":
        verdict = {True: "成立", False: "不成立：报告自相矛盾", None: "无法核对：有单元格为 NA"}[holds]
    else:
        verdict = {True: "holds", False: "does not hold: the report contradicts itself",
                   None: "cannot be checked: an input is NA"}[holds]
    return (f"一 {num(r)} + 二 {num(ci)} = {num(left)};  （七）总计 {num(d)} + 四 {num(co)} = {num(right)} → "
            + ("勾稽关系" if lang == "zh" else "identity ") + verdict)


CHECK_TEXT = {
    "none": ("还没有作答——把答案写进上面的变量，再运行本单元格", "not answered yet — put your answer in the variable above and run this cell again"),
    "ok": ("正确 ✓", "correct ✓"),
    "no": ("不太对——检查你用了哪些单元格、哪个分母", "not quite — check which cells and which denominator you used"),
}


def check(given, expected, tolerance: float = 0.0005, lang: str = "en") -> str:
    """Message for an exercise answer: not answered yet, correct, or not quite."""
    k = 0 if lang == "zh" else 1
    if given is None:
        return CHECK_TEXT["none"][k]
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        ok = given is None or (isinstance(given, float) and math.isnan(given)) or str(given).upper() == "NA"
    elif isinstance(expected, bool) or isinstance(given, bool):
        ok = bool(given) == bool(expected)
    else:
        ok = abs(float(given) - float(expected)) <= tolerance * max(1.0, abs(float(expected)))
    return CHECK_TEXT["ok" if ok else "no"][k]
