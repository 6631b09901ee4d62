"""A whole report as PDF drawn by reportlab (another PDF producer than LibreOffice or Word):
title, narrative, the three tables with real row and column spans, ruled or not; a long table
splits over pages with its header row repeated, as Word's "repeat header row" does."""

from __future__ import annotations

import io

from builders import META_2019, META_2021, SECTIONS, Meta, narrative, place, t2_layout, t3_layout, t4_layout

FONT = "STSong-Light"  # a CID font every PDF viewer has; reportlab does not embed it


def build_pdf(edition: str, values: dict, ruled: bool = True, meta: Meta | None = None,
              font_size: float = 8) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    meta = meta or (META_2021 if edition == "2021" else META_2019)
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=font_size, leading=font_size * 1.3, wordWrap="CJK")

    def table(layout, widths, repeat=0):
        placed = place(layout)
        n_rows = max(r + c.rowspan for r, _, c in placed)
        n_cols = max(col + c.colspan for _, col, c in placed)
        grid = [[""] * n_cols for _ in range(n_rows)]
        style = [("FONT", (0, 0), (-1, -1), FONT, font_size), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        if ruled:
            style.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
        for r, col, c in placed:
            grid[r][col] = Paragraph(c.text, cell)
            if c.rowspan > 1 or c.colspan > 1:
                style.append(("SPAN", (col, r), (col + c.colspan - 1, r + c.rowspan - 1)))
        return Table(grid, colWidths=widths, repeatRows=repeat, style=TableStyle(style))

    texts = narrative(meta, values)
    story = [Paragraph(f"{meta.agency}{meta.year}年政府信息公开工作年度报告", body), Spacer(1, 12)]
    for heading in SECTIONS:
        story.append(Paragraph(heading, body))
        story += [Paragraph(t, body) for t in texts.get(heading, [])]
        if heading == SECTIONS[1]:
            story.append(table(t2_layout(edition, values), [130, 110, 110, 110]))
        elif heading == SECTIONS[2]:
            story.append(table(t3_layout(edition, values), [40, 50, 120] + [38] * 7, repeat=3))
        elif heading == SECTIONS[3]:
            story.append(table(t4_layout(values), [32] * 15))
        story.append(Spacer(1, 8))
    story += [Paragraph(meta.agency, body), Paragraph(meta.published, body)]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(story)
    return buf.getvalue()
