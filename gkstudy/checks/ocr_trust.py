"""How far to trust each value OCR read: the identities decide, as for every other doubt.

A value read by OCR keeps the flag ``ocr`` alone only when at least one identity involving it was
evaluated and every evaluated one holds. Otherwise it gains a second flag: ``ocr_identity_failed``
(an identity involving it fails: one of its cells is misread, the identity cannot say which) or
``ocr_unchecked`` (no identity involving it could be evaluated: table 二, or a neighbour is NA).
``ocr_low_confidence`` comes from the recogniser's score (readers/ocr) and always stays.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gkstudy.checks.identities import Key, identities
from gkstudy.checks.repair import _holds, values_for_checks
from gkstudy.core import flags
from gkstudy.mapper.cells import MappedCell


@dataclass(frozen=True)
class OcrSummary:
    cells: int  # cells whose value came from OCR
    confidence: float | None  # their mean recogniser score


def trust_ocr_cells(edition: str, cells: list[MappedCell]) -> list[MappedCell]:
    """``cells`` with the identity doubt flags added to the OCR'd values (after repair)."""
    if not any(flags.has(c.flag, flags.OCR) for c in cells):
        return cells
    values = values_for_checks(cells)
    held: set[Key] = set()
    failed: set[Key] = set()
    for identity in identities(edition, values):
        known = {k: values[k] for k in identity.keys}
        if any(v is None for v in known.values()):
            continue
        (held if _holds(identity, known) else failed).update(identity.keys)
    out = []
    for c in cells:
        key = (c.table, c.row, c.col)
        if flags.has(c.flag, flags.OCR) and c.value is not None and key in values and values[key] is not None:
            if key in failed:
                c = replace(c, flag=flags.add(c.flag, flags.OCR_IDENTITY_FAILED))
            elif key not in held:
                c = replace(c, flag=flags.add(c.flag, flags.OCR_UNCHECKED))
        out.append(c)
    return out


def ocr_summary(cells: list[MappedCell]) -> OcrSummary:
    scores = [c.token.score for c in cells
              if flags.has(c.flag, flags.OCR) and c.token is not None and c.token.score is not None]
    n = sum(1 for c in cells if flags.has(c.flag, flags.OCR))
    return OcrSummary(n, sum(scores) / len(scores) if scores else None)


def only_ocr(flag: str) -> bool:
    """A cell whose one flag is ``ocr``: read by OCR and confirmed by the identities (not a doubt)."""
    return flags.split(flag) == [flags.OCR]
