"""HTML tables -> grids: rowspan/colspan expanded, merged cells read once (None where covered).

Cell text joins everything inside the cell (``<p>``, ``<span>``, ``<br>``) the way a reader sees
it: Word-exported pages break one header word over several paragraphs or spans (商业 / 企业),
so whitespace next to a Chinese character is dropped, and other whitespace runs become one space.
Tables nested in a cell are left out of that cell's text; they are grids of their own.
"""

from __future__ import annotations

import re

from gkstudy.core.normalize import tidy
from gkstudy.readers.thresholds import MAX_TABLE_COLUMNS as MAX_COLSPAN


def own_text(el, skip: frozenset[str] = frozenset({"table"})) -> str:
    """Text of ``el`` without the subtrees tagged in ``skip`` (their tails are kept)."""
    parts: list[str] = []
    _gather(el, parts, skip)
    return "".join(parts)


def _gather(el, parts: list[str], skip: frozenset[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and child.tag.lower() not in skip:
            if child.tag.lower() == "br":
                parts.append("\n")
            _gather(child, parts, skip)
        if child.tail:
            parts.append(child.tail)


def cell_text(td) -> str:
    return tidy(own_text(td))


def table_rows(table) -> list:
    """The table's own rows, in order (through thead/tbody/tfoot, not into nested tables)."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows += [tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr"]
    return rows


def row_cells(tr) -> list:
    return [td for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th")]


def has_nested_table(table) -> bool:
    return any(el is not table for el in table.iter("table"))


def table_grid(table) -> list[list[str | None]]:
    """Rows of cell texts by grid column; None for positions a span covers or nothing fills."""
    rows = table_rows(table)
    cells: dict[tuple[int, int], str | None] = {}
    for r, tr in enumerate(rows):
        c = 0
        for td in row_cells(tr):
            while (r, c) in cells:
                c += 1
            rowspan = _span(td.get("rowspan"), len(rows) - r, zero_to_end=True)
            colspan = _span(td.get("colspan"), MAX_COLSPAN, zero_to_end=False)
            for dr in range(rowspan):
                for dc in range(colspan):
                    cells[(r + dr, c + dc)] = None
            cells[(r, c)] = cell_text(td)
            c += colspan
    grid: list[list[str | None]] = []
    for r in range(len(rows)):
        width = 1 + max((c for (rr, c) in cells if rr == r), default=-1)
        grid.append([cells.get((r, c)) for c in range(width)])
    return grid


def _span(value: str | None, limit: int, zero_to_end: bool) -> int:
    """A span attribute as browsers read it: leading digits, clipped to ``limit``; rowspan=0
    runs to the end of the table, colspan=0 is 1."""
    m = re.match(r"\s*(\d+)", value or "")
    n = int(m.group(1)) if m else 1
    if n == 0:
        return max(limit, 1) if zero_to_end else 1
    return max(1, min(n, max(limit, 1)))
