"""HTML tables -> grids: rowspan/colspan expanded, merged cells read once (None where covered).

Cell text joins everything inside the cell (``<p>``, ``<span>``, ``<br>``) the way a reader sees
it: Word-exported pages break one header word over several paragraphs or spans (商业 / 企业),
so whitespace next to a Chinese character is dropped, and other whitespace runs become one space.
Tables nested in a cell are left out of that cell's text; they are grids of their own.
"""

from __future__ import annotations

import re

from gkstudy.core.document import ReportError
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


# Bounds on what spans may add (rowspan=colspan=100000 on 1,500 cells would need gigabytes):
# real report tables have at most a few hundred positions covered by a span, and a long page
# of tables a few hundred thousand cells; past these the markup is damaged or an attack.
MAX_TABLE_SPAN_CELLS = 200_000  # grid positions of one table filled by a span rather than a cell
MAX_DOCUMENT_CELLS = 5_000_000  # grid positions of all tables of a page, cells and spans


class GridBudget:
    """Grid positions a page's tables may still take (MAX_DOCUMENT_CELLS in all)."""

    def __init__(self, cells: int = MAX_DOCUMENT_CELLS):
        self.cells = self.left = cells

    def take(self, cells: int) -> None:
        self.left -= cells
        if self.left < 0:
            raise ReportError("failed", f"refused HTML: the page's tables would expand to more than "
                                        f"{self.cells:,} cells in all (markup damage or an attack)")


def table_grid(table, budget: GridBudget | None = None) -> list[list[str | None]]:
    """Rows of cell texts by grid column; None for positions a span covers or nothing fills.

    Linear in the size of the expanded grid: ``above`` holds, for the columns a rowspan from an
    earlier row still covers, how many rows it covers from this one on, so a row never looks at
    other rows. Each row is counted against MAX_TABLE_SPAN_CELLS and ``budget`` before it is made:
    a table past them raises ReportError having cost no more than the bound."""
    budget = budget or GridBudget()
    rows = table_rows(table)
    above: dict[int, int] = {}  # grid column -> rows (this one included) a rowspan still covers
    grid: list[list[str | None]] = []
    span_cells = 0
    for r, tr in enumerate(rows):
        placed: list[tuple[int, str]] = []
        covering = dict(above)
        c = 0
        for td in row_cells(tr):
            while c in covering:  # each step passes a position of this row: linear in its width
                c += 1
            rowspan = _span(td.get("rowspan"), len(rows) - r, zero_to_end=True)
            colspan = _span(td.get("colspan"), MAX_COLSPAN, zero_to_end=False)
            placed.append((c, cell_text(td)))
            for k in range(c, c + colspan):
                covering[k] = max(covering.get(k, 0), rowspan)
            c += colspan
        width = max(covering) + 1 if covering else 0
        span_cells += width - len(placed)
        if span_cells > MAX_TABLE_SPAN_CELLS:
            raise ReportError("failed", f"refused HTML: a table's rowspan/colspan would fill more than "
                                        f"{MAX_TABLE_SPAN_CELLS:,} grid positions (markup damage or an attack)")
        budget.take(width)
        line: list[str | None] = [None] * width
        for col, text in placed:
            line[col] = text
        grid.append(line)
        above = {k: n - 1 for k, n in covering.items() if n > 1}
    return grid


def _span(value: str | None, limit: int, zero_to_end: bool) -> int:
    """A span attribute as browsers read it: leading digits, clipped to ``limit``; rowspan=0
    runs to the end of the table, colspan=0 is 1."""
    m = re.match(r"\s*(\d+)", value or "")
    n = int(m.group(1)) if m else 1
    if n == 0:
        return max(limit, 1) if zero_to_end else 1
    return max(1, min(n, max(limit, 1)))
