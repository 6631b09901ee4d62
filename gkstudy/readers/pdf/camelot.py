"""camelot (lattice) grids for the table pages: the primary reading of ruled tables."""

from __future__ import annotations

import inspect
import warnings

from gkstudy.core import stage
from gkstudy.readers.pdf.fonts import use_default_metrics_for_zero_fonts
from gkstudy.readers.pdf.grid import PageGrid, cell_text, join_roots, root_of


def _lattice_options() -> dict:
    """engine="vector" reads the PDF's own ruling lines (as accurate as rendering, several times
    faster) where the installed camelot has it; older versions only render. ``boxes_flow=None``
    skips the layout analysis' grouping of text boxes into a reading order, which lattice never
    uses (it places text lines in cells): the same cells at half the cost."""
    import camelot.parsers.lattice as lattice

    params = inspect.signature(lattice.Lattice.__init__).parameters
    options = {"layout_kwargs": {"boxes_flow": None}}
    if "engine" in params:
        options["engine"] = "vector"
    return options


def camelot_grids(data: bytes, pages: list[int], heights: dict[int, float]) -> list[PageGrid]:
    import camelot

    if not pages:
        return []
    use_default_metrics_for_zero_fonts()
    stage.note(f"finding the tables of pages {pages[0]}-{pages[-1]} (camelot)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" is an answer, not a problem
        tables = camelot.read_pdf(data, pages=",".join(map(str, pages)), flavor="lattice",
                                  suppress_stdout=True, **_lattice_options())
    grids = [_grid(t, heights.get(int(t.page), 0.0)) for t in tables]
    return sorted((g for g in grids if g.cells), key=lambda g: (g.page, g.top))


def _grid(table, height: float) -> PageGrid:
    """Merged cells from camelot's missing cell edges: a cell without a left edge belongs to its
    left neighbour's span, one without a top edge to the span above. Each span's text goes to its
    top-left cell (centred text may sit in any cell of the span); the rest become None."""
    cells = table.cells
    nrows, ncols = len(cells), len(cells[0]) if cells else 0
    parent = {(r, c): (r, c) for r in range(nrows) for c in range(ncols)}
    for r in range(nrows):
        for c in range(ncols):
            if c > 0 and not cells[r][c].left:
                join_roots(parent, (r, c), (r, c - 1))
            if r > 0 and not cells[r][c].top:
                join_roots(parent, (r, c), (r - 1, c))
    texts: dict[tuple[int, int], list[str]] = {}
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r in range(nrows):
        for c in range(ncols):
            root = root_of(parent, (r, c))
            spans.setdefault(root, []).append((r, c))
            t = cells[r][c].text
            if t and t.strip():
                texts.setdefault(root, []).append(t)
    grid: list[list[str | None]] = [[None] * ncols for _ in range(nrows)]
    boxes: list[list[tuple | None]] = [[None] * ncols for _ in range(nrows)]
    for root, members in spans.items():
        r0, c0 = root
        grid[r0][c0] = cell_text("".join(texts.get(root, [])))
        x0 = min(cells[r][c].x1 for r, c in members)
        x1 = max(cells[r][c].x2 for r, c in members)
        y_top = max(cells[r][c].y2 for r, c in members)
        y_bottom = min(cells[r][c].y1 for r, c in members)
        boxes[r0][c0] = (x0, height - y_top, x1, height - y_bottom)
    top = height - max((cells[0][c].y2 for c in range(ncols)), default=0.0)
    return PageGrid(page=int(table.page), top=top, cells=grid, boxes=boxes)
