"""Map tokens to table t4 (行政复议、行政诉讼): three blocks × five result columns, one data row."""

from __future__ import annotations

from dataclasses import replace

from gkstudy.core import codebook, flags
from gkstudy.mapper import labels as L
from gkstudy.core.document import Token
from gkstudy.mapper.headers import is_positional
from gkstudy.mapper.cells import TableRead, in_print_order, joined_fragments, read_row
from gkstudy.core.normalize import compact, split_numbering
from gkstudy.core.values import is_blank, looks_like_value
from gkstudy.mapper.thresholds import (  # under this module's own names
    COLUMN_LABEL, HEADER_LABEL as BLOCK_THRESHOLD, MAX_HEADER_TOKENS, SPLIT_LOOKAHEAD,
    T4_FRAGMENT_CHARS as FRAGMENT_CHARS,
)

PARTS = codebook.T4_PARTS


def _block_of(s: str) -> str | None:
    for row, lab in L.t4_blocks().items():
        if L.similarity(s, lab) >= BLOCK_THRESHOLD:
            return row
    return None


def map_t4(tokens: list[Token], begin: int = 0) -> TableRead:
    result = TableRead("t4")
    start, review_tail = _review_index(tokens, begin)
    by_heading = False
    if start is None:
        # Header words run together (an unruled table read from word positions) hide the block
        # labels; the section heading then starts the table, if the national 15 cells follow.
        start = _heading_index(tokens, begin)
        by_heading = start is not None
    if start is None:
        return result
    blocks: list[tuple[str, Token]] = [("review", review_tail)] if review_tail is not None else []
    leaves: list[tuple[str, Token]] = []
    fragments: list[Token] = []
    leaf_labels = L.col_labels("t4")
    i = start
    while i < len(tokens) and i < start + MAX_HEADER_TOKENS:
        text = tokens[i].text
        if looks_like_value(text):
            break
        s = compact(text)
        if s:
            block = _block_of(s)
            if block:
                blocks.append((block, tokens[i]))
            elif L.similarity(s, L.t4_parent()) < BLOCK_THRESHOLD:
                code = L.match_col(s, leaf_labels, threshold=COLUMN_LABEL)
                if code:
                    leaves.append((code, tokens[i]))
                elif len(s) <= FRAGMENT_CHARS:
                    fragments.append(tokens[i])
        i += 1
    if fragments:  # header words broken over a page (结果 | 维持): joined, in print order
        leaves = in_print_order(leaves + joined_fragments(fragments, leaf_labels, threshold=COLUMN_LABEL), tokens)
    printed = []
    while i < len(tokens) and (is_blank(tokens[i].text) or looks_like_value(tokens[i].text)):
        printed.append(tokens[i])
        i += 1
    result.end = i
    if not printed or (by_heading and sum(1 for t in printed if not is_blank(t.text)) != len(national_layout())):
        return result
    result.found = True
    layout, note = column_layout([] if by_heading else blocks, leaves)
    if note and not by_heading and national_columns_in_place(leaves, tokens):
        layout, note = national_layout(), ""
    if note:
        result.notes.append(note)
    cols = [f"{b}|{c}" for b, c in layout]
    identities = tuple((f"{b}|total", tuple(f"{b}|{p}" for p in PARTS)) for b in L.t4_blocks())
    cells = read_row("t4", "_", cols, printed, {}, identities)
    # read_row knows one row; split the block|col codes back into t4 rows.
    for cell in cells:
        row, col = cell.col.split("|")
        flag = flags.add(cell.flag, flags.HEADER_ASSUMED) if note and cell.value is not None else cell.flag
        result.cells[(row, col)] = replace(cell, table="t4", row=row, col=col, flag=flag)
    return result


def national_layout() -> list[tuple[str, str]]:
    """(block, column) pairs as the national format prints table 四: 3 blocks × 5 columns."""
    return [(b, c) for b in L.t4_blocks() for c in L.col_labels("t4")]


