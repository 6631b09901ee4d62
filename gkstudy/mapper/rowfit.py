"""Fit the cells printed after a row label to the table's columns.

Layouts add blank cells at either end of a row and sometimes print one value fewer than the
columns (a "short row"). A short row is never shifted silently: every placement of the printed
values that the row's own total allows is tried, and a cell keeps a value only when all of them
agree on it; otherwise it is NA. Either way its flag says ``short_row``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from gkstudy.core import flags
from gkstudy.core.document import Token
from gkstudy.core.values import ParsedValue, is_blank
from gkstudy.mapper.thresholds import MAX_MISSING


@dataclass(frozen=True)
class FittedCell:
    token: Token | None  # the printed cell, when its position is certain
    raw: str
    value: float | int | None
    flag: str


def trim_blanks(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and is_blank(tokens[start].text):
        start += 1
    while end > start and is_blank(tokens[end - 1].text):
        end -= 1
    return tokens[start:end]


def fit_tokens(tokens: list[Token], ncols: int) -> tuple[list[Token] | None, str]:
    """Choose which printed cells are the row's ``ncols`` values.

    Returns (cells, "") when they fit, (printed values, ``short_row``) when fewer were printed,
    (None, ``extra_values``) when more were printed than the row has columns, and (None,
    ``blank``) / (None, ``no_values``) when the row was left empty (printed cells all blank / none).
    """
    if len(tokens) == ncols:
        return tokens, ""
    core = trim_blanks(tokens)
    if not core:  # all blank: the row exists and was left empty
        return None, (flags.BLANK if tokens else flags.NO_VALUES)
    if len(core) == ncols:
        return core, ""
    filled = [t for t in core if not is_blank(t.text)]
    if len(filled) == ncols:
        return filled, ""
    if len(core) < ncols:
        return core, flags.SHORT_ROW
    return None, flags.EXTRA_VALUES


def resolve_short_row(values: list[ParsedValue], ncols: int, total: int | None,
                      parts: list[int]) -> list[int | float | None]:
    """Values per column for a row that printed ``len(values)`` of ``ncols`` cells.

    ``total``/``parts`` are column indexes of the row identity total = sum(parts), if any.
    """
    missing = ncols - len(values)
    if missing <= 0 or missing > MAX_MISSING:
        return [None] * ncols
    outcomes: list[list[int | float | None]] = []
    for slots in combinations(range(ncols), len(values)):
        vec: list[int | float | None] = [None] * ncols
        for slot, pv in zip(slots, values):
            vec[slot] = pv.value
        gaps = [i for i in range(ncols) if i not in slots]
        solved = _solve(vec, gaps, total, parts)
        if solved is not None:
            outcomes.append(solved)
    if not outcomes:
        return [None] * ncols
    return [col[0] if all(v == col[0] for v in col) and col[0] is not None else None
            for col in zip(*outcomes)]


def _solve(vec, gaps, total, parts):
    """Fill gaps from total = sum(parts); None when the placement contradicts the identity."""
    if total is None:
        return vec
    vec = list(vec)
    part_gaps = [g for g in gaps if g in parts]
    known_parts = [vec[p] for p in parts if p not in gaps]
    if any(v is None for v in known_parts):  # a printed blank among the parts: nothing to solve
        return vec
    if total in gaps:
        if part_gaps:
            return vec
        vec[total] = sum(known_parts)
        return vec
    if vec[total] is None:
        return vec
    rest = vec[total] - sum(known_parts)
    if not part_gaps:
        return vec if rest == 0 else None
    if rest < 0:
        return None
    if len(part_gaps) == 1:
        vec[part_gaps[0]] = rest
    elif rest == 0:  # counts are non-negative: every missing part is 0
        for g in part_gaps:
            vec[g] = 0
    return vec


def split_concatenated(digits: str, ncols: int, identities: list[tuple[int, list[int]]],
                       limit: int = 2) -> list[list[int]]:
    """Ways to cut a run of digits printed with no delimiter (``21710000218``) into ``ncols``
    whole numbers that satisfy every identity total = sum(parts). Up to ``limit`` solutions are
    returned: one means the cut is certain, more mean it is not.
    """
    if not digits.isdigit() or not ncols <= len(digits) <= ncols * 7:
        return []
    found: list[list[int]] = []

    def consistent(vec: list[int]) -> bool:
        n = len(vec)
        for total, parts in identities:
            if total < n and all(p < n for p in parts) and vec[total] != sum(vec[p] for p in parts):
                return False
        return True

    def walk(pos: int, vec: list[int]) -> None:
        if len(found) >= limit:
            return
        left = ncols - len(vec)
        if left == 0:
            if pos == len(digits) and consistent(vec):
                found.append(list(vec))
            return
        rest = len(digits) - pos
        for width in range(1, min(7, rest - (left - 1)) + 1):
            piece = digits[pos:pos + width]
            if width > 1 and piece[0] == "0":
                break
            vec.append(int(piece))
            if consistent(vec):
                walk(pos + width, vec)
            vec.pop()

    walk(0, [])
    return found
