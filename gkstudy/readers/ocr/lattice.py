"""Ruling lines of a page image -> table grids of cell boxes (merged cells found by missing rules).

Works on a binarised, deskewed page (ink = 255). Boxes are (x0, y0, x1, y1) in pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# A rule runs at least this many glyph heights in one piece: longer than the strokes of two
# neighbouring glyphs joined (一一 is about 2 glyphs), shorter than the narrowest cell's side.
RULE_GLYPHS_H = 2.5
RULE_GLYPHS_V = 2.3
DEFAULT_GLYPH = 28  # pixels, when a page has too few glyphs to measure (see images.GLYPH_HEIGHT)
# Rules closer than this (pixels at the working resolution) are one rule drawn thick or doubled.
MERGE_GAP = 8
# A rule separates two neighbouring cells when it is inked along this share of their common side.
SEPARATES = 0.6
MIN_TABLE_CELLS = 4

Box = tuple[int, int, int, int]


@dataclass
class Lattice:
    box: Box  # the table's extent on the page
    ys: list[int]  # row rules, top to bottom
    xs: list[int]  # column rules, left to right
    roots: dict[tuple[int, int], tuple[int, int]]  # grid cell -> top-left cell of its merged span

    def spans(self) -> dict[tuple[int, int], Box]:
        """Each merged cell's top-left grid position -> its box."""
        out: dict[tuple[int, int], list[int]] = {}
        for (r, c), root in self.roots.items():
            b = out.setdefault(root, [self.xs[c], self.ys[r], self.xs[c + 1], self.ys[r + 1]])
            b[0], b[1] = min(b[0], self.xs[c]), min(b[1], self.ys[r])
            b[2], b[3] = max(b[2], self.xs[c + 1]), max(b[3], self.ys[r + 1])
        return {k: tuple(v) for k, v in out.items()}


def ink_of(grey: np.ndarray) -> np.ndarray:
    """Binarised page, ink 255: adaptive, so uneven light of a photo or a grey scan still works."""
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def rule_masks(ink: np.ndarray, glyph: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal rules, vertical rules) as masks: ink that runs long in one direction."""
    glyph = glyph or DEFAULT_GLYPH
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, int(glyph * RULE_GLYPHS_H)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, int(glyph * RULE_GLYPHS_V))))
    # Close small gaps first: a faint scan breaks rules into dashes.
    horiz = cv2.morphologyEx(cv2.dilate(ink, np.ones((1, 3), np.uint8)), cv2.MORPH_OPEN, hk)
    vert = cv2.morphologyEx(cv2.dilate(ink, np.ones((3, 1), np.uint8)), cv2.MORPH_OPEN, vk)
    return horiz, vert


def _positions(profile: np.ndarray, min_len: float) -> list[int]:
    """Centres of runs where the profile (inked pixels per line) reaches min_len."""
    idx = np.flatnonzero(profile >= min_len)
    out: list[list[int]] = []
    for i in idx:
        if out and i - out[-1][-1] <= MERGE_GAP:
            out[-1].append(int(i))
        else:
            out.append([int(i)])
    return [(g[0] + g[-1]) // 2 for g in out]


def lattices_of(ink: np.ndarray, glyph: float | None = None) -> list[Lattice]:
    """Every ruled table on the page, top to bottom."""
    horiz, vert = rule_masks(ink, glyph)
    frame = cv2.dilate(horiz | vert, np.ones((5, 5), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(frame, connectivity=8)
    h, w = ink.shape
    out = []
    for k in range(1, n):
        x, y, bw, bh, _ = stats[k]
        if bw < w * 0.2 or bh < h * 0.03:
            continue
        lat = _lattice(horiz[y:y + bh, x:x + bw], vert[y:y + bh, x:x + bw], (x, y))
        if lat is not None:
            out.append(lat)
    return sorted(out, key=lambda t: t.box[1])


def _lattice(horiz: np.ndarray, vert: np.ndarray, origin: tuple[int, int]) -> Lattice | None:
    bh, bw = horiz.shape
    min_cell = max(12, int(min(bh, bw) * 0.01))
    ys = _positions((horiz > 0).sum(axis=1), max(min_cell, bw * 0.03))
    xs = _positions((vert > 0).sum(axis=0), max(min_cell, bh * 0.03))
    if len(ys) < 2 or len(xs) < 2 or (len(ys) - 1) * (len(xs) - 1) < MIN_TABLE_CELLS:
        return None
    hd = cv2.dilate(horiz, np.ones((7, 1), np.uint8))  # a residual skew moves a rule by a pixel or two
    vd = cv2.dilate(vert, np.ones((1, 7), np.uint8))
    parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def join(a, b):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(len(ys) - 1):
        y0, y1 = ys[r] + 3, ys[r + 1] - 3
        for c in range(1, len(xs) - 1):
            if y1 > y0 and (vd[y0:y1, xs[c]] > 0).mean() < SEPARATES:
                join((r, c - 1), (r, c))
    for c in range(len(xs) - 1):
        x0, x1 = xs[c] + 3, xs[c + 1] - 3
        for r in range(1, len(ys) - 1):
            if x1 > x0 and (hd[ys[r], x0:x1] > 0).mean() < SEPARATES:
                join((r - 1, c), (r, c))
    ox, oy = origin
    roots = {k: root(k) for k in parent}
    return _compact(Lattice((ox, oy, ox + bw, oy + bh), [y + oy for y in ys], [x + ox for x in xs], roots))


def _compact(lat: Lattice) -> Lattice:
    """The lattice without rules that separate no two cells (a stroke of a glyph taken for a rule,
    or a rule that only runs inside merged cells)."""
    rows, cols = len(lat.ys) - 1, len(lat.xs) - 1
    keep_y = [0] + [r for r in range(1, rows) if any(lat.roots[(r, c)] != lat.roots[(r - 1, c)] for c in range(cols))]
    keep_x = [0] + [c for c in range(1, cols) if any(lat.roots[(r, c)] != lat.roots[(r, c - 1)] for r in range(rows))]
    if len(keep_y) == rows and len(keep_x) == cols:
        return lat
    row_of = {r: sum(1 for k in keep_y if k <= r) - 1 for r in range(rows)}
    col_of = {c: sum(1 for k in keep_x if k <= c) - 1 for c in range(cols)}
    roots = {}
    for (r, c), (rr, rc) in lat.roots.items():
        roots[(row_of[r], col_of[c])] = (row_of[rr], col_of[rc])
    ys = [lat.ys[r] for r in keep_y] + [lat.ys[-1]]
    xs = [lat.xs[c] for c in keep_x] + [lat.xs[-1]]
    return Lattice(lat.box, ys, xs, roots)
