"""What each check in checks.csv tests, in words (zh and en), and which cells a failed check casts
doubt on. One definition, used by the 02_validate page, the findings' exclusion rules and
docs/checks.md (tests/test_checks_doc.py keeps the doc and this table the same).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Explanation:
    severity: str  # the severity the check is written with: error | warning
    zh: str
    en: str


EXPLANATIONS: dict[str, Explanation] = {
    "t3_balance": Explanation(
        "error", "表三每一列：一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理（表格自身规定的勾稽关系）。",
        "Table 三, each column: 一 new requests + 二 carried in = 三（七） decided + 四 carried out (the identity the table itself states)."),
    "t3_outcomes_sum": Explanation(
        "error", "表三每一列：（一）至（六）各办理结果之和 = （七）总计。",
        "Table 三, each column: the outcome rows （一）…（六） add up to （七） total decided."),
    "t3_row_total": Explanation(
        "error", "表三每一行：六类申请人（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）之和 = 总计列。",
        "Table 三, each row: the six applicant columns add up to the 总计 (total) column."),
    "t4_row_total": Explanation(
        "error", "表四每一行（行政复议、未经复议直接起诉、复议后起诉）：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。",
        "Table 四, each row (reconsideration, suit without/after reconsideration): upheld + corrected + other + pending = total."),
    "negative_count": Explanation(
        "error", "件数不能为负（表二的“增/减”列除外）。", "A count is negative (only table 二's change column may be)."),
    "non_integer_count": Explanation(
        "error", "件数应为整数（以万元计的收费金额除外）。", "A count is not a whole number (only the fee in 万元 may have decimals)."),
    "text_vs_table": Explanation(
        "warning", "正文中复述的申请数与表三不一致（注意“含上年结转”的表述）。",
        "The narrative restates the number of requests and it differs from table 三 (watch for “含上年结转”, including carry-over)."),
    "edition_year": Explanation(
        "warning", "报告年度与表格版本不符：2021 年度起应使用 2021 年版格式。",
        "The report's year does not match its format edition: reports for 2021 onwards use the 2021 format."),
    "old_other_row": Explanation(
        "warning", "2021 年版表格中仍印着 2019 年版的单行（六）其他处理。",
        "A 2021-format table prints the single （六）其他处理 row of the 2019 format."),
    "all_zero_table": Explanation(
        "warning", "整张表读出的数字全是 0：乡镇常见，但也可能是空白模板。",
        "Every number read in the table is 0: common for townships, but it can also be an unfilled template."),
    "missing_table": Explanation(
        "warning", "报告中找不到表二、表三或表四。", "Table 二, 三 or 四 was not found in the report."),
    "missing_section": Explanation(
        "warning", "报告缺少《条例》第五十条要求的六个部分之一的标题。",
        "The report has no heading for one of the six sections Art. 50 of the 条例 asks for."),
    "late_publication": Explanation(
        "warning", "发布日期晚于第四十九条的期限（部门 1 月 31 日，政府 3 月 31 日；乡镇按 3 月 31 日，为本工具的假定）。",
        "Published after the Art. 49 deadline (departments 31 January, governments 31 March; townships are "
        "measured against 31 March, an assumption: the 条例 is silent on them)."),
    "carry_over_mismatch": Explanation(
        "warning", "本年“上年结转”与同一机关上一年报告的“结转下年度继续办理”不一致（跨年核对）。",
        "This year's carried-in requests differ from the same body's carried-out requests in last year's report (across years)."),
    "in_force_rollover": Explanation(
        "warning", "表二现行有效件数不等于上年现行有效 + 本年制发 − 本年废止（跨年核对）。",
        "Table 二's documents in force differ from last year's in force + issued − repealed (across years)."),
}

_T3_NON_OUTCOME = ("received", "carried_in", "carried_out")


def explain(check: str, lang: str = "zh") -> str:
    """The explanation of a check name; an unknown name says so rather than failing."""
    e = EXPLANATIONS.get(check)
    if e is None:
        return "（未说明的核对项）" if lang == "zh" else "(check not documented)"
    return e.zh if lang == "zh" else e.en


def check_touches(check: str, table: str, row: str, col: str, code: str) -> bool:
    """True if a cell code ('t3.granted.total') is one of the cells a check row compared.

    A failed check casts doubt on every cell of its identity: which one is wrong cannot be told.
    """
    c_table, c_row, c_col = code.split(".", 1)[0], code.split(".", 1)[1].rsplit(".", 1)[0], code.rsplit(".", 1)[1]
    if c_table != table:
        return False
    if check == "t3_balance":
        return c_col == col and c_row in ("received", "carried_in", "total", "carried_out")
    if check == "t3_outcomes_sum":
        return c_col == col and c_row not in _T3_NON_OUTCOME
    if check in ("t3_row_total", "t4_row_total"):
        return c_row == row
    return c_row == row and (not col or c_col == col)


def markdown_table() -> str:
    """The table of docs/checks.md: every check, its severity and what it tests (en and zh)."""
    lines = ["| check | severity | what it tests | 含义 |", "|---|---|---|---|"]
    for name, e in EXPLANATIONS.items():
        lines.append(f"| `{name}` | {e.severity} | {e.en} | {e.zh} |")
    return "\n".join(lines) + "\n"
