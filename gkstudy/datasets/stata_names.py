"""Stata variable names for dataset columns: valid, at most 32 characters, unique, deterministic.

A cell code such as ``t3.not_processed.confirmation.natural_person`` (44 characters) becomes
``t3_notproc_confirm_person``: each dot-separated part is replaced by its abbreviation from
ABBREVIATIONS (if it has one) and the parts are joined with ``_``. The same rule applies to every
code, short or long, so one row or column is spelled the same way in every variable. The name of
every exported variable is listed in the codebook (column ``stata_name``).
"""

from __future__ import annotations

import re

# Parts of cell codes and their abbreviations (written down once; changing one renames variables).
ABBREVIATIONS = {
    "natural_person": "person",
    "normative_docs": "normdocs",
    "new_published": "new_pub",
    "total_published": "total_pub",
    "other_services": "othsvc",
    "state_secret": "secret",
    "law_prohibited": "law",
    "security_stability": "security",
    "third_party": "thirdparty",
    "internal_affairs": "internal",
    "process_info": "process",
    "enforcement_file": "enforce",
    "unavailable": "unavail",
    "needs_creation": "create",
    "not_processed": "notproc",
    "publication": "publ",
    "confirmation": "confirm",
    "no_correction": "nocorr",
}

# Words Stata reserves (Stata manual [U] 11.3); a column with one of these names gets a trailing _.
RESERVED = frozenset(
    "_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _skip strL using with".split())
VALID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,31}$")


def stata_name(column: str) -> str:
    """The Stata name of a dataset column (cell code or plain column name)."""
    name = "_".join(ABBREVIATIONS.get(part, part) for part in column.split("."))
    name = re.sub(r"[^A-Za-z0-9_]", "_", name)
    if name in RESERVED or re.fullmatch(r"str\d+", name):
        name += "_"
    if not VALID.match(name):
        raise ValueError(f"no valid Stata name for column {column!r} (got {name!r}); add an abbreviation")
    return name


def stata_names(columns: list[str]) -> dict[str, str]:
    """column → Stata name for one dataset; raises if two columns would share a name."""
    out = {c: stata_name(c) for c in columns}
    seen: dict[str, str] = {}
    for column, name in out.items():
        if name in seen:
            raise ValueError(f"columns {seen[name]!r} and {column!r} both map to Stata name {name!r}")
        seen[name] = column
    return out
