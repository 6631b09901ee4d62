"""Pieces every table mapper uses: the mapped-cell record and reading a row's values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gkstudy.core import flags
from gkstudy.mapper import labels as L
from gkstudy.core.document import Token
from gkstudy.core.normalize import compact
from gkstudy.mapper.rowfit import fit_tokens, resolve_short_row, split_concatenated
from gkstudy.core.values import is_blank, looks_like_value, parse_value
from gkstudy.mapper.thresholds import HEADER_LABEL, MAX_LABEL_PIECES


@dataclass(frozen=True)
class MappedCell:
    table: str
    row: str
    col: str
    value: float | int | None
    raw: str
    flag: str
    token: Token | None = None
    alt: str = ""  # another reader's text for this cell, when readers disagreed


@dataclass
class TableRead:
    """What a table mapper found: cells keyed by (row, col), plus remarks."""

    table: str
    found: bool = False
    cells: dict[tuple[str, str], MappedCell] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    evidence: dict[str, int] = field(default_factory=dict)  # edition -> votes
    end: int = 0  # token index where the table ended


def collect_values(tokens: list[Token], start: int, is_label: Callable[[int], bool]) -> tuple[list[Token], int]:
    """Cells printed after a row label at ``start``: values and blanks up to the next label.

    Up to ``MAX_LABEL_PIECES`` unrecognised texts right after the label (a label broken over
    cells) are skipped; any other text ends the row.
    """
    out: list[Token] = []
    i = start
    seen_value = False
    pieces = 0
    while i < len(tokens):
        text = tokens[i].text
        if is_blank(text):
            out.append(tokens[i])
        elif looks_like_value(text):
            out.append(tokens[i])
            seen_value = True
        elif seen_value or pieces >= MAX_LABEL_PIECES or is_label(i):
            break
        else:
            pieces += 1
        i += 1
    return out, i


def joined_fragments(fragments: list[Token], labels: dict[str, str], found: set[str] | None = None,
                     threshold: float = HEADER_LABEL) -> list[tuple[str, Token]]:
    """Header words broken in two where a page breaks inside a header row (商业 | 企业, 结果 |
    维持): each fragment joined with the nearest later one that completes a column label, the
    pair taking the first fragment's place. With ``found``, only labels not found yet (a header
    that names each column once); without, a label may recur (table 四's blocks)."""
    out: list[tuple[str, Token]] = []
    used: set[int] = set()
    for i, head in enumerate(fragments):
        if i in used:
            continue
        for j in range(i + 1, len(fragments)):
            if j in used:
                continue
            code = L.match_col(compact(head.text) + compact(fragments[j].text), labels, threshold=threshold)
            if code and (found is None or code not in found):
                out.append((code, head))
                if found is not None:
                    found.add(code)
                used.update((i, j))
                break
    return out


def in_print_order(pairs: list[tuple[str, Token]], tokens: list[Token]) -> list[tuple[str, Token]]:
    """(code, token) pairs sorted by where their tokens stand in ``tokens``."""
    position = {id(t): k for k, t in enumerate(tokens)}
    return sorted(pairs, key=lambda ct: position[id(ct[1])])


def next_nonblank(tokens: list[Token], start: int) -> int | None:
    for i in range(start, len(tokens)):
        if not is_blank(tokens[i].text):
            return i
    return None


Identity = tuple[str, tuple[str, ...]]  # (total column, part columns) of a row


def read_row(table: str, row: str, cols: list[str], printed: list[Token], units: dict[str, tuple[str, str]],
             identities: tuple[Identity, ...] = ()) -> list[MappedCell]:
    """Turn the printed cells of one row into MappedCells for ``cols`` (None entries are dropped columns).

    ``units`` maps a column to (codebook unit, unit stated in its header); ``identities`` are the
    row's own sums, used to place the values of a short row or cut digits printed with no delimiter.
    """
    ncols = len(cols)
    idx = {c: i for i, c in enumerate(cols)}
    positions = [(idx[t], [idx[p] for p in ps if p in idx]) for t, ps in identities if t in idx]
    glued = _glued_digits(printed, ncols)
    if glued is not None:
        return _cut_glued(table, row, cols, glued, positions)
    fitted, fit_flag = fit_tokens(printed, ncols)
    cells: list[MappedCell] = []
    if fitted is None:
        flag = fit_flag
        raw = " ".join(t.text.strip() for t in printed)
        for col in cols:
            if col is not None:
                cells.append(MappedCell(table, row, col, None, raw if fit_flag == flags.EXTRA_VALUES else "", flag))
        return cells
    parsed = [parse_value(t.text, *units.get(col or "", ("件", ""))) for t, col in zip(fitted, cols)]
    if fit_flag == flags.SHORT_ROW:
        parsed = [parse_value(t.text, "件") for t in fitted]
        total, parts = positions[0] if len(positions) == 1 else (None, [])
        resolved = resolve_short_row(parsed, ncols, total, parts)
        raw = " ".join(t.text.strip() for t in fitted)
        for col, value in zip(cols, resolved):
            if col is not None:
                cells.append(MappedCell(table, row, col, value, raw, flags.SHORT_ROW))
        return cells
    for tok, col, pv in zip(fitted, cols, parsed):
        if col is not None:
            flag = flags.add(pv.flag, tok.flag)
            cells.append(MappedCell(table, row, col, pv.value, tok.text.strip(), flag, tok, tok.alt))
    return cells


def _glued_digits(printed: list[Token], ncols: int) -> Token | None:
    """The one printed cell of a row whose numbers were run together (``21710000218``), if so."""
    filled = [t for t in printed if not is_blank(t.text)]
    if ncols > 1 and len(filled) == 1 and compact(filled[0].text).isdigit() and len(compact(filled[0].text)) >= ncols:
        return filled[0]
    return None


def _cut_glued(table: str, row: str, cols: list[str], tok: Token, positions) -> list[MappedCell]:
    digits = compact(tok.text)
    ways = split_concatenated(digits, len(cols), positions) if positions else []
    if len(ways) == 1:
        return [MappedCell(table, row, col, v, digits, flags.SPLIT_BY_IDENTITY, tok)
                for col, v in zip(cols, ways[0]) if col is not None]
    return [MappedCell(table, row, col, None, digits, flags.CONCATENATED_CELLS, tok) for col in cols if col is not None]