def _review_index(tokens: list[Token], begin: int) -> tuple[int | None, Token | None]:
    """Index of the block label 行政复议 that starts table 四; when a page break cut it in two
    cells (行政 | 复议), the index of the first half and the token of the second, which stands
    where the block starts on the page with the rest of the header."""
    for i in range(begin, len(tokens)):
        s = compact(tokens[i].text)
        if not s or looks_like_value(s):
            continue
        if _block_of(s) == "review":
            return i, None
        if len(s) <= FRAGMENT_CHARS:
            for j in range(i + 1, min(len(tokens), i + 1 + SPLIT_LOOKAHEAD)):
                if _block_of(s + compact(tokens[j].text)) == "review":
                    return i, tokens[j]
    return None, None


def _heading_index(tokens: list[Token], begin: int) -> int | None:
    """Index of the section heading 四、政府信息公开行政复议、行政诉讼情况, if any."""
    for i in range(begin, len(tokens)):
        s = compact(tokens[i].text)
        if "行政复议" in s and "行政诉讼" in s and split_numbering(s).top == 4:
            return i
    return None


def national_columns_in_place(leaves: list[tuple[str, Token]], tokens: list[Token]) -> bool:
    """Whether a header whose parts could not be lined up (broken over a page) still shows the
    national layout: every header word in a grid of 3 × 5 columns stands at the column the
    national layout has for it, and the words elsewhere (the part on the other page, whose grid
    has other columns) are exactly the ones the remaining columns need."""
    cols = list(L.col_labels("t4"))
    n = len(national_layout())
    width: dict[int, int] = {}
    for t in tokens:
        if t.aligned:
            width[t.grid] = max(width.get(t.grid, 0), t.col + 1)
    placed, elsewhere = set(), []
    for code, tok in leaves:
        if tok.aligned and width.get(tok.grid) == n:
            if cols[tok.col % len(cols)] != code or tok.col in placed:
                return False
            placed.add(tok.col)
        else:
            elsewhere.append(code)
    needed = [cols[k % len(cols)] for k in range(n) if k not in placed]
    return bool(placed) and sorted(elsewhere) == sorted(needed)


def column_layout(blocks: list[tuple[str, Token]], leaves: list[tuple[str, Token]]) -> tuple[list[tuple[str, str]], str]:
    """(block, column) pairs in print order, from the header; canonical order if it cannot be read."""
    canonical_cols = list(L.col_labels("t4"))
    canonical = national_layout()
    if not blocks or not leaves:
        return canonical, "t4 header not recognised: canonical column order assumed"
    header_tokens = [t for _, t in blocks] + [t for _, t in leaves]
    if len({t.grid for t in header_tokens}) > 1:
        # A header broken over a page: its parts cannot be lined up by position; the national
        # layout is taken only where the columns read exactly as it prints them.
        if [c for c, _ in leaves] == [c for _, c in canonical]:
            return canonical, ""
        return canonical, "t4 header not recognised: canonical column order assumed"
    if is_positional([t for _, t in leaves]) and all(t.aligned for t in header_tokens):
        starts = sorted((t.col, b) for b, t in blocks)
        pairs = []
        for code, tok in sorted(leaves, key=lambda ct: ct[1].col):
            owner = [b for col, b in starts if col <= tok.col]
            pairs.append((owner[-1] if owner else starts[0][1], code))
    else:
        order = list(dict.fromkeys(b for b, _ in blocks))
        codes = [c for c, _ in leaves]
        per = len(codes) // len(order) if order else 0
        if per and len(codes) == per * len(order):
            pairs = [(b, c) for k, b in enumerate(order) for c in codes[k * per:(k + 1) * per]]
        elif len(codes) == len(canonical_cols):  # one header row shared by every block
            pairs = [(b, c) for b in order for c in codes]
        else:
            return canonical, "t4 header not recognised: canonical column order assumed"
    if sorted(pairs) != sorted(canonical):
        return canonical, "t4 header not recognised: canonical column order assumed"
    return pairs, ""

