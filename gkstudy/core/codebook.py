"""The bilingual codebook: every canonical cell of tables t2, t3 and t4 in both format editions.

Read once from ``gkstudy/data/cells.csv`` (a copy of the shared spec). Every other module asks
this one for cell labels, units, cell lists and the tables' shapes (``T3_COLS``, ``T4_ROWS``…); no cell
label is written anywhere else (the mapper adds only header words that are no cell: 法人或其他组织, 小计).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

EDITIONS = ("2019", "2021")
TABLES = ("t2", "t3", "t4")


@dataclass(frozen=True)
class CellSpec:
    edition: str
    table: str
    row: str
    col: str
    row_label_zh: str
    col_label_zh: str
    label_en: str
    unit: str

    @property
    def code(self) -> str:
        """Stable variable name, e.g. ``t3.received.total``."""
        return f"{self.table}.{self.row}.{self.col}"


@functools.cache
def all_cells() -> tuple[CellSpec, ...]:
    text = resources.files("gkstudy").joinpath("data/cells.csv").read_text(encoding="utf-8")
    return tuple(CellSpec(**row) for row in csv.DictReader(text.splitlines()))


@functools.cache
def cells(edition: str, table: str | None = None) -> tuple[CellSpec, ...]:
    """Canonical cells of one edition (optionally one table), in codebook order."""
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; expected one of {', '.join(EDITIONS)}")
    if table is not None and table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    return tuple(c for c in all_cells() if c.edition == edition and (table is None or c.table == table))


@functools.cache
def cell(edition: str, table: str, row: str, col: str) -> CellSpec | None:
    for c in cells(edition, table):
        if c.row == row and c.col == col:
            return c
    return None


@functools.cache
def any_edition_cell(table: str, row: str, col: str) -> CellSpec | None:
    """The cell in whichever edition defines it (2021 first): for rows a report prints out of edition."""
    for edition in reversed(EDITIONS):
        found = cell(edition, table, row, col)
        if found:
            return found
    return None


def rows(edition: str, table: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.row for c in cells(edition, table)))


def cols(edition: str, table: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.col for c in cells(edition, table)))


def row_label(table: str, row: str) -> str:
    for c in all_cells():
        if c.table == table and c.row == row:
            return c.row_label_zh
    raise KeyError(f"no row {row!r} in table {table!r}")


def col_label(table: str, col: str, edition: str | None = None) -> str:
    for c in all_cells():
        if c.table == table and c.col == col and (edition is None or c.edition == edition):
            return c.col_label_zh
    raise KeyError(f"no column {col!r} in table {table!r}")


def label(code: str, lang: str = "zh") -> str:
    """Human label of a cell code such as ``t3.received.total`` in ``zh`` or ``en``."""
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")
    table, rest = code.split(".", 1)
    row, col = rest.rsplit(".", 1)
    spec = any_edition_cell(table, row, col)
    if spec is None:
        raise KeyError(f"unknown cell code {code!r}")
    return f"{spec.row_label_zh} · {spec.col_label_zh}" if lang == "zh" else spec.label_en


def same_in_every_edition(table: str, axis: str) -> tuple[str, ...]:
    """The rows (``axis="row"``) or columns (``"col"``) of a table, where every edition has the same
    ones in the same order (t3's columns, t4's rows and columns); ValueError where they differ."""
    found = {(rows if axis == "row" else cols)(edition, table) for edition in EDITIONS}
    if len(found) != 1:
        raise ValueError(f"the editions differ in the {axis}s of {table}")
    return found.pop()


def shared_rows(table: str) -> tuple[str, ...]:
    """Rows of ``table`` present in every edition, in the first edition's order."""
    return tuple(r for r in rows(EDITIONS[0], table) if all(r in rows(e, table) for e in EDITIONS))


# The table shapes every other module uses: read from cells.csv, never written by hand elsewhere.
T3_COLS = same_in_every_edition("t3", "col")  # six applicant columns, then "total"
T3_APPLICANTS = tuple(c for c in T3_COLS if c != "total")
T4_ROWS = same_in_every_edition("t4", "row")  # review, suit_direct, suit_after_review
T4_COLS = same_in_every_edition("t4", "col")  # four results, then "total"
T4_PARTS = tuple(c for c in T4_COLS if c != "total")
# （六）其他处理: one row "other" in 2019, three rows "other.*" in 2021.
T3_OTHER_PARTS = tuple(r for r in rows("2021", "t3") if r.startswith("other."))
