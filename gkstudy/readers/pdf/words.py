"""Unruled tables: rebuild table rows from where words sit on the page.

Without ruling lines there are no cells, only words with positions. The rows are rebuilt the way
a reader's eye does it, and then handed on as space-separated text lines (the layout
``pdftotext -layout`` writes), which the text reader already turns into tokens:

* words whose vertical middles fall within one another's height form a line;
* inside a line, a gap wider than ``CELL_GAP`` times the text height separates two cells;
* a line holding only numbers joins the line just above it when their numbers sit in different
  columns and the two are closer than ``MERGE_GAP`` line heights: a table row whose cells are
  aligned differently (one at the top, the others centred) prints its numbers on two lines;
* a label-only line that starts with an enumeration (``（二）``, ``3.``) and sits directly above a
  numbers line whose own label does not start with one is the first line of that row's label
  (labels centred in a tall cell start above their numbers);
* a label-only line right under a row's label cells continues them (a label wrapped inside its
  cell), when it sits closer than ``WRAP_GAP`` times the usual gap above a row of numbers: rows
  are spaced apart by their cells' padding, wrapped lines inside one cell are not;
* consecutive label-only lines (a header broken over lines: 商业 / 企业) join column by column
  when the upper one holds several cells (a lone cell above is a title or a spanning header);
  a word over several cells of the line below (申请人情况 over the applicant columns) stays a
  line of its own.
A line of fewer numbers right under a row's numbers, each under one of them, may hold the tails of
numbers wrapped in narrow cells (129 | 4 for 1294) or be a row of its own: the two cannot be told
apart, so such numbers are joined to the ones above with a space, which reads as unreadable (NA,
flagged; the identities may still fix the cell) rather than as a wrong number either way.
Cells are told apart by more than gaps: a number next to a label, and a label that starts with
its own enumeration, begin a new cell even where the columns nearly touch.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from gkstudy.core.normalize import nfkc, split_numbering
from gkstudy.core.values import looks_like_value

# A gap between two words wider than this many text heights separates two cells.
CELL_GAP = 0.9
# Two lines closer than this many line heights (top to top) may be one table row.
MERGE_GAP = 1.8
# Words whose middles are within this share of the line's height belong to the same line.
SAME_LINE = 0.5
# A label line closer than this share of the usual gap above a numbers row wraps the label above.
WRAP_GAP = 0.6


@dataclass
class Chunk:
    """One cell's text on one line."""

    text: str
    x0: float
    x1: float

    @property
    def is_value(self) -> bool:
        return looks_like_value(self.text) and any(ch.isdigit() for ch in self.text)


@dataclass
class Line:
    top: float
    bottom: float
    chunks: list[Chunk] = field(default_factory=list)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def values(self) -> list[Chunk]:
        return [c for c in self.chunks if c.is_value]

    @property
    def labels(self) -> list[Chunk]:
        return [c for c in self.chunks if not c.is_value]


def words_to_lines(words: list[dict]) -> list[Line]:
    """Group words (dicts with text, x0, x1, top, bottom) into lines, top to bottom."""
    lines: list[Line] = []
    raw: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (w["top"] + w["bottom"]) / 2
        for line, members in zip(lines, raw):
            if abs((line.top + line.bottom) / 2 - middle) <= SAME_LINE * line.height:
                members.append(w)
                line.top, line.bottom = min(line.top, w["top"]), max(line.bottom, w["bottom"])
                break
        else:
            lines.append(Line(w["top"], w["bottom"]))
            raw.append([w])
    for line, members in zip(lines, raw):
        line.chunks = _chunks(sorted(members, key=lambda w: w["x0"]), line.height)
    return sorted(lines, key=lambda ln: ln.top)


def _chunks(words: list[dict], height: float) -> list[Chunk]:
    chunks: list[Chunk] = []
    for w in words:
        text = nfkc(w["text"]).strip()
        if not text:
            continue
        last = chunks[-1] if chunks else None
        if last is not None and w["x0"] - last.x1 <= CELL_GAP * height and _same_cell(last, text):
            last.text += text
            last.x1 = max(last.x1, w["x1"])
        else:
            chunks.append(Chunk(text, w["x0"], w["x1"]))
    return chunks


UNITS = ("万元", "元", "亿元", "件", "项", "个")


def _same_cell(last: Chunk, text: str) -> bool:
    """Whether a word continues the cell before it (the words are already close)."""
    word = Chunk(text, 0, 0)
    if last.is_value:
        # "1768.91" "万元" is one amount; two numbers are two cells, never one longer number.
        return text in UNITS
    if word.is_value:
        return False  # a label's last character touching the first number of the row
    return not _numbered([word])


def _overlaps(a: Chunk, b: Chunk) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0)


def _numbered(chunks: list[Chunk]) -> bool:
    if not chunks:
        return False
    n = split_numbering(chunks[0].text)
    return n.enumerated


def _close(upper: Line, lower: Line) -> bool:
    return lower.top - upper.top <= MERGE_GAP * max(upper.height, lower.height)


def _top_numbered(line: Line) -> bool:
    return bool(line.chunks) and split_numbering(line.chunks[0].text).top is not None


