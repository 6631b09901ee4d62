"""Cell crops -> text and score: the crop's ink split into text lines, each line recognised.

Every cell with ink is recognised from its own crop (no page-wide text detection that could miss a
lone "0"); a crop with no ink is an empty cell, with no call to the recogniser. A cell's score is
its worst line's.
"""

from __future__ import annotations

import cv2
import numpy as np

from gkstudy.readers.ocr.engine import recognise_lines

# A crop with fewer inked pixels than this is empty (specks of scan noise survive the median).
MIN_INK = 12
# Rows of a crop with fewer inked pixels than this separate two text lines.
LINE_GAP_INK = 1
# Pixels kept around a text line: the recogniser reads glyphs cut at the edge badly.
PAD = 6
INSET = 4  # pixels of a cell's edge dropped: what is left of its rules after deskewing


def text_lines_of(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the text lines inside one cell's ink mask, top to bottom."""
    clean = cv2.medianBlur(ink, 3)
    rows = (clean > 0).sum(axis=1)
    lines = []
    start = None
    for y, n in enumerate(list(rows) + [0]):
        if n >= LINE_GAP_INK and start is None:
            start = y
        elif n < LINE_GAP_INK and start is not None:
            if y - start >= 4:
                lines.append((start, y))
            start = None
    out = []
    for y0, y1 in lines:
        cols = np.flatnonzero((clean[y0:y1] > 0).sum(axis=0))
        if cols.size and (clean[y0:y1] > 0).sum() >= MIN_INK:
            out.append((int(cols[0]), y0, int(cols[-1]) + 1, y1))
    return _merge_thin(out)


def _merge_thin(lines: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """A 'line' much thinner than its neighbours is a part of a glyph (the dots of 二, a comma):
    it joins the nearer neighbour."""
    if len(lines) < 2:
        return lines
    height = max(b[3] - b[1] for b in lines)
    out: list[list[int]] = []
    for b in lines:
        if out and (b[3] - b[1] < height * 0.45 or out[-1][3] - out[-1][1] < height * 0.45) and \
                b[1] - out[-1][3] < height * 0.35:
            o = out[-1]
            out[-1] = [min(o[0], b[0]), o[1], max(o[2], b[2]), b[3]]
        else:
            out.append(list(b))
    return [tuple(b) for b in out]


def crop_lines(grey: np.ndarray, ink: np.ndarray, box) -> list[np.ndarray]:
    """The line images of one cell (grey, padded with white), [] for an empty cell."""
    x0, y0, x1, y1 = box
    x0, y0, x1, y1 = x0 + INSET, y0 + INSET, x1 - INSET, y1 - INSET
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    out = []
    for lx0, ly0, lx1, ly1 in text_lines_of(ink[y0:y1, x0:x1]):
        crop = grey[y0 + ly0:y0 + ly1, x0 + lx0:x0 + lx1]
        out.append(cv2.copyMakeBorder(crop, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255))
    return out


def read_cells(grey: np.ndarray, ink: np.ndarray, boxes: list) -> list[tuple[str, float | None]]:
    """(text, score) of each cell box; score None for an empty cell."""
    crops = [crop_lines(grey, ink, b) for b in boxes]
    flat = [im for lines in crops for im in lines]
    results = iter(recognise_lines(flat))
    out: list[tuple[str, float | None]] = []
    for lines in crops:
        read = [next(results) for _ in lines]
        if not read:
            out.append(("", None))
            continue
        out.append(("".join(t for t, _ in read), min(s for _, s in read)))
    return out
