"""Pictures of PDF cells for the review page: the page rendered with pypdfium2, cropped so that
the cell's row label and its table's column header are in view, the cell outlined.

Boxes come from cells.csv (x0, y0, x1, y1: points from the page's top-left corner). The header
sits above the first value row of the cell's table; when the table began on an earlier page, or
the cell is far below, the picture is two bands: the header, then the cell's row.
"""

from __future__ import annotations

import base64
import io

NOT_LOCATED = "the kit does not know where this cell is"
RENDER_SCALE = 2.0  # 144 dpi: digits of a 9-pt table stay legible in the crop
HEADER_PT = 130.0  # tables 三 and 四 print up to four header rows above their first value row
CONTEXT_PT = 14.0  # space kept around the cell's row in the crop
MAX_BAND_PT = 260.0  # a taller crop shows the header and the row as two bands, not the whole table
RIGHT_PT = 60.0  # the crop extends this far right of the cell (the neighbouring columns)
GAP_PX = 6  # grey line between two bands
OUTLINE = (220, 0, 0)


def cell_box(cell: dict) -> tuple[float, float, float, float] | None:
    try:
        return tuple(float(cell[k]) for k in ("x0", "y0", "x1", "y1"))
    except (KeyError, ValueError):
        return None


def table_starts(cells: list[dict]) -> dict[str, tuple[int, float]]:
    """Per table, the page and top of its first value row that the kit located."""
    starts: dict[str, tuple[int, float]] = {}
    for c in cells:
        box = cell_box(c)
        if box and c["page"]:
            here = (int(c["page"]), box[1])
            starts[c["table"]] = min(starts.get(c["table"], here), here)
    return starts


def png_uri(image) -> str:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def pdf_pictures(data: bytes, doubts: list, cells: list[dict]) -> None:
    """Fill each doubt's ``picture`` (a data: URI), or its ``missing`` reason when it has no box."""
    import pypdfium2 as pdfium

    starts = table_starts(cells)
    rendered: dict = {}
    with pdfium.PdfDocument(data) as pdf:
        def page_image(number: int):
            if number not in rendered:
                page = pdf[number - 1]
                rendered[number] = page.render(scale=RENDER_SCALE).to_pil().convert("RGB")
                page.close()
            return rendered[number]

        for d in doubts:
            box = cell_box(d.cell)
            if box is None or not d.cell["page"]:
                d.missing = f"{NOT_LOCATED} on the page (the row was not read)"
                continue
            page = int(d.cell["page"])
            header_page, header_top = starts[d.cell["table"]]
            d.picture = png_uri(crop_cell(page_image(page), box, page_image(header_page), header_top,
                                          same_page=header_page == page))


def crop_cell(image, box, header_image, header_top: float, same_page: bool = True):
    """From the page's left edge (the row labels) to a little right of the cell: the header band
    above ``header_top`` and the cell's row, one band when they are close on one page."""
    from PIL import Image, ImageDraw

    s = RENDER_SCALE
    x0, y0, x1, y1 = box
    right = min(image.width, header_image.width, int((x1 + RIGHT_PT) * s))
    header = (int(max(0.0, header_top - HEADER_PT) * s), int(header_top * s))
    row = (int((y0 - CONTEXT_PT) * s), int(min((y1 + CONTEXT_PT) * s, image.height)))
    if same_page and (y1 + CONTEXT_PT) - max(0.0, header_top - HEADER_PT) <= MAX_BAND_PT:
        bands = [(image, header[0], row[1])]
    else:
        bands = [(header_image, header[0], header[1]),
                 (image, max(row[0], header[1]) if same_page else max(row[0], 0), row[1])]
    out = Image.new("RGB", (right, sum(b - a for _i, a, b in bands) + GAP_PX * (len(bands) - 1)), (160, 160, 160))
    at = 0
    for source, top, bottom in bands:
        out.paste(source.crop((0, top, right, bottom)), (0, at))
        at += bottom - top + GAP_PX
    shift = at - GAP_PX - (bands[-1][2] - bands[-1][1]) - bands[-1][1]  # page y -> y in the last band
    ImageDraw.Draw(out).rectangle([x0 * s - 2, y0 * s - 2 + shift, x1 * s + 2, y1 * s + 2 + shift],
                                  outline=OUTLINE, width=3)
    return out
