"""The checks of one report again, from its cell rows alone: what changes when a person corrects
a value (gkstudy.checks.corrections), without reading the file again.

Only the checks whose outcome depends on cell values are recomputed — every arithmetic check, the
all-zero tables and the narrative's application count against table 三 (from the statements kept
with the extraction); the others (sections, dates, edition) cannot change and are kept as they were.
"""

from __future__ import annotations

from gkstudy.checks.arithmetic import ARITHMETIC_CHECKS, check_to_row, check_values
from gkstudy.checks.repair import values_for_checks
from gkstudy.checks.warnings import WARNING_ORDER, all_zero_tables, statements_vs_table
from gkstudy.core import flags
from gkstudy.mapper.cells import MappedCell
from gkstudy.metadata.narrative import Statement

TABLES = ("t2", "t3", "t4")


def row_to_cell(row: dict) -> MappedCell:
    """A cells.csv row (as the extraction holds it: numbers, or "" for NA) as a mapped cell."""
    value = row.get("value", "")
    return MappedCell(row["table"], row["row"], row["col"], None if value in ("", None) else value,
                      row.get("raw", ""), row.get("flag", ""))


def found_tables(cells: list[MappedCell]) -> dict[str, bool]:
    """Which tables were found: a table not found has every cell flagged ``no_table_tN``."""
    return {t: not all(flags.has(c.flag, flags.no_table(t)) for c in cells if c.table == t)
            for t in TABLES if any(c.table == t for c in cells)}


def statement_to_list(st: Statement) -> list:
    return [st.value, st.quantity, st.section, st.line, st.text]


def list_to_statement(item: list) -> Statement:
    value, quantity, section, line, text = item
    return Statement(value, quantity, section, line, text)


def recheck_rows(report_id: str, edition: str, cell_rows: list[dict], statements: list[Statement],
                 old_rows: list[dict]) -> list[dict]:
    """Every checks.csv row of the report, the value-dependent ones computed afresh from
    ``cell_rows``, in the order the extraction writes them (arithmetic first, then the warnings
    in WARNING_ORDER, then any other kept rows)."""
    cells = [row_to_cell(r) for r in cell_rows]
    values = values_for_checks(cells)
    fresh = {"all_zero_table": all_zero_tables(cells, found_tables(cells)),
             "text_vs_table": statements_vs_table(statements, values)}
    out = [check_to_row(report_id, c) for c in check_values(edition, values)]
    for name in WARNING_ORDER:
        if name in fresh:
            out += [check_to_row(report_id, c) for c in fresh[name]]
        else:
            out += [r for r in old_rows if r["check"] == name]
    return out + [r for r in old_rows if r["check"] not in ARITHMETIC_CHECKS and r["check"] not in WARNING_ORDER]
