"""Map tokens to table t3 (收到和处理政府信息公开申请情况): 7 applicant columns × ~25 rows.

Rows are found by their enumeration (一、 / （三） / 1.) inside the current group, and by fuzzy
label text where the enumeration is missing; columns by the header labels.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gkstudy.core import codebook, flags
from gkstudy.mapper import labels as L
from gkstudy.core.document import Token
from gkstudy.mapper.headers import leaf_order
from gkstudy.mapper.cells import (
    TableRead, collect_values, in_print_order, joined_fragments, next_nonblank, read_row,
)
from gkstudy.core.normalize import compact, split_numbering
from gkstudy.core.values import is_blank, looks_like_value
from gkstudy.mapper.thresholds import (  # under this module's own names
    HEADER_LABEL, HEADER_WINDOW, NUMBERED_LABEL, ROW_TEXT as TEXT_THRESHOLD, SUB_DOUBT,
    T3_FRAGMENT_CHARS as FRAGMENT_CHARS, T3_START as START_THRESHOLD,
)

ORG_COLS = frozenset(codebook.T3_APPLICANTS) - {"natural_person"}  # under the parent header 法人或其他组织
ROW_TOTAL, ROW_PARTS = "total", codebook.T3_APPLICANTS


@dataclass(frozen=True)
class Match:
    kind: str  # "row", "group", "results"
    row: str = ""
    group: int | None = None


def _rows_by(pred) -> list[L.T3Row]:
    return [r for r in L.t3_rows() if pred(r)]


def match_label(text: str, group: int | None, sub_follows: bool = False, value_follows: bool = False) -> Match | None:
    """Classify one label cell of t3 given the current group."""
    n = split_numbering(text)
    if n.top is not None and n.group is None:
        if n.top == 3 and (not n.text or L.similarity(n.text, L.t3_results_header()) >= NUMBERED_LABEL):
            return Match("results")
        for r in _rows_by(lambda r: r.top == n.top):
            if not n.text or L.similarity(n.text, r.text) >= NUMBERED_LABEL:
                return Match("row", r.row)
        return None
    if n.group is not None:
        return _match_group(n, sub_follows, value_follows)
    if n.sub is not None:
        if group in L.t3_groups_with_subs():
            for r in _rows_by(lambda r: r.group == group and r.sub == n.sub):
                # The group may be stale (its label broken beyond recognition); a label that reads
                # clearly as another group's row wins over the numbering alone.
                if n.text and L.similarity(n.text, r.text) < SUB_DOUBT:
                    other = _fuzzy(n.text, group, allow_other_groups=True)
                    if other is not None and other.kind == "row" and other.row != r.row:
                        return other
                return Match("row", r.row, group)
        return _fuzzy(n.text, group, allow_other_groups=True)
    return _fuzzy(n.text, group, allow_other_groups=False)


def _match_group(n, sub_follows: bool, value_follows: bool) -> Match | None:
    label = L.t3_group_labels().get(n.group)
    if label is None:
        return None
    # A group label broken over a page or cell break keeps its numbering and a prefix: （四）无 | 法提供.
    if (n.text and label not in n.text and not label.startswith(n.text)
            and L.similarity(n.text[: len(label) + 1], label) < SUB_DOUBT):
        return None
    if n.sub is not None:
        for r in _rows_by(lambda r: r.group == n.group and r.sub == n.sub):
            return Match("row", r.row, n.group)
    if n.group in L.t3_groups_with_subs():
        single = _rows_by(lambda r: r.group == n.group and r.sub is None)
        # （六）其他处理 is one row in the 2019 format and a group of three in 2021.
        if single and (value_follows or not sub_follows):
            return Match("row", single[0].row, n.group)
        return Match("group", group=n.group)
    for r in _rows_by(lambda r: r.group == n.group and r.sub is None):
        return Match("row", r.row, n.group)
    return None


def _fuzzy(text: str, group: int | None, allow_other_groups: bool) -> Match | None:
    if not text:
        return None
    best, best_score = None, 0.0
    for r in L.t3_rows():
        if r.sub is not None and r.group != group and not allow_other_groups:
            continue
        score = L.similarity(text, r.text)
        if score > best_score:
            best, best_score = r, score
    for g, lab in L.t3_group_labels().items():
        if g in L.t3_groups_with_subs() and L.similarity(text, lab) > best_score:
            best_score = L.similarity(text, lab)
            best = g
    if best_score < TEXT_THRESHOLD:
        return None
    if isinstance(best, int):
        return Match("group", group=best)
    return Match("row", best.row, best.group)


def find_start(tokens: list[Token], begin: int = 0) -> int | None:
    """Index of the first t3 row label (一、本年新收… or 二、上年结转…) that has values after it."""
    firsts = _rows_by(lambda r: r.top in (1, 2))
    for i in range(begin, len(tokens)):
        text = tokens[i].text
        if is_blank(text) or looks_like_value(text):
            continue
        n = split_numbering(text)
        label = n.text
        if n.top in (1, 2) and not label:  # "一、" in a cell of its own, label in the next
            j = next_nonblank(tokens, i + 1)
            label = split_numbering(tokens[j].text).text if j is not None else ""
        if not any(L.similarity(label, r.text) >= START_THRESHOLD for r in firsts):
            continue
        window = tokens[i + 1: i + 12]
        if any(looks_like_value(t.text) for t in window):
            return i
    return None


def read_header(tokens: list[Token], start: int) -> tuple[list[str], list[str]]:
    """Column codes in print order from the header before ``start``; plus notes."""
    labels = dict(L.col_labels("t3"))
    labels["_subtotal"] = L.SUBTOTAL
    leaves: list[tuple[str, Token]] = []
    fragments: list[Token] = []
    parent = None
    for tok in tokens[max(0, start - HEADER_WINDOW): start]:
        s = compact(tok.text)
        if not s or looks_like_value(s):
            continue
        if s == L.T3_PARENT or L.similarity(s, L.T3_PARENT) >= HEADER_LABEL:
            parent = tok
            continue
        if "第二十条" in s:  # still in table t2: drop what was collected
            leaves, fragments, parent = [], [], None
            continue
        code = L.match_col(s, labels, threshold=HEADER_LABEL)
        if code and code not in {c for c, _ in leaves}:
            leaves.append((code, tok))
        elif not code and len(s) <= FRAGMENT_CHARS:
            fragments.append(tok)
    leaves = in_print_order(leaves + joined_fragments(fragments, labels, found={c for c, _ in leaves}), tokens)
    canonical = list(L.col_labels("t3"))
    not_read = (canonical, ["t3 column header not recognised: canonical column order assumed"])
    if {c for c, _ in leaves} - {"_subtotal"} != set(canonical):
        return not_read
    order = leaf_order(leaves, parent, ORG_COLS)
    rows = [(t.grid, t.row) for _, t in leaves]
    broken = len({t.grid for _, t in leaves}) > 1  # over a page: the parts cannot be lined up
    several_a_line = 1 < len(set(rows)) < len(rows)  # read line by line (a table without rules)
    if broken or (several_a_line and [c for c in order if c != "_subtotal"] != canonical):
        # Reading order across pages or lines is no column order: the national order is used
        # where each line's own left-to-right order agrees with it, else the header is not read.
        return (canonical, []) if orders_agree(leaves, canonical) else not_read
    return [None if c == "_subtotal" else c for c in order], []


def orders_agree(leaves: list[tuple[str, Token]], canonical: list[str]) -> bool:
    """Whether, within each line of each grid, the columns read left to right follow
    ``canonical``'s order."""
    rank = {c: k for k, c in enumerate(canonical)}
    grids: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for code, tok in leaves:
        grids.setdefault((tok.grid, tok.row), []).append((tok.col, code))
    for cells in grids.values():
        ranks = [rank.get(code, -1) for _, code in sorted(cells)]
        if -1 in ranks or ranks != sorted(ranks):
            return False
    return True


