"""Table 三 whose row labels were printed apart from their rows: every label first, then the rows
of numbers (a PDF-to-Markdown converter that read the label column as a block of its own).

The numbers cannot be tied to their labels by position on the page, so they are placed by the
format's fixed row order, and only where that is certain enough: the count of number rows is
exactly the row count of one edition's table 三, every row has one number per column, and every
identity of the table holds with the rows so placed (each row's total; 一+二 = 三(七)+四 and the
outcome rows summing to （七） in every column). Those cells are flagged ``position_assumed``.
Otherwise every cell is NA, flagged ``labels_apart``, with a note saying which test failed.
"""

from __future__ import annotations

from gkstudy.core import codebook, flags
from gkstudy.core.document import Token
from gkstudy.core.normalize import split_numbering
from gkstudy.core.values import is_blank, looks_like_value, parse_value
from gkstudy.mapper import labels as L
from gkstudy.mapper.cells import MappedCell, TableRead
from gkstudy.mapper.t3 import read_header

MIN_LABELS = 8  # labels in a row with no number between: a label column printed as a block
START_THRESHOLD = 0.7
TOTAL, PARTS = "total", ("natural_person", "commercial", "research", "nonprofit", "legal", "other_org")


def _is_label(text: str) -> bool:
    return not is_blank(text) and not looks_like_value(text)


def _first_label(tokens: list[Token]) -> int | None:
    first = codebook.row_label("t3", "received")
    target = split_numbering(first).text
    for i, tok in enumerate(tokens):
        if _is_label(tok.text) and L.similarity(split_numbering(tok.text).text, target) >= START_THRESHOLD:
            return i
    return None


def _number_rows(tokens: list[Token], k: int) -> tuple[list[list[Token]], int]:
    """Rows (tokens of one line or grid row) of values only, from ``k``; and where they end."""
    rows: list[list[Token]] = []
    while k < len(tokens):
        key = (tokens[k].grid, tokens[k].row)
        row = []
        while k < len(tokens) and (tokens[k].grid, tokens[k].row) == key:
            row.append(tokens[k])
            k += 1
        if any(_is_label(t.text) for t in row):
            k -= len(row)
            break
        if any(not is_blank(t.text) for t in row):
            rows.append(row)
    return rows, k


def map_t3_apart(tokens: list[Token]) -> TableRead | None:
    """Table 三 read from labels printed apart from their rows; None when the layout is not that."""
    start = _first_label(tokens)
    if start is None:
        return None
    k = start
    while k < len(tokens) and not looks_like_value(tokens[k].text):
        k += 1
    if sum(1 for t in tokens[start:k] if _is_label(t.text)) < MIN_LABELS:
        return None
    rows, end = _number_rows(tokens, k)
    result = TableRead("t3", found=True, end=end)
    printed, header_notes = read_header(tokens, start)  # columns in print order (None: a subtotal, dropped)
    result.notes += header_notes
    cols = [c for c in printed if c]
    editions = [ed for ed in codebook.EDITIONS if len(codebook.rows(ed, "t3")) == len(rows)]
    why = ""
    if len(editions) != 1:
        why = f"{len(rows)} rows of numbers, not the {' or '.join(str(len(codebook.rows(e, 't3'))) for e in codebook.EDITIONS)} rows of either edition"
    else:
        values = [[t for t in r if not is_blank(t.text)] for r in rows]
        if any(len(v) != len(printed) for v in values):
            why = f"a row of numbers without one number per column ({len(printed)})"
        else:
            placed = {(row, col): tok for row, vals in zip(codebook.rows(editions[0], "t3"), values)
                      for col, tok in zip(printed, vals) if col}
            why = _identities_fail(editions[0], {key: parse_value(t.text, "件").value for key, t in placed.items()})
            if not why:
                for (row, col), tok in placed.items():
                    pv = parse_value(tok.text, "件")
                    flag = flags.add(pv.flag, flags.POSITION_ASSUMED, flags.HEADER_ASSUMED if header_notes else "")
                    result.cells[(row, col)] = MappedCell("t3", row, col, pv.value, tok.text.strip(), flag, tok)
                result.notes.append(f"t3 row labels printed apart from the numbers: {len(rows)} rows placed by the "
                                    f"format's row order (identities hold; flag {flags.POSITION_ASSUMED})")
                result.evidence[editions[0]] = 1
                return result
    result.notes.append(f"t3 row labels printed apart from the numbers, not placed: {why}")
    for ed in codebook.EDITIONS:
        for row in codebook.rows(ed, "t3"):
            for col in cols:
                result.cells.setdefault((row, col), MappedCell("t3", row, col, None, "", flags.LABELS_APART))
    return result


def _identities_fail(edition: str, v: dict) -> str:
    """Which identity of table 三 the placed values break, or '' when all hold."""
    rows = codebook.rows(edition, "t3")
    for row in rows:
        if v[(row, TOTAL)] != sum(v[(row, c)] for c in PARTS):
            return f"row total broken when placed by order ({row})"
    outcomes = [r for r in rows if r not in ("received", "carried_in", "total", "carried_out")]
    for col in (*PARTS, TOTAL):
        if v[("received", col)] + v[("carried_in", col)] != v[("total", col)] + v[("carried_out", col)]:
            return f"一+二 ≠ 三(七)+四 when placed by order ({col})"
        if sum(v[(r, col)] for r in outcomes) != v[("total", col)]:
            return f"outcome rows do not sum to （七）总计 when placed by order ({col})"
    return ""
