"""Text reader: reports saved as plain text, in any of the layouts Word/web converters produce.

Layouts occur, often mixed in one file:
* tab rows: one table row per line, cells separated by tabs (column positions are real);
* tab cells: one cell per line, introduced by a single tab, rows separated by blank lines;
* bare cells: one cell per line with no tab, cells separated by blank lines;
* space rows (``pdftotext -layout`` and similar): cells separated by runs of spaces, or a label
  followed by numbers separated by single spaces.
A label line that continues the previous label with no blank line between is the same cell broken
over two lines (``本年新`` + ``制作数量``).

Text made by PDF-to-Markdown converters adds:
* pipe rows: ``| 一、本年新收… | 12 | 3 |`` (cells at real column positions), with ``|---|`` rule
  lines (skipped), ``<br>`` inside cells and ``**bold**`` / ``## heading`` marks (removed);
* page furniture between rows: ``- 3 -``, ``第 3 页 共 8 页``, ``3/8``, or a bare page number
  between two pipe rows (skipped: a table cell of a pipe table is always inside pipes).
"""

from __future__ import annotations

import re

from gkstudy.core.document import Document, Token
from gkstudy.readers.encoding import decode_text
from gkstudy.core.values import looks_like_value

# Converter debris: Word bookmarks and image placeholders.
_DEBRIS = re.compile(r"\[(?:bookmark|image):[^\]]*\]")
_WIDE_GAP = re.compile(r"[ \u3000\xa0]{2,}")
# A label followed by numbers separated by single spaces: "一、本年新收…数量 0 0 3 0 0 0 3"
_TRAILING_NUMBERS = re.compile(r"^(?P<label>.*?\D)\s+(?P<nums>[-+]?[\d,.]+(?:万元|元)?(?:\s+[-+]?[\d,.]+(?:万元|元)?)+)$")


# Markdown marks converters add: headings, emphasis, line breaks inside table cells.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"\*\*|__")
_MD_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
# Page numbers and page footers printed between table rows by a converter that keeps them.
_PAGE_FURNITURE = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
                             r"|\d{1,4}\s*[/／]\s*\d{1,4})\s*$")
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")


def clean_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_MD_BREAK.sub("", _MD_EMPHASIS.sub("", _MD_HEADING.sub("", _DEBRIS.sub("", line))))
            for line in text.split("\n")]


def is_pipe_row(line: str) -> bool:
    s = line.strip()
    return len(s) > 2 and s.startswith("|") and s.endswith("|") and "\t" not in s


def pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip()[1:-1].split("|")]


def is_furniture(lines: list[str], n: int) -> bool:
    """A page number or page footer line, not a table cell."""
    line = lines[n]
    if _PAGE_FURNITURE.match(line) or _PIPE_RULE.match(line):
        return True
    if _BARE_NUMBER.match(line):  # a bare number between pipe rows is a page number
        def table_line(x: str) -> bool:
            return bool(x.strip()) and not _PAGE_FURNITURE.match(x) and not _BARE_NUMBER.match(x)

        before = next((x for x in reversed(lines[:n]) if table_line(x)), "")
        after = next((x for x in lines[n + 1:] if table_line(x)), "")
        return is_pipe_row(before) and is_pipe_row(after)
    return False


def split_spaced(line: str) -> list[str] | None:
    """Cells of a space-separated row, or None when the line is one cell (a label or prose)."""
    text = line.strip()
    parts = [p for p in _WIDE_GAP.split(text) if p]
    if len(parts) >= 2:
        return parts
    if all(looks_like_value(p) for p in text.split()) and len(text.split()) >= 2:
        return text.split()
    m = _TRAILING_NUMBERS.match(text)
    if m and all(looks_like_value(p) for p in m.group("nums").split()):
        return [m.group("label").strip()] + m.group("nums").split()
    return None


def _kind(line: str) -> str:
    if is_pipe_row(line):
        return "pipe"
    if "\t" not in line:
        if not line.strip():
            return "blank"
        return "spaced" if split_spaced(line) else "bare"
    fields = line.split("\t")
    if len(fields) == 2 and fields[0] == "":
        return "cell"
    return "row"


CONTINUATION_MAX_CHARS = 12  # a cell's second line ("企业" after "商业") is short


def blank_separated(lines: list[str]) -> bool:
    """True when most lines are followed by a blank line: then a line with no blank before it
    continues the cell above. Elsewhere every line stands on its own."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    if not filled:
        return False
    followed = sum(1 for k in filled if k + 1 >= len(lines) or not lines[k + 1].strip())
    return followed / len(filled) >= 0.6


def empty_cell_line(lines: list[str], n: int) -> bool:
    """A line holding only spaces (or U+3000) between two empty lines: in one-cell-per-line text
    it is a cell printed empty, not a separator (dropping it would shift the row's cells)."""
    line = lines[n]
    return (bool(line) and not line.strip() and "\t" not in line
            and 0 < n < len(lines) - 1 and lines[n - 1] == "" and lines[n + 1] == "")


def lines_to_tokens(lines: list[str]) -> list[Token]:
    tokens: list[Token] = []
    glue_bare = blank_separated(lines)
    group_col = 0  # position of a cell inside the current blank-line group
    last_kind = "blank"
    for n, line in enumerate(lines):
        kind = _kind(line)
        if kind == "blank" and glue_bare and empty_cell_line(lines, n):
            tokens.append(Token(text="", row=n, col=group_col, aligned=False))
            group_col += 1
            last_kind = kind
            continue
        if kind == "blank":
            group_col = 0
            last_kind = kind
            continue
        if kind != "blank" and is_furniture(lines, n):
            continue
        if kind == "pipe":
            for c, text in enumerate(pipe_cells(line)):
                tokens.append(Token(text=text, row=n, col=c, aligned=True))
            group_col = 0
        elif kind == "row":
            for c, text in enumerate(line.split("\t")):
                tokens.append(Token(text=text, row=n, col=c, aligned=True))
            group_col = 0
        elif kind == "spaced":
            # cells in order; their character offsets are not reliable column positions
            for c, text in enumerate(split_spaced(line)):
                tokens.append(Token(text=text, row=n, col=c, aligned=False))
            group_col = 0
        elif (kind == "bare" and tokens and not tokens[-1].aligned and not looks_like_value(tokens[-1].text)
              and ((last_kind == "bare" and glue_bare)
                   or (last_kind == "cell" and len(line.strip()) <= CONTINUATION_MAX_CHARS))):
            # a cell broken over lines: glue it to the previous cell
            prev = tokens[-1]
            tokens[-1] = Token(text=prev.text + line.strip(), row=prev.row, col=prev.col, aligned=False)
        else:
            text = line[1:] if kind == "cell" else line
            tokens.append(Token(text=text, row=n, col=group_col, aligned=False))
            group_col += 1
        last_kind = kind
    return tokens


def read_txt(path: str, data: bytes) -> Document:
    text, _encoding = decode_text(data)
    lines = clean_lines(text)
    return Document(path=path, format="txt", lines=lines, tokens=lines_to_tokens(lines))
