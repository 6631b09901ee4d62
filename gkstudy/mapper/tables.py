"""The one label-anchored mapper: tokens -> canonical cells of the report's edition.

Finds t3 first (its row labels are the most distinctive), then t2 before it and t4 after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dataclasses import replace

from gkstudy.core import codebook, flags
from gkstudy.mapper import labels as L
from gkstudy.mapper.thresholds import COLUMN_LABEL
from gkstudy.core.document import Document, Token
from gkstudy.mapper.apart import map_t3_apart
from gkstudy.mapper.t2 import block_specs, map_t2
from gkstudy.mapper.t3 import find_start, map_t3
from gkstudy.mapper.t4 import map_t4
from gkstudy.mapper.cells import MappedCell, TableRead
from gkstudy.core.normalize import compact, nfkc, split_numbering

_NOTICE = re.compile(r"(2019|2021)\D{0,3}(60|30)\s*号")
_NOTICE_EDITION = {("2019", "60"): "2019", ("2021", "30"): "2021"}


@dataclass
class MappedReport:
    edition: str | None
    edition_source: str
    tables: dict[str, TableRead]
    cells: list[MappedCell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_LABEL_THEN_DIGITS = re.compile(r"^(?P<label>.*[^\d\s.,、])(?P<digits>\d+)$")
GLUED_LABEL_THRESHOLD = COLUMN_LABEL


def split_glued_labels(tokens: list[Token]) -> list[Token]:
    """Cut a row label from numbers printed onto it (``一、本年新收政府信息公开申请数量0000000``),
    which happens when a web page's table is flattened to text. Only known row labels are cut."""
    known = [r.text for r in L.t3_rows()] + [lab for spec in block_specs().values() for lab in spec["rows"].values()]
    out: list[Token] = []
    for tok in tokens:
        m = _LABEL_THEN_DIGITS.match(compact(tok.text))
        if m and any(L.similarity(split_numbering(m.group("label")).text, k) >= GLUED_LABEL_THRESHOLD for k in known):
            out.append(replace(tok, text=m.group("label")))
            out.append(replace(tok, text=m.group("digits")))
        else:
            out.append(tok)
    return out


def map_tables(doc: Document) -> dict[str, TableRead]:
    tokens = split_glued_labels(doc.tokens)
    t3 = map_t3_apart(tokens) or map_t3(tokens)
    t3_start = find_start(tokens) if t3.found else None
    t2 = map_t2(tokens, t3_start)
    t4 = map_t4(tokens, t3.end if t3.found else 0)
    return {"t2": t2, "t3": t3, "t4": t4}


def cited_notice_edition(text: str) -> str | None:
    """Edition named by the notice the report cites (国办公开办函〔2019〕60号 / 〔2021〕30号)."""
    for m in _NOTICE.finditer(nfkc(text)):
        found = _NOTICE_EDITION.get((m.group(1), m.group(2)))
        if found:
            return found
    return None


def decide_edition(tables: dict[str, TableRead], text: str, year: int | None) -> tuple[str | None, str]:
    """Edition from the table labels (t2's columns, then t3's （六） rows), then the cited notice,
    then the year. Returns (edition, which evidence decided)."""
    for name in ("t2", "t3"):
        votes = tables[name].evidence
        if votes:
            best = max(votes, key=votes.get)
            if list(votes.values()).count(votes[best]) == 1:
                return best, f"{name} labels"
    notice = cited_notice_edition(text)
    if notice:
        return notice, "cited notice"
    if year is not None:
        return ("2021" if year >= 2021 else "2019"), "year"
    return None, "unknown"


def assemble(tables: dict[str, TableRead], edition: str) -> list[MappedCell]:
    """One cell per canonical cell of ``edition`` (NA with a reason where nothing was read),
    plus the values read from rows of the other edition's t3 （六） shape, flagged."""
    out: list[MappedCell] = []
    for spec in codebook.cells(edition):
        table = tables[spec.table]
        got = table.cells.get((spec.row, spec.col))
        if got is not None:
            out.append(got)
            continue
        if not table.found:
            flag = flags.no_table(spec.table)
        elif spec.row.startswith("other") and _other_shape(table) not in ("", edition):
            flag = flags.OTHER_ROW_SHAPE
        else:
            flag = flags.NOT_FOUND
        out.append(MappedCell(spec.table, spec.row, spec.col, None, "", flag))
    canonical = {(c.table, c.row, c.col) for c in codebook.cells(edition)}
    for (row, col), cell in tables["t3"].cells.items():
        # A row of the other edition's shape is kept for what it read; read as nothing, it adds nothing.
        if ("t3", row, col) not in canonical and cell.value is not None:
            flag = flags.OTHER_ROW_SHAPE if row.startswith("other") else flags.OUT_OF_EDITION
            out.append(MappedCell("t3", row, col, cell.value, cell.raw, flags.add(cell.flag, flag), cell.token))
    return out


def _other_shape(t3: TableRead) -> str:
    """Which edition the printed （六）其他处理 rows follow: '2019' (one row), '2021' (three), ''."""
    rows = {r for r, _ in t3.cells}
    if "other" in rows and not any(r.startswith("other.") for r in rows):
        return "2019"
    if any(r.startswith("other.") for r in rows) and "other" not in rows:
        return "2021"
    return ""


def map_document(doc: Document, year: int | None) -> MappedReport:
    tables = map_tables(doc)
    edition, source = decide_edition(tables, doc.text, year)
    notes = [n for t in tables.values() for n in t.notes]
    report = MappedReport(edition, source, tables, notes=notes)
    if edition is not None:
        report.cells = assemble(tables, edition)
    return report
