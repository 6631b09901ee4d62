"""pdfplumber grids: the second, independent reading (its own text layer, pdfminer's, and its own
line finder)."""

from __future__ import annotations

import io

import pdfplumber

from .pdf_grid import PageGrid, cell_text

MIN_TABLE_ROWS = 2


def plumber_grids(data: bytes, pages: list[int]) -> list[PageGrid]:
    grids: list[PageGrid] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in pages:
            page = pdf.pages[number - 1]
            for table in page.find_tables():
                grid = _grid(table, number)
                if len(grid.cells) >= MIN_TABLE_ROWS:
                    grids.append(grid)
    return sorted(grids, key=lambda g: (g.page, g.top))


def _grid(table, number: int) -> PageGrid:
    texts = table.extract()
    cells = [[None if t is None else cell_text(t) for t in row] for row in texts]
    boxes = [list(row.cells) for row in table.rows]
    return PageGrid(page=number, top=table.bbox[1], cells=cells, boxes=boxes)
