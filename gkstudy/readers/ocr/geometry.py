"""Page geometry: orientation (90/180/270), a phone photo's perspective, and skew (±3°).

All estimates come from the page itself: the direction text lines run in (projection profiles),
the recogniser's score upright vs upside down, and the outline of the ruled tables.
"""

from __future__ import annotations

import cv2
import numpy as np

from gkstudy.readers.ocr.lattice import ink_of, rule_masks

MAX_SKEW = 3.5  # degrees searched either way (the issue's ±3°, with a margin)
SKEW_STEP = 0.25
PROFILE_WIDTH = 800  # pixels: the projection search runs on a page shrunk to this width
# A side of the tables' outline off its rectangle by more than this share of the page is perspective.
PERSPECTIVE_MIN = 0.004
# Text runs one way must outweigh the other by this much to decide 0/90 without reading: narrow
# label columns (a few glyphs a line) make an upright table's vertical runs outweigh its horizontal
# ones up to 9 to 1 (LibreOffice's 2019 table 三).
SIDEWAYS_MARGIN = 20.0
UPRIGHT_SAMPLES = 15
READING_SAMPLES = 10  # text lines recognised to decide 0 vs 90 when the runs do not tell
SIDEWAYS_SCORE_MARGIN = 0.05  # mean score by which a page must read better turned 180°
SURE_READING = 0.8  # a line read at this score counts its glyphs when deciding 0 vs 90  # text lines the direction classifier votes on, 0 vs 180


def _small(ink: np.ndarray) -> np.ndarray:
    f = PROFILE_WIDTH / max(ink.shape)
    return cv2.resize(ink, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else ink


def _profile_score(ink: np.ndarray, angle: float) -> float:
    """How sharply the ink falls into horizontal lines after rotating by ``angle`` degrees."""
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rot = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST)
    rows = rot.sum(axis=1, dtype=np.float64)
    return float(np.var(np.diff(rows)))


def skew_of(ink: np.ndarray) -> float:
    """The rotation (degrees, counter-clockwise positive as cv2 takes it) that levels the page."""
    small = _small(ink)
    angles = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, SKEW_STEP)
    best = max(angles, key=lambda a: _profile_score(small, a))
    fine = np.arange(best - SKEW_STEP, best + SKEW_STEP + 1e-9, 0.05)
    return float(max(fine, key=lambda a: _profile_score(small, a)))


def rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _text_runs(ink: np.ndarray, kernel: tuple[int, int]) -> int:
    """Total length of the text runs (glyphs joined by ``kernel``) at least 4 times longer than thick,
    along the kernel's long side."""
    horiz, vert = rule_masks(ink)
    text = cv2.medianBlur(cv2.subtract(ink, cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8))), 3)
    joined = cv2.dilate(text, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    wide = kernel[0] > kernel[1]
    long_, short = (stats[1:, 2], stats[1:, 3]) if wide else (stats[1:, 3], stats[1:, 2])
    keep = (long_ > 4 * short) & (short >= 10)
    return int(long_[keep].sum())


def is_sideways(ink: np.ndarray) -> bool | None:
    """True when the text lines run top to bottom (a page scanned at 90 or 270 degrees, a table
    printed sideways): the glyphs join into long runs vertically rather than horizontally. None
    when the runs do not tell (narrow header cells set one glyph a line, next to the numbers)."""
    vertical, horizontal = _text_runs(ink, (3, 15)), _text_runs(ink, (15, 3))
    if vertical > SIDEWAYS_MARGIN * horizontal:
        return True
    if horizontal > SIDEWAYS_MARGIN * vertical:
        return False
    return None


def _reading_score(grey: np.ndarray, recognise) -> int:
    """How many CJK glyphs the page's widest text lines yield at a sure score, either way up.
    Glyphs, not digits: a column of digits reads as digits even turned sideways."""
    crops = line_crops(grey, ink_of(grey), READING_SAMPLES, min_ratio=2.5)
    if not crops:
        return 0
    total = 0
    for reading in (recognise(crops), recognise([cv2.rotate(c, cv2.ROTATE_180) for c in crops])):
        total = max(total, sum(sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
                               for text, score in reading if score >= SURE_READING))
    return total


def line_crops(grey: np.ndarray, ink: np.ndarray, n: int = UPRIGHT_SAMPLES, min_ratio: float = 4.0) -> list[np.ndarray]:
    """The n widest text lines of a page (ink joined along rows, at least ``min_ratio`` times wider
    than high), as grey crops."""
    horiz, vert = rule_masks(ink)
    text = cv2.subtract(ink, cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8)))
    joined = cv2.dilate(text, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 3)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    boxes = [tuple(s[:4]) for s in stats[1:] if s[2] > min_ratio * s[3] and 12 <= s[3] <= 120]
    boxes.sort(key=lambda b: -b[2])
    return [grey[y:y + h, x:x + w] for x, y, w, h in boxes[:n]]


