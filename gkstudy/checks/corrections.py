"""The corrections file: a person's decisions about cells, recorded once, applied on every run.

A CSV (default ``data/corrections.csv``, versioned with the study; ``data/raw`` stays as
published) with one row per corrected cell::

    sha256,table,row,col,value,note,by,date[,file]

``sha256`` names the report file (its bytes, as in reports.csv), ``table,row,col`` the canonical
cell, ``value`` the number in the spec's unit, or NA. The optional ``file`` column is for people.
After a report is read, each of its corrections replaces the cell's value and adds the flag
``corrected``; ``raw`` stays what is printed and ``value_read`` what the kit read, and the checks
run again on the corrected values (gkstudy.checks.recheck), so a corrected total passes or fails
its identity honestly.

A file that is malformed stops the run before anything is written (:class:`CorrectionsError`, one
line naming the file and the line). What became of each correction goes to a corrections report
(``corrections_report.csv``): applied, not needed (the kit now reads that value), or its report
not among the inputs (the study may run on a subset).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from gkstudy.core import codebook, flags

DEFAULT_PATH = "data/corrections.csv"
# What names the report a correction belongs to. A file that yields several reports will add an
# optional ``part`` column here: the key and every lookup below follow this tuple.
REPORT_KEY = ("sha256",)
CELL_KEY = REPORT_KEY + ("table", "row", "col")
COLUMNS = CELL_KEY + ("value", "note", "by", "date")
OPTIONAL_COLUMNS = ("file",)
REPORT_FILE = "corrections_report.csv"
REPORT_COLUMNS = ("line",) + CELL_KEY + ("file", "value", "value_read", "outcome", "detail")
# What became of one correction (the corrections report's ``outcome``).
APPLIED = "applied"
NOT_NEEDED = "not_needed"
UNKNOWN_REPORT = "unknown_report"
NO_CELLS = "no_cells"
NA_WORDS = frozenset({"", "NA", "na", "N/A", "n/a"})
SHA256 = re.compile(r"^[0-9a-f]{64}$")
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


class CorrectionsError(Exception):
    """A corrections file that cannot be used; the message is one line naming file and line."""


@dataclass(frozen=True)
class Correction:
    line: int  # line of the file where the row ends (1 is the header)
    sha256: str
    table: str
    row: str
    col: str
    value: float | int | None
    note: str = ""
    by: str = ""
    date: str = ""
    file: str = ""

    @property
    def report(self) -> tuple[str, ...]:
        return tuple(getattr(self, k) for k in REPORT_KEY)

    @property
    def cell(self) -> tuple[str, str, str]:
        return (self.table, self.row, self.col)

    @property
    def code(self) -> str:
        return ".".join(self.cell)


@dataclass
class Corrections:
    path: str
    rows: list[Correction] = field(default_factory=list)

    def for_report(self, *key: str) -> list[Correction]:
        return [c for c in self.rows if c.report == key]

    def reports(self) -> set[tuple[str, ...]]:
        return {c.report for c in self.rows}


def value_of(text: str) -> float | int | None:
    """A correction's value: NA, or a plain number in the spec's unit (thousands commas allowed,
    no unit words: the unit is the codebook's); ValueError otherwise."""
    text = text.strip()
    if text in NA_WORDS:
        return None
    if not NUMBER.match(text):
        raise ValueError(f"value {text!r} is not a number (write the number in the spec's unit, or NA)")
    value = float(text.replace(",", ""))
    return int(value) if value == int(value) else value


def read_corrections(path: str | Path) -> Corrections:
    """Read and validate a corrections file; CorrectionsError (one line) when it is malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CorrectionsError(f"corrections file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionsError(f"{path}: cannot read the corrections file ({exc})") from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CorrectionsError(f"{path} line 1: missing column{'s' if len(missing) > 1 else ''} "
                               f"{', '.join(missing)} (expected {','.join(COLUMNS)})")
    reader.fieldnames = header
    out = Corrections(str(path))
    seen: dict[tuple, Correction] = {}
    try:
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue  # an empty line
            corr = _correction(row, reader.line_num, path)
            key = tuple(getattr(corr, k) for k in CELL_KEY)
            if key in seen:
                if seen[key].value != corr.value:
                    raise CorrectionsError(f"{path} line {corr.line}: {corr.code} of {corr.sha256[:16]} corrected "
                                           f"to {_shown(corr.value)} here but to {_shown(seen[key].value)} "
                                           f"on line {seen[key].line}")
                continue  # the same decision written twice
            seen[key] = corr
            out.rows.append(corr)
    except csv.Error as exc:
        raise CorrectionsError(f"{path} line {reader.line_num}: not valid CSV ({exc})") from None
    return out


def _correction(row: dict, line: int, path: Path) -> Correction:
    get = {k: (row.get(k) or "").strip() for k in COLUMNS + OPTIONAL_COLUMNS}
    sha = get["sha256"].lower()
    if not SHA256.match(sha):
        raise CorrectionsError(f"{path} line {line}: sha256 {get['sha256']!r} is not 64 hex digits "
                               "(copy it from reports.csv)")
    spec = codebook.any_edition_cell(get["table"], get["row"], get["col"])
    if spec is None:
        raise CorrectionsError(f"{path} line {line}: {get['table']}.{get['row']}.{get['col']} is not a cell code "
                               "of either edition (see docs/codebook.md)")
    try:
        value = value_of(get["value"])
    except ValueError as exc:
        raise CorrectionsError(f"{path} line {line}: {exc}") from None
    return Correction(line, sha, get["table"], get["row"], get["col"], value, get["note"], get["by"], get["date"],
                      get["file"])


def _shown(value) -> str:
    return "NA" if value is None else str(value)


@dataclass(frozen=True)
class Outcome:
    correction: Correction
    outcome: str
    value_read: float | int | None = None
    detail: str = ""

    def row(self) -> dict:
        c = self.correction
        return {"line": c.line, **{k: getattr(c, k) for k in CELL_KEY}, "file": c.file, "value": _field(c.value),
                "value_read": _field(self.value_read), "outcome": self.outcome, "detail": self.detail}


def _field(value) -> str | float | int:
    return "" if value is None else value


def _number(value) -> float | int | None:
    return None if value in ("", None) else value


def apply_to_cells(corrections: list[Correction], edition: str, cell_rows: list[dict], source: str,
                   path: str = "corrections file") -> tuple[list[dict], list[Outcome]]:
    """The report's cell rows with its corrections applied, and what became of each correction.

    A cell code that is not a cell of this report (its edition's cells, and the rows of the other
    edition it printed) is a CorrectionsError naming the line: the file was written for another
    report or with a typo.
    """
    if not cell_rows:
        return cell_rows, [Outcome(c, NO_CELLS, detail=f"{source}: the report has no cells (see its status)")
                           for c in corrections]
    index = {(r["table"], r["row"], r["col"]): i for i, r in enumerate(cell_rows)}
    rows = list(cell_rows)
    outcomes = []
    for corr in corrections:
        i = index.get(corr.cell)
        if i is None:
            raise CorrectionsError(f"{path} line {corr.line}: {corr.code} is not a cell of {source} "
                                   f"(edition {edition or 'unknown'})")
        read = _number(rows[i].get("value_read", rows[i].get("value")))
        if read == corr.value and not flags.has(rows[i].get("flag"), flags.CORRECTED):
            outcomes.append(Outcome(corr, NOT_NEEDED, read, "the kit reads this value: the line can go"))
            continue
        rows[i] = dict(rows[i], value=_field(corr.value), flag=flags.add(rows[i].get("flag"), flags.CORRECTED))
        outcomes.append(Outcome(corr, APPLIED, read, corr.note))
    return rows, outcomes


def unknown_reports(corrections: Corrections, seen: set[tuple[str, ...]]) -> list[Outcome]:
    """Corrections for reports that were not among the inputs."""
    return [Outcome(c, UNKNOWN_REPORT, detail="no input file has this sha256 (the study may run on a subset)")
            for c in corrections.rows if c.report not in seen]


def write_corrections(path: str | Path, rows: list[dict]) -> Path:
    """Write corrections rows (dicts with the COLUMNS, ``file`` optional) as a corrections file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS + OPTIONAL_COLUMNS), extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("NA" if k == "value" and row.get(k) is None else row.get(k, "")) for k in writer.fieldnames})
    return path
