"""The study's selection parameters (``--years``, ``--provinces``, ``--levels``) checked before any page
is drawn: a value that selects nothing is a typo to report in one line with the valid values, not an
empty page.

Two steps, because a run may add the data it then selects (``gkstudy run --years 2025`` extracts the
2025 files first):
* ``spelling_problems`` — before anything runs: a year has four digits, a province is a full name
  of the gazetteer (江苏省, not 江苏), a level is one of ``agency.LEVELS``;
* ``data_problems`` — once reports.csv is there (after 01_extract): every value selects at least one
  report (status ok or partial, not a copy of another).
"""

from __future__ import annotations

import csv
from pathlib import Path

from gkstudy.core.document import READ_STATUSES
from gkstudy.metadata import gazetteer
from gkstudy.metadata.agency import LEVELS
from gkstudy.study.nbsupport import parse_list

# parameter -> the reports.csv column it selects on
FILTERS = {"years": "year", "provinces": "province", "levels": "level"}
SHOWN_VALUES = 40  # valid values named in the message; more are summarised as "… (N in all)"


def _provinces() -> list[str]:
    return sorted({u.name for u in gazetteer.units() if u.level == "province" and u.current})


def usable_rows(reports_csv: Path) -> list[dict]:
    """The selection columns of the reports with tables that are not copies (none if no file)."""
    if not reports_csv.is_file():
        return []
    with open(reports_csv, encoding="utf-8-sig", newline="") as fh:
        return [{name: row.get(column) or "" for name, column in FILTERS.items()} for row in csv.DictReader(fh)
                if row.get("status") in READ_STATUSES and not row.get("duplicate_of")]


def values_in_data(reports_csv: Path) -> dict[str, list[str]]:
    """parameter -> the values the reports with tables have, sorted (empty lists if no file)."""
    rows = usable_rows(reports_csv)
    return {name: sorted({row[name] for row in rows if row[name]}) for name in FILTERS}


def _listed(values: list[str]) -> str:
    shown = " ".join(values[:SHOWN_VALUES])
    return shown + (f" … ({len(values)} in all)" if len(values) > SHOWN_VALUES else "")


def _misspelt(name: str, value: str) -> str:
    """Why ``value`` cannot be a value of ``name`` whatever the data, or ''."""
    if name == "years":
        return "" if value.isdigit() and len(value) == 4 else "not a year (four digits, e.g. 2024)"
    if name == "levels":
        return "" if value in LEVELS else f"not a level ({' '.join(LEVELS)})"
    if value in _provinces():
        return ""
    guesses = [u.name for u in gazetteer.short_names().get(value, ()) if u.level == "province"]
    return "not a province's full name" + (f" (did you mean {' '.join(guesses)}?)" if guesses else "")


def _selected(parameters: dict) -> dict[str, list[str]]:
    return {name: parse_list(parameters[name]) for name in FILTERS if parse_list(parameters.get(name))}


def spelling_problems(parameters: dict, reports_csv: Path) -> str:
    """One line about the first value that can select nothing whatever the data, or ''."""
    for name, values in _selected(parameters).items():
        for value in values:
            why = _misspelt(name, value)
            if why:
                have = values_in_data(reports_csv)[name]
                valid = (f"{name} in {reports_csv}: {_listed(have)}" if have
                         else f"valid {name}: {_listed(_provinces())}" if name == "provinces" else "")
                return f"--{name} {value}: {why}" + (f"; {valid}" if valid else "")
    return ""


def data_problems(parameters: dict, reports_csv: Path) -> str:
    """One line about the first value no report in ``reports_csv`` has, or ''."""
    selected = _selected(parameters)
    if not selected:
        return ""
    if not reports_csv.is_file():
        return f"cannot check --{next(iter(selected))}: no {reports_csv}; run 01_extract first"
    rows = usable_rows(reports_csv)
    have = values_in_data(reports_csv)
    for name, values in selected.items():
        missing = [v for v in values if v not in have[name]]
        if missing:
            return (f"--{name} {' '.join(missing)}: no report with tables has it in {reports_csv}; "
                    f"{name} there: {_listed(have[name]) or '(none)'}")
    if not any(all(row[name] in values for name, values in selected.items()) for row in rows):
        asked = " ".join(f"--{name} {' '.join(values)}" for name, values in selected.items())
        return f"{asked}: each value is in {reports_csv}, but no report has them together"
    return ""