def upright(grey: np.ndarray, upside_down, recognise) -> np.ndarray:
    """The page turned 180° when most of its widest text lines are upside down by the direction
    classifier (``upside_down``: crops -> +1 sure 180°, -1 sure upright, 0 unsure); when it is
    unsure of most (digits, one-glyph-a-line labels), when they read clearly better turned."""
    crops = line_crops(grey, ink_of(grey))
    if not crops:
        return grey
    votes = upside_down(crops)
    if sum(1 for v in votes if v > 0) * 2 > len(votes):
        return cv2.rotate(grey, cv2.ROTATE_180)
    if sum(1 for v in votes if v < 0) * 2 > len(votes):
        return grey
    ahead = recognise(crops)
    turned = recognise([cv2.rotate(c, cv2.ROTATE_180) for c in crops])
    flip = np.mean([t[1] for t in turned]) > np.mean([a[1] for a in ahead]) + SIDEWAYS_SCORE_MARGIN
    return cv2.rotate(grey, cv2.ROTATE_180) if flip else grey


def _order(quad: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s, d = quad.sum(axis=1), np.diff(quad, axis=1).ravel()
    return np.array([quad[np.argmin(s)], quad[np.argmin(d)], quad[np.argmax(s)], quad[np.argmax(d)]], np.float32)


def unwarp(grey: np.ndarray) -> np.ndarray:
    """The page with its ruled tables' outline made rectangular again (a phone photo's keystone)."""
    horiz, vert = rule_masks(ink_of(grey))
    points = cv2.findNonZero(horiz | vert)
    if points is None:
        return grey
    hull = cv2.convexHull(points)
    h, w = grey.shape
    if cv2.contourArea(hull) < 0.1 * h * w:
        return grey
    quad = None
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * cv2.arcLength(hull, True), True)
        if len(approx) == 4:
            quad = _order(approx.reshape(4, 2).astype(np.float32))
            break
    if quad is None:
        return grey
    tl, tr, br, bl = quad
    off = max(abs(tl[1] - tr[1] - (bl[1] - br[1])), abs(tl[0] - bl[0] - (tr[0] - br[0])),
              abs(np.linalg.norm(tr - tl) - np.linalg.norm(br - bl)),
              abs(np.linalg.norm(bl - tl) - np.linalg.norm(br - tr)))
    if off < PERSPECTIVE_MIN * max(h, w):
        return grey
    width = float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    x0, y0 = float(min(tl[0], bl[0])), float(min(tl[1], tr[1]))
    target = np.array([[x0, y0], [x0 + width, y0], [x0 + width, y0 + height], [x0, y0 + height]], np.float32)
    m = cv2.getPerspectiveTransform(quad, target)
    size = (int(max(w, x0 + width + 20)), int(max(h, y0 + height + 20)))
    return cv2.warpPerspective(grey, m, size, flags=cv2.INTER_LINEAR, borderValue=255)


def normalise(grey: np.ndarray, upside_down, recognise) -> np.ndarray:
    """Orientation, skew, then perspective (a rotation is not a keystone), then what skew is left.
    ``upside_down`` is the direction classifier, ``recognise`` the recogniser (crops -> text, score)."""
    sideways = is_sideways(ink_of(grey))
    if sideways is None:  # the runs do not tell: read a few lines both ways
        turned = cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE)
        sideways = _reading_score(turned, recognise) > _reading_score(grey, recognise)
    if sideways:
        grey = cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE)
    grey = upright(grey, upside_down, recognise)
    grey = level(grey)
    warped = unwarp(grey)
    return level(warped) if warped is not grey else grey


def level(grey: np.ndarray) -> np.ndarray:
    angle = skew_of(ink_of(grey))
    return rotate(grey, angle) if abs(angle) >= 0.1 else grey
