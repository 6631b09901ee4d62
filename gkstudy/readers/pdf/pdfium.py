"""pdfium grids: ruled tables from pdfium's C++ parse of the page (path objects, text layer), a
cross-check of camelot independent of it, at a tenth of the cost of pdfplumber's pure-Python parse.
Returns what plumber_grids returns. Rules are the visible straight segments the paths draw, tables
the groups of crossing rules, cells the regions of a table's grid that rules enclose."""

from __future__ import annotations

import bisect
import ctypes
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gkstudy.core import stage

from gkstudy.readers.pdf.grid import Box, PageGrid, cell_text, join_roots, root_of

MIN_TABLE_ROWS = 2
TOL = 3.0  # pdfplumber's snap, join and intersection tolerances, in points
MAX_FORM_DEPTH = 15  # nested form XObjects followed, as pypdfium2's get_objects does
SPACE_GAP = 0.5  # a gap wider than this share of the glyph height separates two words

Matrix = tuple[float, float, float, float, float, float]


class Rule(NamedTuple):
    at: float  # y of a horizontal rule, x of a vertical one (points from the top-left corner)
    lo: float
    hi: float


def pdfium_grids(data: bytes, pages: list[int]) -> list[PageGrid]:
    grids: list[PageGrid] = []
    with pdfium.PdfDocument(data) as pdf:
        for number in pages:
            stage.note(f"reading the table rules of page {number}")
            page = pdf[number - 1]
            grids += [g for g in page_grids(page, number) if is_table(g)]
            page.close()
    return sorted(grids, key=lambda g: (g.page, g.top))


def display_matrix(page: pdfium.PdfPage) -> Matrix:
    """PDF space -> points from the top-left corner of the page as displayed, /Rotate applied
    (the space camelot and pdfplumber report boxes in)."""
    x0, y0, x1, y1 = page.get_mediabox()
    return {0: (1.0, 0.0, 0.0, -1.0, -x0, y1), 90: (0.0, 1.0, 1.0, 0.0, -y0, -x0),
            180: (-1.0, 0.0, 0.0, 1.0, x1, -y0), 270: (0.0, -1.0, -1.0, 0.0, y1, x1)}[page.get_rotation() % 360]


def is_table(grid: PageGrid) -> bool:
    """Two rows or more; or one row of several cells (the last row of a table broken onto the
    next page). One boxed cell alone is a shaded title or a frame, not a table."""
    return len(grid.cells) >= MIN_TABLE_ROWS or (
        len(grid.cells) == 1 and sum(1 for t in grid.cells[0] if t is not None) >= 2)


def page_grids(page: pdfium.PdfPage, number: int) -> list[PageGrid]:
    flip = display_matrix(page)
    tables = [t for t in (Table(h, v) for h, v in tables_of_rules(*page_rules(page, flip))) if t.roots]
    if tables:  # the text layer is only worth building for a page with tables
        textpage = page.get_textpage()
        for x, y, ch in page_chars(textpage, flip):
            any(t.add_char(x, y, ch) for t in tables)  # the first table holding it takes it
        textpage.close()
    return [t.grid(number) for t in tables]