def map_t3(tokens: list[Token], begin: int = 0) -> TableRead:
    result = TableRead("t3")
    start = find_start(tokens, begin)
    if start is None:
        return result
    result.found = True
    cols, notes = read_header(tokens, start)
    result.notes += notes
    assumed = bool(notes)
    units = {c: ("件", "") for c in cols if c}
    group: int | None = None
    nonblank_count: dict[str, int] = {}
    i = start
    while i < len(tokens):
        text = tokens[i].text
        if is_blank(text) or looks_like_value(text):
            i += 1
            continue
        if _ends_table(text):
            break
        m = _classify(tokens, i, group)
        if m is None:
            i += 1
            continue
        if m.kind == "results":
            group = None
            i += 1
            continue
        if m.kind == "group":
            group = m.group
            i += 1
            continue
        if m.group is not None:
            group = m.group
        printed, nxt = collect_values(
            tokens, i + 1, lambda k: _ends_table(tokens[k].text) or _classify(tokens, k, group) is not None)
        filled = sum(1 for t in printed if not is_blank(t.text))
        # A row printed twice (a label fragment, a repeated header) keeps its first full reading.
        if nonblank_count.get(m.row, 0) == 0 and (filled or m.row not in nonblank_count):
            nonblank_count[m.row] = filled
            for cell in read_row("t3", m.row, cols, printed, units, ((ROW_TOTAL, ROW_PARTS),)):
                if assumed and cell.value is not None:
                    cell = replace(cell, flag=flags.add(cell.flag, flags.HEADER_ASSUMED))
                result.cells[(cell.row, cell.col)] = cell
        i = max(nxt, i + 1)
        if m.row == "carried_out" and filled:
            break
    result.end = i
    subs6 = any(r.startswith("other.") for r, _ in result.cells)
    single6 = any(r == "other" for r, _ in result.cells)
    if subs6 and not single6:
        result.evidence["2021"] = 1
    elif single6 and not subs6:
        result.evidence["2019"] = 1
    return result


def _classify(tokens: list[Token], i: int, group: int | None) -> Match | None:
    text = tokens[i].text
    if is_blank(text) or looks_like_value(text):
        return None
    j = next_nonblank(tokens, i + 1)
    nxt = tokens[j].text if j is not None else ""
    value_follows = looks_like_value(nxt)
    sub_follows = split_numbering(nxt).sub is not None or any(
        L.similarity(split_numbering(nxt).text, r.text) >= TEXT_THRESHOLD for r in L.t3_rows() if r.sub)
    return match_label(text, group, sub_follows=sub_follows, value_follows=value_follows)


def _ends_table(text: str) -> bool:
    """The t4 header or a later section heading ends t3."""
    s = compact(text)
    blocks = L.t4_blocks()
    if any(L.similarity(s, b) >= HEADER_LABEL for b in blocks.values()) or L.similarity(s, L.t4_parent()) >= HEADER_LABEL:
        return True
    n = split_numbering(s)
    return n.top is not None and n.top >= 4 and "结转" not in s and len(s) > 6
