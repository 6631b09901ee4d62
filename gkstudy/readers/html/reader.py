"""HTML reader: saved web pages (.html/.htm) -> Document.

Bytes are decoded with the declared charset checked against the bytes (:mod:`html_charset`),
parsed with lxml's HTML parser (no network, no DTD, comments and processing instructions
dropped), the page chrome is removed and the report body found (:mod:`html_body`), and its
tables become grids with spans expanded (:mod:`html_tables`). A page whose report tables were
flattened into paragraphs (no ``<table>`` at all) is read line by line like a text file.
"""

from __future__ import annotations

import re

from gkstudy.core.document import Document, ReportError, grids_to_tokens
from gkstudy.readers.html.body import find_body, is_chrome_line, strip_chrome
from gkstudy.readers.html.charset import decode_html
from gkstudy.readers.html.tables import GridBudget, cell_text, has_nested_table, row_cells, table_grid, table_rows, tidy
from gkstudy.readers.txt import lines_to_tokens

BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                        "blockquote", "pre", "dl", "dt", "dd", "center", "address", "figure", "figcaption",
                        "main", "header", "footer", "caption", "hr", "body", "tr", "td", "th"})
MAX_HTML_DEPTH = 256  # libxml2's nesting limit without XML_PARSE_HUGE; real pages nest a few dozen deep
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_POSTED = re.compile(r"(发布时间|发布日期|成文日期|发文日期)\s*[:：]?\s*(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


def parse_html(text: str):
    from lxml import etree, html

    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
    try:
        root = html.document_fromstring(_XML_DECL.sub("", text, count=1), parser=parser)
    except (etree.ParserError, ValueError):
        raise ReportError("failed", "empty HTML page: no markup or text to read") from None
    # libxml2 stops reading (silently, with recover=True) where elements nest past its limit;
    # what follows would be lost and the page wrongly called "not an annual report".
    if any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "Excessive depth" in e.message
           for e in parser.error_log):
        raise ReportError("failed", f"refused HTML: elements nested more than {MAX_HTML_DEPTH} deep "
                                    "(the parser's limit; the page is damaged or an attack)")
    return root


def body_lines(el) -> list[str]:
    """The element's text in reading order: block elements start lines, table rows are tab-joined."""
    parts: list[str] = []
    _walk(el, parts)
    lines = []
    for line in "".join(parts).split("\n"):
        fields = [tidy(f) for f in line.split("\t")]
        lines.append("\t".join(fields) if len(fields) > 1 else fields[0])
    return lines


def _walk(el, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table" and not has_nested_table(el):
        parts.append("\n")
        for tr in table_rows(el):
            parts.append("\t".join(cell_text(td) for td in row_cells(tr)).replace("\n", " ") + "\n")
        return
    if tag == "br":
        parts.append("\n")
        return
    block = tag in BLOCK_TAGS
    if block:
        parts.append("\n")
    if el.text:
        parts.append(el.text.replace("\t", " "))
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, parts)
        if child.tail:
            parts.append(child.tail.replace("\t", " "))
    if block:
        parts.append("\n")


def read_html(path: str, data: bytes) -> Document:
    text, _encoding = decode_html(data)
    root = parse_html(text)
    strip_chrome(root)
    body = find_body(root)
    if body.tag in ("table", "thead", "tbody", "tfoot", "tr") and body.getparent() is not None:
        body = body.getparent()  # the report is more than one table: take what holds it
    lines = [x for x in body_lines(body) if not is_chrome_line(x)]
    lines += _posting_date_outside(root, body, lines)
    # Frame tables (a table holding tables) are layout, not report tables.
    budget = GridBudget()  # one bound for all tables of the page
    grids = [table_grid(t, budget) for t in body.iter("table") if not has_nested_table(t)]
    grids = [g for g in grids if g]
    tokens = grids_to_tokens(grids) if grids else lines_to_tokens(lines)
    # Pictures in the report body (not the stripped chrome): tables posted as images.
    pictures = [] if grids else [k + 1 for k, _ in enumerate(body.iter("img"))]
    doc = Document(path=path, format="html", lines=lines, tokens=tokens, pictures=pictures)
    if pictures:  # tables posted as pictures: OCR the ones that are here
        from gkstudy.readers.ocr.sources import ocr_html_pictures

        ocr_html_pictures(doc, body)
    return doc


def _posting_date_outside(root, body, lines: list[str]) -> list[str]:
    """The page's posting date (发布时间) when it sits outside the report body, as a last line."""
    if _POSTED.search("\n".join(lines)):
        return []
    m = _POSTED.search(tidy(root.text_content()))
    return [m.group(0)] if m else []