def _concat(m: Matrix, n: Matrix) -> Matrix:  # m, then n
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(raw) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(raw, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def path_objects(page: pdfium.PdfPage, flip: Matrix):
    """(raw path, its matrix to top-left page space), paths in form XObjects included: theirs is
    relative to the form's, the form's to its parent's. Raw calls, as get_objects wraps every
    object (text too) in a helper, which costs more than all the rest of the reading."""
    def walk(count, get, parent, outer: Matrix, depth: int):
        for i in range(count(parent)):
            obj = get(parent, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj, _concat(_matrix(obj), outer)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                yield from walk(pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj,
                                _concat(_matrix(obj), outer), depth + 1)

    yield from walk(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, flip, 0)


def _visible(get_colour, raw) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not get_colour(raw, r, g, b, a):
        return True
    return a.value > 0 and min(r.value, g.value, b.value) < 250  # white on white draws nothing


def path_segments(raw, m: Matrix) -> list[tuple[float, float, float, float]]:
    """The straight segments a visible path draws, in page space: closing segments included,
    curves skipped. A border drawn as a thin filled rectangle (Word, LibreOffice) gives two long
    segments, which snapping makes one rule, and two short ones, which are too short to be rules."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(raw, fill, stroke)
    if not ((stroke.value and _visible(pdfium_c.FPDFPageObj_GetStrokeColor, raw)) or
            (fill.value and _visible(pdfium_c.FPDFPageObj_GetFillColor, raw))):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    segs, start, last = [], None, None
    for i in range(pdfium_c.FPDFPath_CountSegments(raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        pt = _apply(m, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = pt
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and last is not None:
            segs.append((*last, *pt))
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            segs.append((*pt, *start))
            pt = start
        last = pt
    return segs


def page_rules(page: pdfium.PdfPage, flip: Matrix) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules of the page (slanted segments are none)."""
    hs, vs = [], []
    for raw, m in path_objects(page, flip):
        for ax, ay, bx, by in path_segments(raw, m):
            if abs(ay - by) <= 1 < abs(ax - bx):
                hs.append(Rule((ay + by) / 2, min(ax, bx), max(ax, bx)))
            elif abs(ax - bx) <= 1 < abs(ay - by):
                vs.append(Rule((ax + bx) / 2, min(ay, by), max(ay, by)))
    return _snap_and_join(hs), _snap_and_join(vs)


def _snap_and_join(rules: list[Rule]) -> list[Rule]:
    """As pdfplumber's edges: rules within TOL move to their mean position, collinear ones that
    overlap or come within TOL become one, rules shorter than TOL go."""
    clusters: list[list[Rule]] = []
    for r in sorted(rules):
        if clusters and r.at - clusters[-1][-1].at <= TOL:
            clusters[-1].append(r)
        else:
            clusters.append([r])
    out: list[Rule] = []
    for cluster in clusters:
        at, joined = sum(r.at for r in cluster) / len(cluster), []
        for r in sorted(cluster, key=lambda r: r.lo):
            if joined and r.lo <= joined[-1].hi + TOL:
                joined[-1] = Rule(at, joined[-1].lo, max(joined[-1].hi, r.hi))
            else:
                joined.append(Rule(at, r.lo, r.hi))
        out += [r for r in joined if r.hi - r.lo >= TOL]
    return out


def tables_of_rules(hs: list[Rule], vs: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of crossing rules with two or more either way, each with its outline closed."""
    parent = {k: k for k in range(len(hs) + len(vs))}
    xs = [v.at for v in vs]  # sorted: only the verticals within a horizontal's reach are tried
    for i, h in enumerate(hs):
        for j in range(bisect.bisect_left(xs, h.lo - TOL), bisect.bisect_right(xs, h.hi + TOL)):
            if vs[j].lo - TOL <= h.at <= vs[j].hi + TOL:
                join_roots(parent, i, len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for k, rule in enumerate(hs + vs):
        groups.setdefault(root_of(parent, k), ([], []))[k >= len(hs)].append(rule)
    return [(h + _closing_rules(v, h), v + _closing_rules(h, v))
            for h, v in groups.values() if len(h) >= 2 and len(v) >= 2]


def _closing_rules(cross: list[Rule], along: list[Rule]) -> list[Rule]:
    """A rule along the table's edge where two or more `cross` rules end level, drawn or not:
    Word leaves the border off where a table breaks across pages (white cell backgrounds close
    those cells), and camelot reads a table out to its rules' ends too."""
    out = []
    for edge, end in ((min(r.lo for r in cross), lambda r: r.lo), (max(r.hi for r in cross), lambda r: r.hi)):
        ats = [r.at for r in cross if abs(end(r) - edge) <= TOL]
        if len(ats) >= 2:
            at = next((r.at for r in along if abs(r.at - edge) <= TOL), edge)  # onto a drawn rule
            out.append(Rule(at, min(ats), max(ats)))
    return out


def _ruled(rules: list[Rule], at: float, lo: float, hi: float) -> bool:
    return any(r.at == at and r.lo <= lo + TOL and r.hi >= hi - TOL for r in rules)


class Table:
    """A group of rules as a grid. Grid cells no rule divides are one cell (text in its top-left
    grid cell, None in the rest); regions not closed by rules on all four sides are no cells, rows
    and columns where no cell starts are dropped (pdfplumber has neither)."""

    def __init__(self, hs: list[Rule], vs: list[Rule]):
        ys = self.ys = sorted({r.at for r in hs})
        xs = self.xs = sorted({r.at for r in vs})
        parent = {(r, c): (r, c) for r in range(len(ys) - 1) for c in range(len(xs) - 1)}
        for r, c in parent:
            if c + 2 < len(xs) and not _ruled(vs, xs[c + 1], ys[r], ys[r + 1]):
                join_roots(parent, (r, c), (r, c + 1))
            if r + 2 < len(ys) and not _ruled(hs, ys[r + 1], xs[c], xs[c + 1]):
                join_roots(parent, (r, c), (r + 1, c))
        self.span_of = {k: root_of(parent, k) for k in parent}
        spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for k, root in self.span_of.items():
            spans.setdefault(root, []).append(k)
        boxes = {root: self._closed_box(members, hs, vs) for root, members in spans.items()}
        self.roots = {root: box for root, box in boxes.items() if box}
        self.chars: dict[tuple[int, int], list[tuple]] = {}

    def _closed_box(self, members, hs: list[Rule], vs: list[Rule]) -> Box | None:
        rows, cols = [r for r, _ in members], [c for _, c in members]
        r0, r1, c0, c1 = min(rows), max(rows) + 1, min(cols), max(cols) + 1
        x0, x1, y0, y1 = self.xs[c0], self.xs[c1], self.ys[r0], self.ys[r1]
        if len(members) == (r1 - r0) * (c1 - c0) and _ruled(hs, y0, x0, x1) and _ruled(hs, y1, x0, x1) \
                and _ruled(vs, x0, y0, y1) and _ruled(vs, x1, y0, y1):
            return (x0, y0, x1, y1)
        return None

    def add_char(self, x: float, y: float, ch: tuple) -> bool:
        """Give the character centred at (x, y) to the cell it falls in; False when in none."""
        r, c = bisect.bisect(self.ys, y) - 1, bisect.bisect(self.xs, x) - 1
        root = self.span_of.get((r, c))
        if root not in self.roots:
            return False
        self.chars.setdefault(root, []).append(ch)
        return True

    def grid(self, number: int) -> PageGrid:
        rows = {r: i for i, r in enumerate(sorted({r for r, _ in self.roots}))}
        cols = {c: j for j, c in enumerate(sorted({c for _, c in self.roots}))}
        cells: list[list[str | None]] = [[None] * len(cols) for _ in rows]
        boxes: list[list[Box | None]] = [[None] * len(cols) for _ in rows]
        for (r, c), box in self.roots.items():
            cells[rows[r]][cols[c]] = cell_text(chars_text(self.chars.get((r, c), [])))
            boxes[rows[r]][cols[c]] = box
        return PageGrid(page=number, top=self.ys[min(rows)], cells=cells, boxes=boxes)


def page_chars(textpage: pdfium.PdfTextPage, flip: Matrix):
    """(x, y, char): each drawn character's box centre and (baseline, left, right, height, text).
    pdfium's generated spaces and line breaks are skipped (their boxes sit anywhere), a drawn space
    kept as a word break. Tight boxes: loose ones follow the font matrix, hundreds of points wide
    for some fonts."""
    raw = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        ch = chr(pdfium_c.FPDFText_GetUnicode(raw, i))
        if ch.isspace() and (ch != " " or pdfium_c.FPDFText_IsGenerated(raw, i)):
            continue
        pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
        pdfium_c.FPDFText_GetCharOrigin(raw, i, ox, oy)
        xa, ya = _apply(flip, left.value, bottom.value)
        xb, yb = _apply(flip, right.value, top.value)
        x0, x1 = min(xa, xb), max(xa, xb)
        yield (x0 + x1) / 2, (ya + yb) / 2, (_apply(flip, ox.value, oy.value)[1], x0, x1, abs(yb - ya), ch)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def chars_text(chars: list[tuple]) -> str:
    """Lines top to bottom by baseline (a full stop's centre sits low, a quote's high), each left
    to right with a space where a gap parts two words; scaled by the median glyph height (一 is
    flat)."""
    if not chars:
        return ""
    size = sorted(c[3] for c in chars)[len(chars) // 2]
    lines: list[list[tuple]] = []
    for ch in sorted(chars):
        if lines and ch[0] - lines[-1][0][0] <= size / 2:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    out = []
    for line in lines:
        text, prev = "", None
        for _, left, right, _, ch in sorted(line, key=lambda c: c[1]):
            text += " " if prev is not None and left - prev > SPACE_GAP * size else ""
            text, prev = text + ch, right if prev is None else max(prev, right)
        out.append(text)
    return "\n".join(out)
