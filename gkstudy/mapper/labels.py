"""Label matching: fuzzy, numbering-aware, driven by the codebook's own labels.

Labels in real reports carry typos (其他法律行政止公开), other enumeration styles (1、 vs 1.,
（一） vs (一)), stray spaces (结 果 维 持) and breaks. We compare compacted labels with a
similarity ratio and lean on the enumeration where it exists.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from difflib import SequenceMatcher

from gkstudy.core import codebook
from gkstudy.core.normalize import compact, split_numbering
from gkstudy.mapper.thresholds import COLUMN_LABEL


# The mapper compares every cell text with every candidate label, and often the same pair
# again for the next row; memoised, label matching is several times cheaper. Bounded, so a
# worker's memory stays flat over a long batch.
@functools.lru_cache(maxsize=50_000)
def similarity(a: str, b: str) -> float:
    """0..1 similarity of two labels after compaction."""
    a, b = compact(a), compact(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def best_match(text: str, candidates: dict[str, str], threshold: float) -> tuple[str | None, float]:
    """The key of ``candidates`` (key -> label) whose label is most similar to ``text``."""
    best, score = None, 0.0
    for key, lab in candidates.items():
        s = similarity(text, lab)
        if s > score:
            best, score = key, s
    return (best, score) if score >= threshold else (None, score)


@dataclass(frozen=True)
class T3Row:
    """A t3 row label split into its enumeration: ``（三）不予公开 1.属于国家秘密`` -> group 3, sub 1."""

    row: str
    top: int | None
    group: int | None
    sub: int | None
    text: str
    group_text: str


@functools.cache
def t3_rows() -> tuple[T3Row, ...]:
    """Every t3 row of both editions (2021 first, then the 2019-only single ``other`` row)."""
    seen: dict[str, T3Row] = {}
    for edition in reversed(codebook.EDITIONS):
        for c in codebook.cells(edition, "t3"):
            if c.row in seen:
                continue
            parts = c.row_label_zh.split(" ")
            head = split_numbering(parts[0])
            if len(parts) > 1:
                tail = split_numbering(parts[1])
                seen[c.row] = T3Row(c.row, None, head.group, tail.sub, tail.text, head.text)
            elif head.group is not None:
                seen[c.row] = T3Row(c.row, None, head.group, None, head.text, head.text)
            else:
                seen[c.row] = T3Row(c.row, head.top, None, None, head.text, "")
    return tuple(seen.values())


@functools.cache
def t3_group_labels() -> dict[int, str]:
    """Group number -> label text, e.g. 3 -> 不予公开."""
    return {r.group: r.group_text for r in t3_rows() if r.group is not None}


@functools.cache
def t3_groups_with_subs() -> frozenset[int]:
    return frozenset(r.group for r in t3_rows() if r.sub is not None)


# The results header (三、本年度办理结果) has no cells, so the codebook carries it only inside
# row labels; take it from there rather than writing it again.
@functools.cache
def t3_results_header() -> str:
    lab = codebook.row_label("t3", "granted")
    return split_numbering(lab.split("（")[0]).text


# Column labels: the codebook's leaf labels, plus the parent header that spans the five
# organisation columns and a subtotal column some publishers add (read, then dropped).
T3_PARENT = "法人或其他组织"
SUBTOTAL = "小计"


@functools.cache
def col_labels(table: str) -> dict[str, str]:
    """Column code -> label for a table, across editions."""
    out: dict[str, str] = {}
    for edition in reversed(codebook.EDITIONS):
        for c in codebook.cells(edition, table):
            out.setdefault(c.col, c.col_label_zh)
    return out


def match_col(text: str, labels: dict[str, str], threshold: float = COLUMN_LABEL) -> str | None:
    s = compact(text)
    if not s:
        return None
    for key, lab in labels.items():
        if s == compact(lab):
            return key
    key, _ = best_match(s, labels, threshold)
    return key


@functools.cache
def t4_blocks() -> dict[str, str]:
    """t4 row code -> the label that heads its block (行政复议, 未经复议直接起诉, 复议后起诉)."""
    out = {}
    for c in codebook.cells("2021", "t4"):
        out.setdefault(c.row, c.row_label_zh.split(" ")[-1])
    return out


@functools.cache
def t4_parent() -> str:
    """The header that spans both lawsuit blocks (行政诉讼)."""
    return codebook.row_label("t4", "suit_direct").split(" ")[0]