def row_gap(lines: list[Line]) -> float:
    """The usual blank space above a line of numbers (the median), 0 when there is none."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.values)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _wraps(prev: Line, line: Line, gap: float) -> bool:
    """Whether a label-only line continues the label cells of the row above it."""
    return (bool(prev.values) and not line.values and bool(line.labels) and not _numbered(line.labels)
            and not _top_numbered(line) and line.top - prev.bottom < WRAP_GAP * gap
            and all(any(_overlaps(c, p) for p in prev.labels) for c in line.chunks))


def _header_continues(prev: Line, line: Line) -> bool:
    return (not prev.values and not line.values and bool(prev.labels) and bool(line.labels)
            and not _top_numbered(prev) and not _top_numbered(line) and len(prev.chunks) > 1)


def _wrapped_digits(prev: Line, line: Line, gap: float) -> bool:
    """Whether the line's numbers may be the tails of numbers wrapped in narrow cells of the row
    above (1294 printed 129 | 4): fewer numbers than that row, each under one of its numbers, no
    numbered label of its own, and no farther below than rows usually are."""
    return (bool(prev.values) and bool(line.values) and len(line.values) < len(prev.values)
            and not _numbered(line.labels) and line.top - prev.bottom <= gap + 1
            and all(sum(_overlaps(c, p) for p in prev.values) == 1 for c in line.values))


def _keep_wrapped_apart(prev: Line, line: Line) -> None:
    """A possible tail goes into the number above it after a space: ``129 4`` reads as two numbers
    run together, NA and flagged, never as 129 (a tail lost) nor as 1294 (a guess)."""
    for c in line.values:
        above = next(p for p in prev.values if _overlaps(c, p))
        above.text += " " + c.text
    line.chunks = line.labels


def merge_row_lines(lines: list[Line]) -> list[Line]:
    """Join the lines of one table row that the row's cell alignment spread over two lines."""
    gap = row_gap(lines)
    out: list[Line] = []
    for line in lines:
        if not out:
            out.append(line)
            continue
        prev = out[-1]
        if _wrapped_digits(prev, line, gap):
            _keep_wrapped_apart(prev, line)
            if not line.chunks:
                continue
        if _wraps(prev, line, gap):
            _join_columns(prev, line)
            continue
        if _close(prev, line) and _header_continues(prev, line):
            spanning = [c for c in prev.chunks if sum(_overlaps(c, d) for d in line.chunks) >= 2]
            if spanning:
                out[-1] = Line(prev.top, prev.bottom, spanning)
                out.append(Line(prev.top, line.bottom, [c for c in prev.chunks if c not in spanning]))
                prev = out[-1]
            _join_columns(prev, line)
            continue
        if _close(prev, line):
            if (line.values and prev.values and not _numbered(line.labels)
                    and not any(_overlaps(a, b) for a in line.values for b in prev.values)):
                _join_columns(prev, line)
                continue
            if (not prev.values and prev.labels and _numbered(prev.labels) and line.values
                    and not _numbered(line.labels)
                    and all(c.x1 <= line.values[0].x0 for c in prev.labels)):
                _prepend_labels(prev.labels, line)
                out[-1] = line
                continue
        out.append(line)
    return out


def _join_columns(upper: Line, lower: Line) -> None:
    """Append each of the lower line's cells to the upper line's cell in its column."""
    for cell in lower.chunks:
        above = next((c for c in upper.chunks if _overlaps(c, cell)), None)
        if above is not None and above.is_value == cell.is_value:
            above.text += cell.text
            above.x0, above.x1 = min(above.x0, cell.x0), max(above.x1, cell.x1)
        else:
            upper.chunks.append(Chunk(cell.text, cell.x0, cell.x1))
    upper.chunks.sort(key=lambda c: c.x0)
    upper.bottom = max(upper.bottom, lower.bottom)


def _prepend_labels(first: list[Chunk], line: Line) -> None:
    """Put a label's first line in front of the label parts it continues, column by column."""
    for head in first:
        below = next((c for c in line.labels if _overlaps(head, c)), None)
        if below is not None:
            below.text = head.text + below.text
            below.x0 = min(below.x0, head.x0)
        else:
            line.chunks.append(head)
    line.chunks.sort(key=lambda c: c.x0)


# A number followed by one of these is running text (2023 年, 1169 件), never a table cell.
_PROSE_AFTER_NUMBER = tuple("年月日件项个元%")


def is_prose(line: Line) -> bool:
    """Narrative, not table: a full stop, or a number that reads on into words (LibreOffice and
    others space Latin digits apart from CJK text, so such numbers arrive as words of their own)."""
    if any("。" in c.text for c in line.chunks):
        return True
    return any(a.is_value and b.text.startswith(_PROSE_AFTER_NUMBER) and not b.is_value
               for a, b in zip(line.chunks, line.chunks[1:]))


def line_texts(lines: list[Line]) -> list[str]:
    """Each table line as text with two spaces between cells, as ``pdftotext -layout`` separates
    them; narrative lines are left out (the text pass keeps them for the narrative)."""
    return ["  ".join(c.text for c in line.chunks) for line in lines if line.chunks and not is_prose(line)]


def unruled_table_lines(data: bytes, pages: list[int]) -> dict[int, list[str]]:
    """Each table page's text rebuilt as layout lines, for tables drawn without rules."""
    import pdfplumber

    out: dict[int, list[str]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in pages:
            words = pdf.pages[number - 1].extract_words(x_tolerance=1.5, y_tolerance=2)
            out[number] = line_texts(merge_row_lines(words_to_lines(words)))
    return out
