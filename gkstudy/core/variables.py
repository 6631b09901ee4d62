"""Every variable of the exported datasets that is not a table cell: labels, unit, type, allowed values.

Read from ``gkstudy/data/variables.csv`` (rows grouped: meta = report keys carried into every table,
report, cell, check, harmonized, codebook). Cell variables (``t3.received.total`` …) come from the
package codebook instead. A new column in reports.csv needs one line in variables.csv; the
test ``test_codebook_docs`` fails until it has one.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from gkstudy.core import flags

GROUPS = ("meta", "report", "cell", "check", "harmonized", "codebook")


@dataclass(frozen=True)
class Variable:
    group: str
    name: str
    label_zh: str
    label_en: str
    unit: str
    type: str  # Frictionless field type: string, integer, number, date, boolean
    values: str  # allowed values separated by ';', empty when open
    note: str

    @property
    def allowed(self) -> tuple[str, ...]:
        return tuple(v for v in self.values.split(";") if v)


# In variables.csv, the allowed values of the cells' flag column are the flags of core/flags.py,
# stated there once: the file says FLAGS_FROM_CODE instead of listing them again.
FLAGS_FROM_CODE = "@gkstudy.core.flags"


@functools.cache
def all_variables() -> tuple[Variable, ...]:
    text = resources.files("gkstudy").joinpath("data/variables.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    for row in rows:
        if row["values"] == FLAGS_FROM_CODE:
            row["values"] = ";".join(flags.ALL)
    return tuple(Variable(**row) for row in rows)


def group(name: str) -> tuple[Variable, ...]:
    if name not in GROUPS:
        raise ValueError(f"unknown variable group {name!r}; expected one of {', '.join(GROUPS)}")
    return tuple(v for v in all_variables() if v.group == name)


def names(group_name: str) -> tuple[str, ...]:
    return tuple(v.name for v in group(group_name))


def find(name: str, groups: tuple[str, ...]) -> Variable | None:
    """The variable ``name`` from the first of ``groups`` that defines it."""
    for g in groups:
        for v in group(g):
            if v.name == name:
                return v
    return None
