"""Compare two readers' grids cell by cell, by position on the page.

Where both read a number in the same place and the texts differ, the cell is flagged
``readers_disagree`` with the other reading kept; neither is picked silently.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from gkstudy.core.values import looks_like_value
from gkstudy.readers.pdf.grid import Box, PageGrid
from gkstudy.readers.thresholds import MIN_OVERLAP



@dataclass(frozen=True)
class Disagreement:
    grid: int  # index into the primary grids
    row: int
    col: int
    other: str


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller if smaller > 0 else 0.0


def _numeric(text: str | None) -> bool:
    return bool(text) and looks_like_value(text) and any(ch.isdigit() for ch in text)


def _same(a: str, b: str) -> bool:
    return a.replace(",", "").replace(" ", "") == b.replace(",", "").replace(" ", "")


def cross_check(primary: list[PageGrid], secondary: list[PageGrid]) -> list[Disagreement]:
    others: dict[int, list[tuple[Box, str]]] = {}
    for g in secondary:
        for row_text, row_box in zip(g.cells, g.boxes):
            for text, box in zip(row_text, row_box):
                if text is not None and box is not None:
                    others.setdefault(g.page, []).append((box, text))
    # Candidates by row band: a cell only meets the other reader's cells that overlap it
    # vertically, not every cell of the page.
    bands = {page: sorted(cells, key=lambda ob: ob[0][1]) for page, cells in others.items()}
    tops = {page: [ob[0][1] for ob in cells] for page, cells in bands.items()}
    out: list[Disagreement] = []
    for k, g in enumerate(primary):
        page_cells, page_tops = bands.get(g.page, []), tops.get(g.page, [])
        for r, (row_text, row_box) in enumerate(zip(g.cells, g.boxes)):
            for c, (text, box) in enumerate(zip(row_text, row_box)):
                if box is None or not (_numeric(text) or text == ""):
                    continue
                candidates = [ob for ob in page_cells[:bisect.bisect_left(page_tops, box[3])] if ob[0][3] > box[1]]
                match = max(candidates, key=lambda ob: _overlap(box, ob[0]), default=None)
                if match is None or _overlap(box, match[0]) < MIN_OVERLAP:
                    continue
                other = match[1]
                if not (_numeric(text) or _numeric(other)):
                    continue
                if not _same(text, other):
                    out.append(Disagreement(k, r, c, other))
    return out
