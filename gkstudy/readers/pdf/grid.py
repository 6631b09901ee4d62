"""A table grid read from one PDF page, with each cell's box, as both PDF readers produce it.

Cells covered by a merge are None; the merged cell's text sits in its top-left cell. Boxes are
(x0, top, x1, bottom) in points from the page's top-left corner, so two readers' cells can be
matched by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gkstudy.core.normalize import nfkc, split_numbering
from gkstudy.core.values import looks_like_value
from gkstudy.readers.thresholds import MIN_OVERLAP

Box = tuple[float, float, float, float]

# Whitespace between two digits on one line is kept (as one space): "1 2" are two numbers run
# together and must stay unreadable rather than become 12. A line break between digits inside one
# ruled cell is a number wrapped in a narrow column (129 | 4 for 1294): joined. All other
# whitespace inside a cell is layout noise (line breaks inside CJK labels, letter-spaced 结 果 维 持).
_DIGIT_GAP = re.compile(r"(?<=\d)\s+(?=\d)")
_SPACE = re.compile(r"\s+")


def _digit_gap(m: re.Match) -> str:
    return "" if "\n" in m.group(0) or "\r" in m.group(0) else "\x00"


def cell_text(raw: str | None) -> str:
    s = nfkc(raw or "")
    s = _DIGIT_GAP.sub(_digit_gap, s.strip())
    return _SPACE.sub("", s).replace("\x00", " ")


# A union-find over grid cells (merged spans) or rules (crossing groups): ``parent`` maps a key
# to its parent; the smaller root wins, so a span's root is its top-left grid cell.
def root_of(parent: dict, k):
    """The root of ``k``."""
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k


def join_roots(parent: dict, a, b) -> None:
    """Put ``a`` and ``b`` in one group."""
    ra, rb = root_of(parent, a), root_of(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


@dataclass
class PageGrid:
    page: int  # 1-based
    top: float  # where the table starts on the page, for ordering tables
    cells: list[list[str | None]]
    boxes: list[list[Box | None]] = field(default_factory=list)
    # The other reader's text where the two disagree (None elsewhere); [] when they agree everywhere.
    alts: list[list[str | None]] = field(default_factory=list)


def _alt(g: PageGrid, r: int, c: int) -> str | None:
    return g.alts[r][c] if g.alts else None


def _join_alt(a: PageGrid, i: int, b: PageGrid, j: int) -> None:
    """Before a's last row, cell ``i``, takes in b's first row, cell ``j``: the other reader's text
    of the joined cell, when either half was disputed (the undisputed half as both read it)."""
    upper, lower = _alt(a, -1, i), _alt(b, 0, j)
    if upper is None and lower is None:
        return
    if not a.alts:
        a.alts = [[None] * len(row) for row in a.cells]
    x, y = a.cells[-1][i] or "", b.cells[0][j] or ""
    a.alts[-1][i] = (x if upper is None else upper) + (y if lower is None else lower)


def _value(text: str | None) -> bool:
    return bool(text) and looks_like_value(text)


def _has_value(row: list[str | None]) -> bool:
    return any(_value(t) for t in row)


def _starts_numbered(row: list[str | None]) -> bool:
    """A row whose first label starts with an enumeration (二、 / （三） / 1.) is a row of its own."""
    first = next((t for t in row if t and not _value(t)), "")
    n = split_numbering(first)
    return n.enumerated


def _wrapped_tails(a: PageGrid, b: PageGrid) -> list[tuple[int, int]]:
    """A row whose numbers wrapped in their cells and were cut by the page break (1153 printed
    115 | 3): the next page's first row holds no label, only digits, fewer than the row above,
    each under one of its numbers (matched by horizontal position: the two pages' grids may have
    other columns). Returns (column above, column below) pairs, or [] when it is no such tail."""
    last, first = a.cells[-1], b.cells[0]
    if not a.boxes or not b.boxes or any(t and not _value(t) for t in first):
        return []
    tails = [j for j, t in enumerate(first) if _value(t)]
    if not tails or len(tails) >= sum(1 for t in last if _value(t)):
        return []
    pairs = []
    for j in tails:
        box = b.boxes[0][j]
        above = [i for i, (t, other) in enumerate(zip(last, a.boxes[-1]))
                 if _value(t) and other is not None and box is not None and _x_share(other, box) > MIN_OVERLAP]
        if len(above) != 1 or not last[above[0]][-1:].isdigit() or not first[j][:1].isdigit():
            return []
        pairs.append((above[0], j))
    return pairs


def _x_share(p: Box, q: Box) -> float:
    """Horizontal overlap of two boxes as a share of the narrower one."""
    narrower = min(p[2] - p[0], q[2] - q[0])
    return (min(p[2], q[2]) - max(p[0], q[0])) / narrower if narrower > 0 else 0.0


def join_split_rows(grids: list[PageGrid]) -> list[PageGrid]:
    """Join a row Word split across a page break: the last row of one page's table and the first
    row of the next page's table, when one half holds no value at all (a label, or its tail, broken
    off from the numbers) and the second half does not start with its own enumeration. Whole rows
    at a page break stay apart."""
    for a, b in zip(grids, grids[1:]):
        if b.page != a.page + 1 or not a.cells or not b.cells:
            continue
        last, first = a.cells[-1], b.cells[0]
        if _has_value(last) and _has_value(first):
            pairs = _wrapped_tails(a, b)
            for i, j in pairs:
                _join_alt(a, i, b, j)
                last[i] = last[i] + first[j]
            if pairs:
                b.cells = b.cells[1:]
                b.boxes = b.boxes[1:]
                b.alts = b.alts[1:]
            continue
        if len(last) != len(first):
            continue
        if any(_value(x) and _value(y) for x, y in zip(last, first)) or _starts_numbered(first):
            continue
        if any(x and y and _value(x) != _value(y) for x, y in zip(last, first)):
            continue  # a header word above a number: a header row, then a row of its own
        if sum(y is not None for y in first) == 1 < sum(x is not None for x in last):
            continue  # one cell merged across the table (a block title): a row of its own
        for k, (x, y) in enumerate(zip(last, first)):
            if x is not None or y is not None:
                _join_alt(a, k, b, k)
        joined = [(x or "") + (y or "") if (x is not None or y is not None) else None for x, y in zip(last, first)]
        a.cells[-1] = joined
        b.cells = b.cells[1:]
        if b.boxes:
            b.boxes = b.boxes[1:]
        b.alts = b.alts[1:]
    return [g for g in grids if g.cells]
