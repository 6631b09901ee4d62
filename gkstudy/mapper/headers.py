"""Column order of a table from its header cells.

Where cells carry real column positions the order is the positions'; so is the order of cells
read left to right off one line. Where each cell sits on its own line only the reading order is
known; a two-level header then reads parent-first (自然人 · 法人或其他组织 · 总计 · 商业企业 …),
so the parent's children are moved to its place.
"""

from __future__ import annotations

from gkstudy.core.document import Token


def is_positional(tokens: list[Token]) -> bool:
    """True when the tokens sit in one grid at distinct, real column positions."""
    return (bool(tokens) and all(t.aligned for t in tokens)
            and len({t.grid for t in tokens}) == 1
            and len({t.col for t in tokens}) == len(tokens))


def _one_line(tokens: list[Token]) -> bool:
    """True when all the tokens were read off one line, left to right."""
    return len(tokens) > 1 and len({(t.grid, t.row) for t in tokens}) == 1 and len({t.col for t in tokens}) == len(tokens)


def leaf_order(leaves: list[tuple[str, Token]], parent: Token | None = None,
               children: frozenset[str] = frozenset()) -> list[str]:
    """Order column codes from header tokens given as (code, token) in reading order."""
    if is_positional([t for _, t in leaves]) or _one_line([t for _, t in leaves]):
        return [code for code, _ in sorted(leaves, key=lambda ct: ct[1].col)]
    if parent is None or not children:
        return [code for code, _ in leaves]
    kids = [c for c, _ in leaves if c in children]
    order: list[str] = []
    placed = False
    for code, tok in leaves:
        if code in children:
            continue
        if not placed and (tok.grid, tok.row, tok.col) > (parent.grid, parent.row, parent.col):
            order += kids
            placed = True
        order.append(code)
    if not placed:
        order += kids
    return order
