"""Text reader: reports saved as plain text, in any of the layouts Word/web converters produce.

Three layouts occur, often mixed in one file:
* tab rows: one table row per line, cells separated by tabs (column positions are real);
* tab cells: one cell per line, introduced by a single tab, rows separated by blank lines;
* bare cells: one cell per line with no tab, cells separated by blank lines.
A line that continues the previous one with no blank line between is the same cell broken over
two lines (``本年新`` + ``制作数量``).
"""

from __future__ import annotations

import re

from ..document import Document, Token
from ..encoding import decode_text

# Converter debris: Word bookmarks and image placeholders.
_DEBRIS = re.compile(r"\[(?:bookmark|image):[^\]]*\]")


def clean_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_DEBRIS.sub("", line) for line in text.split("\n")]


def _kind(line: str) -> str:
    if "\t" not in line:
        return "blank" if not line.strip() else "bare"
    fields = line.split("\t")
    if len(fields) == 2 and fields[0] == "":
        return "cell"
    return "row"


def lines_to_tokens(lines: list[str]) -> list[Token]:
    tokens: list[Token] = []
    group_col = 0  # position of a cell inside the current blank-line group
    last_kind = "blank"
    for n, line in enumerate(lines):
        kind = _kind(line)
        if kind == "blank":
            group_col = 0
            last_kind = kind
            continue
        if kind == "row":
            for c, text in enumerate(line.split("\t")):
                tokens.append(Token(text=text, row=n, col=c, aligned=True))
            group_col = 0
        elif kind == "bare" and last_kind in ("cell", "bare") and tokens and not tokens[-1].aligned:
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
