"""The fast text pass: every page's text lines, and which pages hold the tables.

camelot is the slow step, so it only runs on the pages this pass points at.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from ..normalize import nfkc

# Words that occur in the statistical tables (第二十条 blocks of table 二, table 三's rows and
# header, table 四's header) and rarely all in narrative.
TABLE_ANCHORS = ("第二十条", "本年新收", "上年结转", "申请人情况", "不予公开", "结转下年度", "行政复议")
# Characters a page needs before it counts as having a text layer (page numbers like "- 3 -"
# are not enough).
MIN_TEXT_CHARS = 20
_SPACE = re.compile(r"\s+")


def page_texts(pdf: pdfium.PdfDocument) -> list[str]:
    out = []
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        out.append(textpage.get_text_range() or "")
        textpage.close()
        page.close()
    return out


def text_lines(texts: list[str]) -> list[str]:
    lines: list[str] = []
    for text in texts:
        lines += [nfkc(x).rstrip() for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return lines


def has_text_layer(texts: list[str]) -> bool:
    return sum(len(_SPACE.sub("", t)) for t in texts) >= MIN_TEXT_CHARS


def table_pages(texts: list[str]) -> list[int]:
    """1-based pages that may hold table cells: from the first page naming a table anchor to the
    page after the last one (a table continued on a page of bare rows names no anchor)."""
    hits = [i + 1 for i, t in enumerate(texts) if any(a in _SPACE.sub("", nfkc(t)) for a in TABLE_ANCHORS)]
    if not hits:
        return []
    return list(range(hits[0], min(len(texts), hits[-1] + 1) + 1))
