"""Careful repair of tables 三 and 四: fill what the identities determine, and say so.

* A cell that could not be read (``unreadable``, ``short_row``, ``not_found``…) gets a value only
  when the identities it takes part in fix it uniquely: every identity in which it is the one
  unknown gives the same non-negative whole number, or it is a part of a total whose other parts
  already add up to the total (counts are ≥ 0, so every missing part is 0). Its flag gains
  ``inferred_from_identity``; ``raw`` stays what was printed (often empty).
* A cell where two readers saw different text (``readers_disagree``, the other text in ``alt``)
  keeps the reading that satisfies every identity it completes, flagged
  ``readers_disagree;resolved_by_identity``; when no reading fits it becomes NA
  (``readers_disagree;unresolved``); when no identity can be evaluated it is left as it was read.
* A cell printed blank or as —, / or 无 is the publisher's own statement and stays NA.

Checks must not see these values: a value chosen to satisfy an identity would make that
identity pass by construction. ``values_for_checks`` therefore hides every repaired cell, so
the identities it took part in are reported as not run rather than as passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from gkstudy.core import codebook, flags
from gkstudy.checks.identities import Identity, Key, holds, identities
from gkstudy.mapper.cells import MappedCell
from gkstudy.core.values import parse_value

INFERRED = flags.INFERRED_FROM_IDENTITY
RESOLVED = flags.RESOLVED_BY_IDENTITY
DISAGREE = flags.READERS_DISAGREE
UNRESOLVED = flags.UNRESOLVED
CORRECTED = flags.CORRECTED
# NA reasons that mean "not read", as opposed to "printed as nothing" (blank, printed_na).
REPAIRABLE = frozenset({flags.UNREADABLE, flags.SHORT_ROW, flags.EXTRA_VALUES, flags.NOT_FOUND, flags.NO_VALUES,
                        flags.WRONG_UNIT})
REPAIR_TABLES = ("t3", "t4")


@dataclass
class Repair:
    cells: list[MappedCell]
    inferred: int = 0
    resolved: int = 0
    unresolved: int = 0
    notes: list[str] = field(default_factory=list)


def _flags(cell: MappedCell) -> set[str]:
    return set(flags.split(cell.flag))


def is_repaired(cell_flag: str) -> bool:
    """A value chosen by an identity, and not since set by a person (``corrected``)."""
    return (flags.has(cell_flag, INFERRED) or flags.has(cell_flag, RESOLVED)) and not flags.has(cell_flag, CORRECTED)


def values_for_checks(cells: list[MappedCell]) -> dict[Key, float | int | None]:
    """Cell values for the checks, with every value chosen by an identity hidden (NA)."""
    return {(c.table, c.row, c.col): (None if is_repaired(c.flag) else c.value) for c in cells}


def _holds(identity: Identity, known: dict[Key, float | int]) -> bool:
    return holds(sum(known[k] for k in identity.left), sum(known[k] for k in identity.right))


def _solve(identity: Identity, key: Key, known: dict[Key, float | int]) -> float | int:
    left = sum(known[k] for k in identity.left if k != key)
    right = sum(known[k] for k in identity.right if k != key)
    return right - left if key in identity.left else left - right


def _alternatives(cell: MappedCell, unit: str) -> list[float | int]:
    out = [] if cell.value is None else [cell.value]
    alt = parse_value(cell.alt, unit).value if cell.alt else None
    if alt is not None and alt not in out:
        out.append(alt)
    return out


def repair_cells(edition: str, cells: list[MappedCell]) -> Repair:
    by_key = {(c.table, c.row, c.col): c for c in cells}
    values = {k: c.value for k, c in by_key.items()}
    ids = identities(edition, values)
    touching: dict[Key, list[Identity]] = {}
    for ident in ids:
        for k in ident.keys:
            touching.setdefault(k, []).append(ident)
    known = {k: c.value for k, c in by_key.items()
             if c.value is not None and DISAGREE not in _flags(c)}
    disputed = {k: _alternatives(c, _unit(edition, k)) for k, c in by_key.items()
                if DISAGREE in _flags(c) and k[0] in REPAIR_TABLES}
    missing = {k for k, c in by_key.items() if c.value is None and k[0] in REPAIR_TABLES
               and k not in disputed and _flags(c) & REPAIRABLE}
    out = Repair(cells=[])
    changed_cells: dict[Key, MappedCell] = {}
    changed = True
    while changed:
        changed = False
        for key in list(disputed):
            complete = [i for i in touching.get(key, []) if all(k in known for k in i.keys if k != key)]
            if not complete:
                continue
            fits = [v for v in disputed[key] if all(_holds(i, {**known, key: v}) for i in complete)]
            cell = by_key[key]
            del disputed[key]
            changed = True
            if len(fits) == 1:
                known[key] = fits[0]
                raw = cell.raw if fits[0] == cell.value else cell.alt
                changed_cells[key] = replace(cell, value=fits[0], raw=raw, flag=flags.add(cell.flag, RESOLVED))
                out.resolved += 1
                out.notes.append(f"{_code(key)}: readers disagreed ({cell.raw!r} vs {cell.alt!r}); "
                                 f"{', '.join(i.check for i in complete)} pick {fits[0]}")
            else:
                changed_cells[key] = replace(cell, value=None, flag=flags.add(cell.flag, UNRESOLVED))
                out.unresolved += 1
                out.notes.append(f"{_code(key)}: readers disagreed ({cell.raw!r} vs {cell.alt!r}); "
                                 "no reading fits the identities")
        for key in sorted(missing):
            solutions = set()
            sources = []
            for ident in touching.get(key, []):
                others = [k for k in ident.keys if k != key]
                if all(k in known for k in others):
                    solutions.add(_solve(ident, key, known))
                    sources.append(ident.check)
                elif ident.total_form and key in ident.right and ident.left[0] in known:
                    rest = known[ident.left[0]] - sum(known[k] for k in ident.right if k in known)
                    if rest == 0 and all(k in known or k in missing for k in others):
                        solutions.add(0)  # counts are ≥ 0: parts already make the total
                        sources.append(ident.check)
            if len(solutions) != 1:
                continue
            value = solutions.pop()
            if value < 0 or value != int(value):
                continue
            value = int(value)
            cell = by_key[key]
            known[key] = value
            missing.discard(key)
            changed = True
            changed_cells[key] = replace(cell, value=value, flag=flags.add(cell.flag, INFERRED))
            out.inferred += 1
            out.notes.append(f"{_code(key)} = {value} inferred from {', '.join(dict.fromkeys(sources))}")
    out.cells = [changed_cells.get((c.table, c.row, c.col), c) for c in cells]
    return out


def _unit(edition: str, key: Key) -> str:
    spec = codebook.cell(edition, *key) or codebook.any_edition_cell(*key)
    return spec.unit if spec else "件"


def _code(key: Key) -> str:
    return ".".join(key)
