"""Every flag a cell can carry, written once, with the helpers that join and test them.

A cell's ``flag`` field in cells.csv is a ``;``-separated list (the contract's format). Code never
joins or splits that string by hand: it calls :func:`add`, :func:`has` and :func:`split`.
``docs/formats.md`` documents each name in ``FLAGS`` (a test keeps the two in step).
"""

from __future__ import annotations

SEPARATOR = ";"

# Why a value is NA (or kept with a doubt), as the readers and the mapper find it.
BLANK = "blank"
PRINTED_NA = "printed_na"
UNREADABLE = "unreadable"
WRONG_UNIT = "wrong_unit"
NON_INTEGER = "non_integer"
UNIT_CONVERTED = "unit_converted"
UNIT_ASSUMED = "unit_assumed"
SHORT_ROW = "short_row"
EXTRA_VALUES = "extra_values"
NO_VALUES = "no_values"
NOT_FOUND = "not_found"
NO_TABLE_T2 = "no_table_t2"
NO_TABLE_T3 = "no_table_t3"
NO_TABLE_T4 = "no_table_t4"
OTHER_ROW_SHAPE = "other_row_shape"
OUT_OF_EDITION = "out_of_edition"
HEADER_ASSUMED = "header_assumed"
CONCATENATED_CELLS = "concatenated_cells"
SPLIT_BY_IDENTITY = "split_by_identity"
# The two PDF readers, and what the identities made of their disagreement.
READERS_DISAGREE = "readers_disagree"
RESOLVED_BY_IDENTITY = "resolved_by_identity"
UNRESOLVED = "unresolved"
INFERRED_FROM_IDENTITY = "inferred_from_identity"
# A person's decision from the corrections file (gkstudy.checks.corrections): the value is theirs,
# ``raw`` still what is printed and ``value_read`` what the kit read.
CORRECTED = "corrected"
# Table 三's row labels printed apart from their rows (converter text): numbers placed by the
# format's row order where that is certain, else NA.
POSITION_ASSUMED = "position_assumed"
LABELS_APART = "labels_apart"
# Values read by OCR from page images (readers/ocr), and the doubts that the score or the
# identities raise about them (checks/ocr_trust.py). ``ocr`` alone means every identity that
# involves the value was evaluated and holds.
OCR = "ocr"
OCR_LOW_CONFIDENCE = "ocr_low_confidence"
OCR_IDENTITY_FAILED = "ocr_identity_failed"
OCR_UNCHECKED = "ocr_unchecked"


def no_table(table: str) -> str:
    """The flag of every cell of a table that was not found (``no_table_t3``)."""
    return f"no_table_{table}"


# Every flag in the order written above (the codebook lists them so); FLAGS for membership.
ALL = tuple(value for name, value in dict(globals()).items()
            if name.isupper() and name != "SEPARATOR" and isinstance(value, str))
FLAGS = frozenset(ALL)


def split(field: str | None) -> list[str]:
    """The flags of a ``;``-separated field, in order, without empties or repeats."""
    return list(dict.fromkeys(f for f in (field or "").split(SEPARATOR) if f))


def add(field: str | None, *new: str) -> str:
    """``field`` with the flags in ``new`` appended (each at most once, order kept)."""
    parts = split(field)
    for flag in new:
        parts.extend(split(flag))
    return SEPARATOR.join(dict.fromkeys(parts))


def has(field: str | None, flag: str) -> bool:
    return flag in split(field)
