"""Map tokens to table t2 (主动公开政府信息情况): small blocks keyed by 《条例》第二十条 items.

Each block prints 第二十条第（X）项, a header row (信息内容 + column labels) and one or two rows.
The column labels tell the edition: 本年新制作数量 (2019) vs 本年制发件数 (2021).
"""

from __future__ import annotations

import functools
import re

from gkstudy.core import codebook
from gkstudy.mapper import labels as L
from gkstudy.core.document import Token
from gkstudy.mapper.headers import leaf_order
from gkstudy.mapper.cells import TableRead, collect_values, read_row
from gkstudy.core.normalize import compact, split_numbering
from gkstudy.core.values import looks_like_value
from gkstudy.mapper.thresholds import NUMBERED_LABEL as ROW_THRESHOLD, ROW_TEXT as COL_THRESHOLD

_BLOCK = re.compile(r"第二十条第\(?([一二三四五六七八九十]{1,2})\)?项")
_STATED_UNIT = re.compile(r"(万元|元)")


@functools.cache
def block_specs() -> dict[str, dict]:
    """Block numeral -> {rows: {code: label}, cols: {code: {edition: label}}, prefix: row prefix}."""
    out: dict[str, dict] = {}
    for edition in codebook.EDITIONS:
        for c in codebook.cells(edition, "t2"):
            head, row_text = c.row_label_zh.split(" ", 1)
            numeral = _BLOCK.search(compact(head)).group(1)
            spec = out.setdefault(numeral, {"rows": {}, "cols": {}})
            spec["rows"].setdefault(f"{c.row}@{edition}", row_text)
            spec["cols"].setdefault(c.col, {})[edition] = c.col_label_zh
    return out


def _col_candidates(numeral: str) -> dict[str, str]:
    """Column key ``code@edition`` -> label, for a block."""
    return {f"{code}@{ed}": lab for code, eds in block_specs()[numeral]["cols"].items() for ed, lab in eds.items()}


def map_t2(tokens: list[Token], end: int | None = None) -> TableRead:
    result = TableRead("t2")
    end = len(tokens) if end is None else end
    marks = [(i, _BLOCK.search(compact(tokens[i].text))) for i in range(end)]
    marks = [(i, m.group(1)) for i, m in marks if m and m.group(1) in block_specs()]
    if not marks or marks[0][1] != FIRST_BLOCK:
        headless = _headless_first_block(tokens, marks[0][0] if marks else end)
        if headless is not None:
            marks.insert(0, (headless, FIRST_BLOCK))
    for k, (i, numeral) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else min(end, i + 60)
        _map_block(tokens, i + 1, stop, numeral, result)
    result.found = bool(result.cells)
    return result


FIRST_BLOCK = "一"


def _headless_first_block(tokens: list[Token], stop: int) -> int | None:
    """Where block 第二十条第（一）项 starts when its title row is missing (left alone at the foot
    of the page before, or not printed): just before the first of its own column labels
    (本年制发件数 / 本年新制作数量 name no other block) ahead of the first block title found."""
    cands = _col_candidates(FIRST_BLOCK)
    others = {lab for numeral in block_specs() if numeral != FIRST_BLOCK for lab in _col_candidates(numeral).values()}
    own = {key: lab for key, lab in cands.items() if lab not in others}
    for i in range(stop):
        s = compact(tokens[i].text)
        if s and not looks_like_value(s) and L.best_match(s, own, COL_THRESHOLD)[0]:
            return i - 1
    return None


def _map_block(tokens: list[Token], begin: int, stop: int, numeral: str, result: TableRead) -> None:
    spec = block_specs()[numeral]
    col_cands = _col_candidates(numeral)
    leaves: list[tuple[str, Token]] = []
    stated: dict[str, str] = {}
    def row_key_at(k: int) -> str | None:
        s = compact(tokens[k].text)
        if not s or looks_like_value(s):
            return None
        return L.best_match(split_numbering(s).text, spec["rows"], ROW_THRESHOLD)[0]

    i = begin
    while i < stop:
        s = compact(tokens[i].text)
        if not s or looks_like_value(s):
            i += 1
            continue
        if row_key_at(i):
            break
        col_key, _ = L.best_match(s, col_cands, COL_THRESHOLD)
        if col_key and col_key not in {k for k, _ in leaves}:
            leaves.append((col_key, tokens[i]))
            unit = _STATED_UNIT.search(s)
            if unit:
                stated[col_key.split("@")[0]] = unit.group(1)
        i += 1
    if not leaves:
        result.notes.append(f"t2 block 第二十条第（{numeral}）项: column header not recognised")
        return
    keys = leaf_order(leaves)
    for key in keys:
        ed = key.split("@")[1]
        result.evidence[ed] = result.evidence.get(ed, 0) + 1
    cols = [k.split("@")[0] for k in keys]
    units = {}
    for col in cols:
        found = codebook.any_edition_cell("t2", _any_row(numeral, col), col)
        units[col] = (found.unit if found else "件", stated.get(col, ""))
    while i < stop:
        row_key = row_key_at(i)
        if not row_key:
            i += 1
            continue
        row = row_key.split("@")[0]
        printed, nxt = collect_values(tokens, i + 1, lambda k: bool(row_key_at(k)))
        for cell in read_row("t2", row, cols, printed, units):
            if (row, cell.col) not in result.cells:
                result.cells[(row, cell.col)] = cell
        i = max(nxt, i + 1)


def _any_row(numeral: str, col: str) -> str:
    for key in block_specs()[numeral]["rows"]:
        row, ed = key.split("@")
        if codebook.cell(ed, "t2", row, col):
            return row
    return ""
