"""Copies of one report in other files: the same agency and year with the same cells.

An agency publishes one annual report a year, so two files of the same agency and year are either
copies of that report (a re-download that differs by a byte, the PDF and its web page) or a conflict
that a person has to settle (a corrected version, a misread cell, two agencies read as one).

* Same agency and year (``crossyear.agency_key``, which joins 朝阳县瓦房子镇人民政府 and 瓦房子镇),
  same edition, and no cell read in both files with two different values: the files are one report.
  One is kept — the one with the most cells read (fewest NA), then the fewest flagged cells, then
  the first in input order — and every other gets ``duplicate_of`` = the kept file's source_file.
  A cell NA in one copy and read in the other does not make them differ (an unreadable copy of a
  report that was read elsewhere is still a copy).
* Same agency and year but a cell read differently (or another edition): a conflict. Both files
  stay in the data and each pair is a row of conflicts.csv (columns ``contract.CONFLICT_COLUMNS``).

Only reports with tables (status ok or partial), a year and an agency name are compared. Pure
functions over reports.csv/cells.csv rows, so a batch, a notebook or a test can run them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from gkstudy.checks.crossyear import agency_key, comparable

DETAIL_CELLS = 5  # differing cells named in a conflict's detail; the count says how many there are


def group_key(report: dict) -> tuple | None:
    """(agency key, year) of a report that can have copies, or None."""
    if not comparable(report):
        return None
    key = agency_key(report)
    if not key[1]:  # no agency name: a place code alone does not name one body
        return None
    return key, int(report["year"])


def _values(cells: Sequence[dict]) -> dict[tuple[str, str, str], float | str]:
    """The cells read (not NA), as numbers where they are numbers ('12' and '12.0' are one value)."""
    out: dict = {}
    for c in cells:
        v = c.get("value")
        if v is None or v == "":
            continue
        try:
            out[(c["table"], c["row"], c["col"])] = float(v)
        except (TypeError, ValueError):
            out[(c["table"], c["row"], c["col"])] = str(v)
    return out


def _count(report: dict, column: str) -> int:
    try:
        return int(report.get(column) or 0)
    except (TypeError, ValueError):
        return 0


def _differences(a: dict, b: dict) -> list[tuple[tuple, object, object]]:
    return [(k, a[k], b[k]) for k in sorted(a.keys() & b.keys()) if a[k] != b[k]]


def _text(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _conflict_row(report: dict, other: dict, diffs: list, edition_differs: bool) -> dict:
    if edition_differs:
        detail = f"edition {report.get('edition') or '?'} vs {other.get('edition') or '?'}"
    else:
        shown = "; ".join(f"{'.'.join(k)} {_text(a)} vs {_text(b)}" for k, a, b in diffs[:DETAIL_CELLS])
        detail = shown + (f"; … +{len(diffs) - DETAIL_CELLS}" if len(diffs) > DETAIL_CELLS else "")
    return {"report_id": report["report_id"], "source_file": report["source_file"],
            "other_report_id": other["report_id"], "other_source_file": other["source_file"],
            "agency": report.get("agency", ""), "year": report.get("year", ""),
            "cells_differing": "" if edition_differs else len(diffs), "detail": detail}


def resolve_group(indices: list[int], reports: Sequence[dict], cells_of: Callable[[int], Sequence[dict]]
                  ) -> tuple[dict[int, int], list[dict]]:
    """For reports of one agency and year: {index of a copy: index of the report kept} and the
    conflict rows (each kept report against the first kept one)."""
    order = sorted(indices, key=lambda i: (_count(reports[i], "cells_na"), _count(reports[i], "cells_flagged"), i))
    kept: list[tuple[int, dict]] = []  # the report kept for each distinct version, best first
    copies: dict[int, int] = {}
    for i in order:
        values = _values(cells_of(i))
        for k, kept_values in kept:
            if reports[k].get("edition") == reports[i].get("edition") and not _differences(kept_values, values):
                copies[i] = k
                break
        else:
            kept.append((i, values))
    conflicts = []
    (first, first_values), rest = kept[0], kept[1:]
    for i, values in sorted(rest):
        edition_differs = reports[i].get("edition") != reports[first].get("edition")
        conflicts.append(_conflict_row(reports[i], reports[first], _differences(values, first_values), edition_differs))
    return copies, conflicts


def mark_duplicates(reports: list[dict], cells_of: Callable[[int], Sequence[dict]]) -> list[dict]:
    """Set ``duplicate_of`` on every report that is a copy of another (in place) and return the
    conflict rows. ``cells_of(i)`` gives the cells of ``reports[i]``; it is called only for reports
    that share agency and year with another. Byte-identical copies (``duplicate_of`` already set)
    follow the file they copy: if it is itself a copy, they point at the report kept."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        key = group_key(report)
        if key is not None:
            groups[key].append(i)
    conflicts: list[dict] = []
    moved: dict[str, str] = {}  # source of a copy -> source of the report kept
    for indices in groups.values():
        if len(indices) < 2:
            continue
        copies, found = resolve_group(indices, reports, cells_of)
        conflicts.extend(found)
        for i, k in copies.items():
            reports[i]["duplicate_of"] = reports[k]["source_file"]
            moved[reports[i]["source_file"]] = reports[k]["source_file"]
    for report in reports:
        if report.get("duplicate_of") in moved:
            report["duplicate_of"] = moved[report["duplicate_of"]]
    return sorted(conflicts, key=lambda c: (str(c["year"]), c["other_source_file"], c["source_file"]))
