"""Compilations (汇编): one file holding the annual reports of many bodies, one after another.

A report inside starts at its title, and its first section 一、总体情况 follows within a few
lines. Each 一、总体情况 heading is paired with the nearest title before it (and after the
previous heading), so a table of contents listing the titles, or a title printed again on a
cover, does not start a report; two or more such starts make the file a compilation.
"""

from __future__ import annotations

import re

from gkstudy.core.normalize import nfkc
from gkstudy.metadata.title import is_title_line

MAX_TITLE_GAP = 30  # lines between a report's title and its 一、总体情况 (preface, wrapped PDF lines)
_OVERVIEW = re.compile(r"^(?:第?一\s*[、.．:：]|1\s*[、.．])\s*总体情况.{0,20}$")


def _is_overview(line: str) -> bool:
    return bool(_OVERVIEW.match(nfkc(line).strip().replace(" ", "").replace("\u3000", "")))


def report_starts(lines: list[str]) -> list[int]:
    """Line index of each report's title, in order; fewer than two means a single report."""
    starts: list[int] = []
    previous = -1  # the previous 一、总体情况 heading
    for i, line in enumerate(lines):
        if not _is_overview(line):
            continue
        low = max(previous + 1, i - MAX_TITLE_GAP, starts[-1] + 1 if starts else 0)
        for j in range(i - 1, low - 1, -1):
            if is_title_line(lines, j):
                starts.append(_agency_above(lines, j, low))
                break
        previous = i
    return starts


def _agency_above(lines: list[str], j: int, low: int) -> int:
    """The title's first line: the body's name printed on the line above ``2023年政府信息公开…``."""
    k = j - 1
    while k >= low and not lines[k].strip():
        k -= 1
    if k >= low and is_title_line(lines, k, agency_only=True):
        return k
    return j
