"""Page images -> a Document: ruled tables read cell by cell, first and last pages read whole for
the title, agency and date. Every table cell becomes a token flagged ``ocr`` with its score."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import cv2
import numpy as np

from gkstudy.core import flags
from gkstudy.core.document import Document, ReportError, Token, grids_to_tokens
from gkstudy.readers.ocr.cells import read_cells
from gkstudy.readers.ocr.engine import detect_lines, recognise_lines, upside_down_votes
from gkstudy.readers.ocr.geometry import normalise
from gkstudy.readers.ocr.images import glyph_height, resample, suppress_red
from gkstudy.readers.ocr.lattice import ink_of, lattices_of, rule_masks
from gkstudy.readers.ocr.numbers import numeric_text
from gkstudy.readers.pdf.grid import PageGrid, join_split_rows

# Below this recogniser score a value keeps the doubt flag ``ocr_low_confidence``: measured by
# bench/bench_ocr.py, no wrong digit scored above it on the degraded scans of the test reports.
LOW_CONFIDENCE = 0.9
# Lattices with fewer cells than this are frames or boxed notes, not one of the report's tables.
MIN_TABLE_CELLS = 6
# Narrative pages are read at this size (longest side): enough for titles and dates ...
DETECT_SIDE = 1400
# ... and only the part that holds them: the first page's top (title, agency), the last page's
# bottom (agency, date). The share of the page height read:
FIRST_PAGE_TOP, LAST_PAGE_BOTTOM = 0.45, 0.5
_SCORE = "\x1e"  # the cell's score rides in its text until rows broken over pages are joined


@dataclass
class OcrReading:
    grids: list[PageGrid] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    table_pages: list[int] = field(default_factory=list)


def prepared_page(rgb: np.ndarray) -> np.ndarray:
    """Grey, red suppressed, upright, unwarped, level, resampled page."""
    grey = suppress_red(rgb) if rgb.ndim == 3 else rgb
    grey = resample(grey, ink_of)
    return normalise(grey, upside_down_votes, recognise_lines)


def page_grids(grey: np.ndarray, page: int) -> list[PageGrid]:
    """The ruled tables of one prepared page, each cell's text carrying its score."""
    ink = ink_of(grey)
    glyph = glyph_height(ink)
    lattices = [lat for lat in lattices_of(ink, glyph) if len(set(lat.roots.values())) >= MIN_TABLE_CELLS]
    if not lattices:
        return []
    horiz, vert = rule_masks(ink, glyph)
    text_ink = cv2.subtract(ink, cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8)))
    grids = []
    for lat in lattices:
        spans = lat.spans()
        keys = sorted(spans)
        read = dict(zip(keys, read_cells(grey, text_ink, [spans[k] for k in keys])))
        rows, cols = len(lat.ys) - 1, len(lat.xs) - 1
        cells: list[list[str | None]] = [[None] * cols for _ in range(rows)]
        boxes: list[list] = [[None] * cols for _ in range(rows)]
        for (r, c), (text, score) in read.items():
            cells[r][c] = text + _SCORE + ("-" if score is None else f"{score:.4f}")
            boxes[r][c] = tuple(float(v) for v in spans[(r, c)])
        grids.append(PageGrid(page, float(lat.box[1]), cells, boxes))
    return grids


