"""Warnings about one report as a whole: things a careful reader would question, not arithmetic.

Each returns rows in the same :class:`~gkstudy.checks.arithmetic.Check` shape as the error checks, with
severity ``warning``, passed or not, so a summary can say how often each was run and failed.
"""

from __future__ import annotations

from datetime import date

from gkstudy.checks.arithmetic import Check
from gkstudy.mapper.cells import MappedCell
from gkstudy.metadata.narrative import Statement, request_statements
from gkstudy.metadata.sections import SECTIONS, find_sections

FIRST_2021_YEAR = 2021  # reports for 2021 on use the 2021 format (国办公开办函〔2021〕30号)
# Art. 49: departments of governments at county level and above publish by 31 January, a
# government (township governments and street offices included) its own report by 31 March.
DEADLINE = {"department": (1, 31), "government": (3, 31), "township": (3, 31)}
DEPARTMENT_LEVELS = ("province", "city", "county")
WARNING = "warning"


def edition_year(edition: str | None, year: int | None) -> list[Check]:
    if not edition or not year:
        return []
    expected = "2021" if year >= FIRST_2021_YEAR else "2019"
    return [Check("edition_year", "", "", "", expected, edition, edition == expected, WARNING,
                  f"report for {year} follows the {edition} format; {expected} expected")]


def old_other_row(edition: str | None, cells: list[MappedCell]) -> list[Check]:
    """The single （六）其他处理 row of 2019 printed in a 2021-format table."""
    if edition != "2021":
        return []
    single = any(c.table == "t3" and c.row == "other" for c in cells)
    observed = "1 row" if single else "3 rows"
    return [Check("old_other_row", "t3", "other", "", "3 rows", observed, not single, WARNING,
                  "（六）其他处理 printed as one row (2019 format) in a 2021-format table" if single
                  else "（六）其他处理 printed as its three 2021 rows")]


def all_zero_tables(cells: list[MappedCell], found: dict[str, bool]) -> list[Check]:
    out = []
    for table in ("t2", "t3", "t4"):
        if not found.get(table):
            continue
        read = [c.value for c in cells if c.table == table and c.value is not None]
        if not read:
            continue
        zero = all(v == 0 for v in read)
        out.append(Check("all_zero_table", table, "", "", "some non-zero cell",
                         f"all {len(read)} read cells are 0" if zero else "non-zero cells present",
                         not zero, WARNING, f"table {table}: {len(read)} cells read, "
                         f"{sum(1 for v in read if v != 0)} non-zero"))
    return out


def missing_tables(found: dict[str, bool]) -> list[Check]:
    return [Check("missing_table", table, "", "", "present", "present" if ok else "absent", ok, WARNING,
                  f"table {table} {'found' if ok else 'not found'}") for table, ok in found.items()]


def missing_sections(lines: list[str]) -> list[Check]:
    found = find_sections(lines)
    out = []
    for number, title, _words in SECTIONS:
        sec = found.get(number)
        observed = lines[sec.line].strip() if sec else "absent"
        out.append(Check("missing_section", "", "", "", title, observed, sec is not None, WARNING,
                         f"section {title} " + (f"at line {sec.line + 1}" if sec else "has no heading")))
    return out


def text_vs_table(lines: list[str], values: dict) -> list[Check]:
    """The application count the narrative states against table 三."""
    return statements_vs_table(request_statements(lines), values)


def statements_vs_table(statements: list[Statement], values: dict) -> list[Check]:
    """The narrative's statements of the application count (read once, kept with the extraction so
    that corrected values can be checked again without the text) against table 三."""
    out = []
    received = values.get(("t3", "received", "total"))
    carried = values.get(("t3", "carried_in", "total"))
    for st in statements:
        if st.quantity == "received":
            table_value, row, label = received, "received", "一、本年新收 总计"
        else:
            table_value = None if received is None or carried is None else received + carried
            row, label = "received+carried_in", "一+二 (新收+上年结转) 总计"
        if table_value is None:
            continue
        out.append(Check("text_vs_table", "t3", row, "total", table_value, st.value, st.value == table_value,
                         WARNING, f"text (line {st.line + 1}, section {st.section or '?'}): “{st.text}” "
                         f"= {st.value} vs table {label} = {table_value}"))
    return out


def late_publication(year: int | None, published: str, agency_type: str, level: str) -> list[Check]:
    """Published after the Art. 49 deadline. Not judged when the type of body is unknown."""
    if not year or not published or agency_type not in DEADLINE:
        return []
    if agency_type == "department" and level not in DEPARTMENT_LEVELS:
        return []
    month, day = DEADLINE[agency_type]
    deadline = date(year + 1, month, day).isoformat()
    return [Check("late_publication", "", "", "", deadline, published, published <= deadline, WARNING,
                  f"{agency_type} ({level or 'level unknown'}) report for {year}: deadline {deadline}, "
                  f"printed date {published}")]


# The warnings of one report in the order report_warnings writes them (by check name), so that a
# recheck after corrections (gkstudy.checks.recheck) writes them in the same order.
WARNING_ORDER = ("edition_year", "old_other_row", "all_zero_table", "missing_table", "missing_section",
                 "text_vs_table", "late_publication")


def report_warnings(*, edition: str | None, year: int | None, cells: list[MappedCell], found: dict[str, bool],
                    lines: list[str], values: dict, published: str, agency_type: str, level: str,
                    statements: list[Statement] | None = None) -> list[Check]:
    """All single-report warnings. ``values`` should be the check values (repaired cells hidden);
    ``statements`` the narrative's request statements when already read from ``lines``."""
    if statements is None:
        statements = request_statements(lines)
    return (edition_year(edition, year) + old_other_row(edition, cells) + all_zero_tables(cells, found)
            + missing_tables(found) + missing_sections(lines) + statements_vs_table(statements, values)
            + late_publication(year, published, agency_type, level))
