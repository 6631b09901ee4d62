"""The fast text pass: every page's text lines, and which pages hold the tables.

camelot is the slow step, so it only runs on the pages this pass points at.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gkstudy.core import stage
from gkstudy.core.document import ReportError
from gkstudy.core.normalize import nfkc

# Words that occur in the statistical tables (第二十条 blocks of table 二, table 三's rows and
# header, table 四's header words) and rarely in narrative (行政复议 often is, so it is no anchor).
# The tables start with table 二 or 三, so only START_ANCHORS open the table pages.
START_ANCHORS = ("第二十条", "本年新收", "上年结转", "申请人情况")
TABLE_ANCHORS = START_ANCHORS + ("不予公开", "结转下年度", "结果维持", "结果纠正", "尚未审结", "直接起诉",
                                 "复议后起诉")
# A table continued on a page of bare rows names no anchor; such a page holds rows of numbers.
MIN_ROW_NUMBERS = 3
# Characters a page needs before it counts as having a text layer (page numbers like "- 3 -"
# are not enough).
MIN_TEXT_CHARS = 20
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def page_texts(pdf: pdfium.PdfDocument) -> list[str]:
    out = []
    for i in range(len(pdf)):
        # Loading a page decompresses its content streams: where a bomb would take the worker down.
        stage.note(f"decompressing page {i + 1}")
        page = load_page(pdf, i)
        textpage = page.get_textpage()
        out.append(textpage.get_text_range() or "")
        textpage.close()
        page.close()
    return out


def load_page(pdf: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    """Page ``index`` (0-based), or ReportError when the page tree does not lead to it."""
    try:
        return pdf[index]
    except pdfium.PdfiumError:
        raise ReportError("failed", f"damaged PDF: the page tree is damaged (page {index + 1} of {len(pdf)} "
                                    "cannot be loaded)") from None


def text_lines(texts: list[str]) -> list[str]:
    lines: list[str] = []
    for text in texts:
        lines += [nfkc(x).rstrip() for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return lines


def has_text_layer(texts: list[str]) -> bool:
    return sum(len(_SPACE.sub("", t)) for t in texts) >= MIN_TEXT_CHARS


def _is_row(line: str) -> bool:
    """A line that reads as a table row: several numbers, and more numbers than words
    (2024 年 1 月 20 日 is a date, not a row)."""
    words = line.split()
    numbers = sum(1 for w in words if _NUMBER.fullmatch(w))
    return numbers >= MIN_ROW_NUMBERS and numbers * 2 > len(words)


def _has_rows(text: str) -> bool:
    return any(_is_row(line) for line in nfkc(text).splitlines())


def table_pages(texts: list[str]) -> list[int]:
    """1-based pages that may hold table cells: from the first page that opens a table (or, when
    none does, names any table word) to the last page naming a table word and holding a row of
    numbers, plus the next page when it holds rows (a table continued on bare rows: its header
    words broken over the page, then its numbers)."""
    flat = [_SPACE.sub("", nfkc(t)) for t in texts]
    hits = [i + 1 for i, t in enumerate(flat) if any(a in t for a in TABLE_ANCHORS)]
    if not hits:
        return []
    starts = [i + 1 for i, t in enumerate(flat) if any(a in t for a in START_ANCHORS)]
    first = starts[0] if starts else hits[0]
    # A last page that names a table word only in its prose (不予公开 in section 五) holds no rows.
    while len(hits) > 1 and hits[-1] > first and not _has_rows(texts[hits[-1] - 1]):
        hits.pop()
    last = hits[-1]
    if last < len(texts) and _has_rows(texts[last]):
        last += 1
    return list(range(min(first, last), last + 1))


# A picture covering this share of a page is content (a table pasted as an image), not a logo.
MIN_PICTURE_SHARE = 0.15


def picture_pages(pdf: pdfium.PdfDocument) -> list[int]:
    """1-based pages holding a large picture (for the reason a report without table text gets)."""
    out = []
    for i in range(len(pdf)):
        page = load_page(pdf, i)
        area = page.get_width() * page.get_height()
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            if area and (right - left) * (top - bottom) >= MIN_PICTURE_SHARE * area:
                out.append(i + 1)
                break
        page.close()
    return out
