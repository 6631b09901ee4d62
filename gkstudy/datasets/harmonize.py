"""Harmonization of the 2019 and 2021 format editions: which cells mean the same thing in both, written
down as data (RULES, NOT_HARMONIZED) and applied by ``harmonize_values``. ``docs/harmonization.md``
is generated from this module (``harmonization_markdown``) so the prose cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

T3_COLS = ("natural_person", "commercial", "research", "nonprofit", "legal", "other_org", "total")
T4_ROWS = ("review", "suit_direct", "suit_after_review")
T4_COLS = ("upheld", "corrected", "other", "pending", "total")
# t3 rows printed with the same label and meaning in both editions.
T3_SAME_ROWS = (
    "received", "carried_in", "granted", "partly_granted",
    "denied.state_secret", "denied.law_prohibited", "denied.security_stability", "denied.third_party",
    "denied.internal_affairs", "denied.process_info", "denied.enforcement_file", "denied.inquiry",
    "unavailable.not_held", "unavailable.needs_creation", "unavailable.unclear",
    "not_processed.petition", "not_processed.duplicate", "not_processed.publication",
    "not_processed.vexatious", "not_processed.confirmation", "total", "carried_out",
)
OTHER_PARTS = ("other.no_correction", "other.no_fee", "other.other")


@dataclass(frozen=True)
class Rule:
    """Target cells ``table.row.col`` for every row × col, and how a report's value is found."""
    name: str
    table: str
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    method: str  # "same": the cell itself; "other_sum": single （六） row, else the sum of its 3 parts
    why: str

    def codes(self) -> list[str]:
        return [f"{self.table}.{r}.{c}" for r in self.rows for c in self.cols]


RULES = (
    Rule("t3 rows alike", "t3", T3_SAME_ROWS, T3_COLS, "same",
         "Same row label, same seven applicant columns in both editions; the value is taken as printed."),
    Rule("t3 （六）其他处理", "t3", ("other",), T3_COLS, "other_sum",
         "2019 prints one row （六）其他处理; 2021 splits it into 1. 逾期不补正, 2. 逾期未缴费, 3. 其他. "
         "The target is the single row where the report printed one (whatever its edition), otherwise the "
         "sum of the three rows — NA if any of the three is NA. The column other_shape says which was used."),
    Rule("t4 all cells", "t4", T4_ROWS, T4_COLS, "same",
         "Table 4 (行政复议、行政诉讼) is identical in both editions."),
    Rule("t2 处理决定数量", "t2", ("art20_5.licensing", "art20_6.penalty", "art20_6.coercion"), ("decisions",), "same",
         "2019 column 处理决定数量 and 2021 column 本年处理决定数量 both count the decisions made in the year "
         "for 行政许可, 行政处罚, 行政强制."),
)

# Cells deliberately left out of the harmonized panel, and why (they stay in the t2/t3 wide tables).
NOT_HARMONIZED = (
    ("t2.art20_1.*", "第二十条第（一）项 columns differ in meaning: 2019 本年新制作/本年新公开/对外公开总数量 "
     "vs 2021 本年制发/本年废止/现行有效件数. No column of one edition equals a column of the other."),
    ("t2.art20_5.*.prev_items, t2.art20_5.*.change, t2.art20_6.*.prev_items, t2.art20_6.*.change",
     "上一年项目数量 and 本年增/减 exist only in 2019."),
    ("t2.art20_5.other_services.*", "其他对外管理服务事项 exists only in 2019."),
    ("t2.art20_8.fees.*", "2019 counts fee items (上一年项目数量, 本年增/减); 2021 reports the amount collected "
     "(本年收费金额, 万元): different quantities."),
    ("t2.art20_9.procurement.*", "政府集中采购 exists only in 2019."),
    ("t3.other.no_correction.*, t3.other.no_fee.*, t3.other.other.*",
     "The three parts of （六） exist only where the 2021 shape is printed; only their sum is comparable."),
)


def harmonized_codes() -> list[str]:
    return [code for rule in RULES for code in rule.codes()]


def harmonize_values(values: dict[str, float | None]) -> tuple[dict[str, float | None], str]:
    """Harmonized values of one report from its cell values by code (missing key = NA), and other_shape."""
    get = values.get
    out: dict[str, float | None] = {}
    for rule in RULES:
        for row in rule.rows:
            for col in rule.cols:
                code = f"{rule.table}.{row}.{col}"
                if rule.method == "same":
                    out[code] = get(code)
                else:
                    out[code] = _other_value(get, col)
    return out, other_shape(values)


def _other_value(get, col: str) -> float | None:
    single = get(f"t3.other.{col}")
    if single is not None:
        return single
    parts = [get(f"t3.{row}.{col}") for row in OTHER_PARTS]
    return None if any(p is None for p in parts) else sum(parts)


def other_shape(values: dict[str, float | None]) -> str:
    """'single' if any cell of the single （六） row was read, 'three_rows' if any of its parts was, else ''."""
    if any(values.get(f"t3.other.{c}") is not None for c in T3_COLS):
        return "single"
    if any(values.get(f"t3.{r}.{c}") is not None for r in OTHER_PARTS for c in T3_COLS):
        return "three_rows"
    return ""


def harmonization_markdown() -> str:
    """The text of docs/harmonization.md."""
    lines = [
        "# Harmonized panel: making the 2019 and 2021 editions comparable",
        "",
        "<!-- generated by gkstudy.datasets.harmonize.harmonization_markdown(); edit the code, then regenerate -->",
        "",
        "`harmonized_panel` has one row per report with tables (status ok or partial) and one column per",
        "cell that means the same thing in both format editions (2019 试行格式, 国办公开办函〔2019〕60号; 2021",
        "格式, 国办公开办函〔2021〕30号). Column names are the cell codes of the codebook. A value is never",
        "invented: NA in, NA out, and a sum is NA when any part is NA. The rules are data in",
        "`gkstudy/datasets/harmonize.py` (`RULES`, `NOT_HARMONIZED`).",
        "",
        "## Rules",
        "",
        "| rule | cells | method | why |",
        "|---|---|---|---|",
    ]
    for rule in RULES:
        cells = f"`{rule.table}.{{{', '.join(rule.rows)}}}.{{{', '.join(rule.cols)}}}` ({len(rule.codes())})"
        lines.append(f"| {rule.name} | {cells} | {rule.method} | {rule.why} |")
    lines += ["", "Methods: `same` = the cell as extracted, in either edition; `other_sum` = see the （六） rule.",
              "", "## Not harmonized", "", "| cells | why |", "|---|---|"]
    lines += [f"| `{cells}` | {why} |" for cells, why in NOT_HARMONIZED]
    lines += ["", "## Labels", "",
              "Labels in the codebook are those of the 2021 edition where a cell exists in both; the "
              "2019 label of `t3.other.*` is （六）其他处理.", ""]
    return "\n".join(lines)
