"""Image bytes -> page images (grey uint8 arrays), normalised for the lattice and the recogniser.

Normalising: red suppressed (a seal stamped over numbers), orientation fixed (90/180/270), skew
(±3°) and a phone photo's slight perspective removed, and small text resampled up.
"""

from __future__ import annotations

import io

import cv2
import numpy as np

# Page pictures larger than this (pixels) are refused: a decompression bomb, not a scan.
MAX_PIXELS = 80_000_000
# Median height of a glyph the recogniser reads best at; 10.5 pt text at 200 dpi is about 29 px.
GLYPH_HEIGHT = 28
# Resample only when the glyphs are this far off: a small change is not worth the blur.
RESAMPLE_BELOW, RESAMPLE_ABOVE = 0.75, 1.8


def decode_pages(data: bytes, pages: list[int] | None = None) -> list[np.ndarray]:
    """Every frame of an image file (multi-page TIFF included) as an RGB array; only the frames
    ``pages`` (1-based) when given."""
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(io.BytesIO(data)) as im:
        if pages is None:
            return [np.array(frame.convert("RGB")) for frame in ImageSequence.Iterator(im)]
        out = []
        for n in pages:
            im.seek(n - 1)
            out.append(np.array(im.convert("RGB")))
        return out


def frame_count(data: bytes) -> int:
    """Frames (pages) of an image file, without decoding them."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(io.BytesIO(data)) as im:
        return getattr(im, "n_frames", 1)


def suppress_red(rgb: np.ndarray) -> np.ndarray:
    """Grey page with red ink (seals, red headers) turned to paper: digits under a seal stay black."""
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    red = (r - np.maximum(g, b) > 40) & (r > 110)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if red.any():
        # The seal's red mixed with black print stays dark in every channel: keep the darkest one
        # outside the red, and paper inside it unless the pixel is dark in the red channel too.
        grey = grey.copy()
        grey[red & (r > 150)] = 255
        grey[red & (r <= 150)] = np.minimum(r, 255)[red & (r <= 150)].astype(np.uint8)
    return grey


def glyph_height(ink: np.ndarray) -> float | None:
    """Median height of the connected components that look like glyphs (not rules, not specks)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    hs = stats[1:, cv2.CC_STAT_HEIGHT]
    ws = stats[1:, cv2.CC_STAT_WIDTH]
    keep = (hs >= 6) & (hs <= 200) & (ws <= 3 * hs) & (ws >= 2)
    return float(np.median(hs[keep])) if keep.sum() >= 20 else None


def resample(grey: np.ndarray, ink_of) -> np.ndarray:
    """The page scaled so that its glyphs are about GLYPH_HEIGHT tall (small scans, screenshots)."""
    h = glyph_height(ink_of(grey))
    if h is None:
        return grey
    factor = GLYPH_HEIGHT / h
    if RESAMPLE_BELOW <= factor <= RESAMPLE_ABOVE:
        return grey
    factor = min(factor, 4.0)
    interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interp)