def page_text(grey: np.ndarray, top: float = 0.0, bottom: float = 1.0) -> list[str]:
    """The words of a page between the shares ``top`` and ``bottom`` of its height, lines top to bottom."""
    h = grey.shape[0]
    grey = grey[int(h * top):int(h * bottom)]
    f = min(1.0, DETECT_SIDE / max(grey.shape))
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    found = detect_lines(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    found.sort(key=lambda b: (b[0][0][1] + b[0][2][1]) / 2)
    lines: list[list] = []
    for box, text, _score in found:
        y = (box[0][1] + box[2][1]) / 2
        if lines and abs(lines[-1][0] - y) < (box[2][1] - box[0][1]) * 0.5:
            lines[-1][1].append((box[0][0], text))
        else:
            lines.append([y, [(box[0][0], text)]])
    return ["".join(t for _, t in sorted(parts)) for _, parts in lines]


def read_pages(images: list[np.ndarray], numbers: list[int] | None = None,
               whole_pages: tuple[int, ...] = (0, -1), page_count: int | None = None) -> OcrReading:
    """OCR of page images (their page numbers, 1… when None); ``whole_pages`` are the indexes of
    pages read whole when they hold no table. Given ``page_count`` (the file's pages, of which
    ``images`` are some: one part of a file split over workers), the file's own first and last
    pages are those read whole instead, so the parts joined in page order equal the whole."""
    out = OcrReading()
    numbers = numbers or list(range(1, len(images) + 1))
    if page_count is None:
        whole = {i % len(images) for i in whole_pages} if images else set()
        firsts, lasts = {0}, {len(images) - 1}
    else:
        whole = {i for i, n in enumerate(numbers) if n in (1, page_count)}
        firsts, lasts = {i for i in whole if numbers[i] == 1}, {i for i in whole if numbers[i] == page_count}
    texts: dict[int, list[str]] = {}
    for i, rgb in enumerate(images):
        grey = prepared_page(rgb)
        grids = page_grids(grey, numbers[i])
        if grids:
            out.grids += grids
            out.table_pages.append(numbers[i])
            texts[i] = [_row_text(row) for g in grids for row in g.cells]
        elif i in whole:
            first, last = i in firsts, i in lasts
            # A one-page file is read whole: it is both the first and the last page.
            top = 0.0 if first else 1 - LAST_PAGE_BOTTOM
            bottom = FIRST_PAGE_TOP if first and not last else 1.0
            texts[i] = page_text(grey, top, bottom)
    out.lines = [line for i in sorted(texts) for line in texts[i]]
    return out


def _row_text(row: list[str | None]) -> str:
    return " ".join(t for t in (_plain(c) for c in row if c) if t)


def _plain(cell: str) -> str:
    return re.sub(_SCORE + r"(?:-|[\d.]+)", "", cell)


def _score(cell: str) -> float | None:
    scores = [float(s) for s in re.findall(_SCORE + r"([\d.]+)", cell)]
    return min(scores) if scores else None


def reading_to_tokens(reading: OcrReading, first_grid: int = 0) -> list[Token]:
    """Tokens of the OCR'd grids (rows broken over a page joined), each flagged ``ocr``."""
    grids = join_split_rows(reading.grids)
    tokens = grids_to_tokens([g.cells for g in grids], [g.page for g in grids], first_grid=first_grid,
                             collapse_repeats=False)
    return [ocr_token(t) for t in tokens]


def ocr_token(tok: Token) -> Token:
    score = _score(tok.text)
    text = numeric_text(_plain(tok.text))
    flag = flags.OCR
    if score is not None and score < LOW_CONFIDENCE:
        flag = flags.add(flag, flags.OCR_LOW_CONFIDENCE)
    return replace(tok, text=text, flag=flag, score=score)


def ocr_document(path: str, fmt: str, images: list[np.ndarray]) -> Document:
    """A Document read wholly from page images (a scanned PDF, an image file)."""
    return reading_to_document(path, fmt, read_pages(images), len(images))


def join_readings(parts: list[OcrReading]) -> OcrReading:
    """The readings of consecutive page ranges of one file, given in page order, as one reading."""
    out = OcrReading()
    for part in parts:
        out.grids += part.grids
        out.lines += part.lines
        out.table_pages += part.table_pages
    return out


def reading_to_document(path: str, fmt: str, reading: OcrReading, pages: int) -> Document:
    """The Document of a file of ``pages`` pages read wholly by OCR."""
    if not reading.grids and not any(line.strip() for line in reading.lines):
        what = "scanned PDF: no text layer" if fmt == "pdf" else "image file"
        raise ReportError("needs_ocr", f"{what}; OCR read no text and no ruled table on the page images")
    doc = Document(path=path, format=fmt, lines=reading.lines, pages=pages,
                   tokens=reading_to_tokens(reading))
    if not reading.grids:
        doc.pictures = list(range(1, pages + 1))
        doc.notes.append(NO_RULED_TABLE)
    return doc


NO_RULED_TABLE = "OCR found no ruled table in the page images (tables without rules are not read from images)"
