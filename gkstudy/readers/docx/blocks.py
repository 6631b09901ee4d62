"""Walk a Word body in reading order: paragraphs become text lines, tables become grids.

A table's grid has one entry per *grid column* (``w:tblGrid``), so a cell's column index is its
real position: a cell spanning ``gridSpan`` columns puts its text in the first and None in the
others; a cell continuing a vertical merge (``vMerge`` without ``restart``) is None. Merged cells
are thus read once and never copied into neighbours.

Tables nested inside cells (reports laid out inside a one-cell frame table) become grids of
their own, after the table that holds them; the holding cell keeps only its own paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gkstudy.readers.docx.text import W, paragraph_text
from gkstudy.core.normalize import tidy
from gkstudy.readers.thresholds import MAX_TABLE_COLUMNS as MAX_SPAN

# Containers that only wrap block or row/cell content (content controls, custom XML, tracked moves/inserts).
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"}
_SKIPPED = {W + "sdtPr", W + "sdtEndPr", W + "customXmlPr", W + "del", W + "moveFrom"}


@dataclass
class Blocks:
    lines: list[str] = field(default_factory=list)
    grids: list[list[list[str | None]]] = field(default_factory=list)


def children(el, wanted: set[str]):
    """Children of ``el`` with a tag in ``wanted``, looking through wrapper elements."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag in wanted:
            yield child
        elif tag in _WRAPPERS:
            yield from children(child, wanted)


def read_blocks(container, out: Blocks | None = None) -> Blocks:
    """Paragraphs and tables of ``container`` (the body, a cell, a text box) in order."""
    out = out if out is not None else Blocks()
    for el in children(container, {W + "p", W + "tbl"}):
        if el.tag == W + "p":
            text, boxes = paragraph_text(el)
            out.lines.extend(text.split("\n"))
            for box in boxes:
                read_blocks(box, out)
        else:
            read_table(el, out)
    return out


def read_table(tbl, out: Blocks) -> None:
    slot = len(out.grids)
    out.grids.append([])  # reserve: the table comes before the tables nested in it
    grid: list[list[str | None]] = []
    for tr in children(tbl, {W + "tr"}):
        if _is_deleted_row(tr):
            continue
        row: list[str | None] = [None] * _row_prop(tr, "gridBefore")
        texts: list[str] = []
        nested: list = []
        for tc in children(tr, {W + "tc"}):
            span = min(max(_cell_prop(tc, "gridSpan", 1), 1), MAX_SPAN)
            text = cell_text(tc)
            nested += list(children(tc, {W + "tbl"}))
            if _continues_merge(tc):
                row += [None] * span
                continue
            row += [text] + [None] * (span - 1)
            texts.append(text)
        grid.append(row)
        if nested:  # a frame row: its cells' content is read as blocks, in order
            for tc in children(tr, {W + "tc"}):
                read_blocks(tc, out)
        else:
            out.lines.append("\t".join(texts))
    out.grids[slot] = grid


def cell_text(tc) -> str:
    """The cell's own paragraphs (not nested tables), one per line; a label broken over
    paragraphs (行政 / 复议) is joined without the break, as with web pages."""
    lines = []
    for p in children(tc, {W + "p"}):
        text, boxes = paragraph_text(p)
        lines.append(text.replace("\t", " "))
        for box in boxes:
            lines += [paragraph_text(q)[0] for q in children(box, {W + "p"})]
    return tidy("\n".join(lines))


def _tc_pr(tc):
    return tc.find(W + "tcPr")


def _cell_prop(tc, name: str, default: int) -> int:
    pr = _tc_pr(tc)
    el = pr.find(W + name) if pr is not None else None
    return _int(el.get(W + "val") if el is not None else None, default)


def _continues_merge(tc) -> bool:
    """True for a cell covered by the cell above (vMerge) or to its left (legacy hMerge)."""
    pr = _tc_pr(tc)
    if pr is None:
        return False
    for name in ("vMerge", "hMerge"):
        el = pr.find(W + name)
        if el is not None and el.get(W + "val", "continue") != "restart":
            return True
    return False


def _row_prop(tr, name: str) -> int:
    pr = tr.find(W + "trPr")
    el = pr.find(W + name) if pr is not None else None
    return min(_int(el.get(W + "val") if el is not None else None, 0), MAX_SPAN)


def _is_deleted_row(tr) -> bool:
    pr = tr.find(W + "trPr")
    return pr is not None and pr.find(W + "del") is not None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
