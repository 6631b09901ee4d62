"""A compilation's document cut into one document per report inside it.

The text is cut at each report's title (found by :mod:`gkstudy.metadata.compilation`); the table
cells are cut by their content, since only PDFs tie a cell to a place in the text: each report's
table 三 is found in turn, and the cells after its table 四 (or, without one, from its next table
二 on) belong to the next report. The cut is made only when the text and the cells hold the same
number of reports (and, in a PDF, each report's table 三 lies on the pages of its text);
otherwise the file is read as one report with a note saying why. In a text file, where a cell is
a line, each report's cells are read from its own lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from gkstudy.core.document import Document, Token
from gkstudy.core.normalize import compact
from gkstudy.mapper.t3 import find_start, map_t3
from gkstudy.mapper.t4 import map_t4

T2_MARK = "第二十条"


@dataclass
class Part:
    number: int  # 1-based, in reading order
    doc: Document
    pages: str  # "3-7" (PDFs), else ""


def t3_starts(tokens: list[Token]) -> list[int]:
    out, begin = [], 0
    while (start := find_start(tokens, begin)) is not None:
        out.append(start)
        begin = max(map_t3(tokens, start).end, start + 1)
    return out


def _cuts(tokens: list[Token], starts: list[int]) -> list[int]:
    """Token index where each report after the first begins."""
    cuts = []
    for k in range(len(starts) - 1):
        end = max(map_t3(tokens, starts[k]).end, starts[k] + 1)
        t4 = map_t4(tokens, end)
        if t4.found and t4.end <= starts[k + 1]:
            cut = t4.end
        else:
            cut = next((i for i in range(end, starts[k + 1]) if T2_MARK in compact(tokens[i].text)), end)
        cuts.append(cut)
    return cuts


_FURNITURE = re.compile(r"^[\s\-—–_·.第页共/\d]*$")  # blank lines and page numbers (- 1 -, 第 2 页)


def _pages(doc: Document, first: int, end: int) -> tuple[int, int] | None:
    """First and last page of lines ``first``…``end - 1``; a page number left at the top of the
    next report's first page is not a page of this one."""
    if len(doc.line_pages) != len(doc.lines) or not doc.lines:
        return None
    last = end - 1
    while last > first and _FURNITURE.match(doc.lines[last]):
        last -= 1
    return doc.line_pages[first], doc.line_pages[last]


def split_parts(doc: Document, line_starts: list[int],
                tokens_of_lines: Callable[[list[str]], list[Token]] | None = None) -> tuple[list[Part], str]:
    """The reports of a compilation (an empty list when it cannot be cut) and a note why not.

    ``tokens_of_lines`` is given for formats whose cells are their lines (text files): each part's
    cells are then read from its own lines, as if it were a file of its own."""
    if tokens_of_lines is not None:
        bounds = [*line_starts[1:], len(doc.lines)]
        return [Part(k + 1, replace(doc, lines=doc.lines[first:end], tokens=tokens_of_lines(doc.lines[first:end]),
                                    notes=list(doc.notes), line_pages=[], pictures=[]), "")
                for k, (first, end) in enumerate(zip(line_starts, bounds))], ""
    starts = t3_starts(doc.tokens)
    if len(starts) != len(line_starts):
        return [], (f"holds {len(line_starts)} report titles but {len(starts)} tables 三: read as one report")
    cuts = [0, *_cuts(doc.tokens, starts), len(doc.tokens)]
    bounds = [*line_starts[1:], len(doc.lines)]
    parts = []
    for k, first in enumerate(line_starts):
        tokens = doc.tokens[cuts[k]:cuts[k + 1]]
        span = _pages(doc, first, bounds[k])
        if span and any(t.page is not None and not span[0] <= t.page <= span[1]
                        for t in tokens[starts[k] - cuts[k]:starts[k] - cuts[k] + 1]):
            return [], f"report {k + 1}'s table 三 is not on its pages: read as one report"
        sub = replace(doc, lines=doc.lines[first:bounds[k]], tokens=tokens, notes=list(doc.notes),
                      line_pages=doc.line_pages[first:bounds[k]],
                      pictures=[p for p in doc.pictures if span and span[0] <= p <= span[1]] if span else [])
        parts.append(Part(k + 1, sub, f"{span[0]}-{span[1]}" if span else ""))
    return parts, ""
