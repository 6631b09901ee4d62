"""The bundled gazetteer: China's county-level-and-above divisions with 6-digit codes.

Read once from ``gkstudy/data/gazetteer.csv`` (built by ``gazetteer_build.py``; sources and choice
in docs/gazetteer.md). A code's ancestors follow from its digits: ``PP0000`` province, ``PPCC00``
prefecture-level city, ``PPCCXX`` county-level unit.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

# Suffixes a province or prefecture may be written without (黑龙江 for 黑龙江省). Longest first.
_SHORTENABLE = re.compile(
    r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市|地区|盟"
    r"|(?:[\u4e00-\u9fff]{1,8}族)*自治州)$")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: str  # province | city | county
    snapshot: str  # 2025: current; 2020: only in the older snapshot (abolished or renamed since)

    @property
    def current(self) -> bool:
        return self.snapshot != "2020"

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def city_code(self) -> str:
        return self.code[:4] + "00"


@functools.cache
def units() -> tuple[Unit, ...]:
    text = resources.files("gkstudy").joinpath("data/gazetteer.csv").read_text(encoding="utf-8")
    return tuple(Unit(**row) for row in csv.DictReader(text.splitlines()))


@functools.cache
def by_code() -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for u in units():
        if u.code not in out or u.current:
            out[u.code] = u
    return out


@functools.cache
def by_name() -> dict[str, tuple[Unit, ...]]:
    out: dict[str, list[Unit]] = {}
    for u in units():
        out.setdefault(u.name, []).append(u)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def short_names() -> dict[str, tuple[Unit, ...]]:
    """Provinces and prefectures by their name without suffix (黑龙江, 哈尔滨), 2+ characters."""
    out: dict[str, list[Unit]] = {}
    for u in units():
        if u.level == "county" or not u.current:
            continue
        short = _SHORTENABLE.sub("", u.name)
        if short != u.name and len(short) >= 2:
            out.setdefault(short, []).append(u)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def ancestors(unit: Unit) -> list[Unit]:
    """The unit's province and city (those that exist in the gazetteer), top down, then itself."""
    chain = []
    for code in (unit.province_code, unit.city_code):
        if code != unit.code and code in by_code():
            chain.append(by_code()[code])
    return chain + [unit]


def is_within(inner: Unit, outer: Unit) -> bool:
    if outer.level == "province":
        return inner.code[:2] == outer.code[:2]
    if outer.level == "city":
        return inner.code[:4] == outer.code[:4]
    return inner.code == outer.code


@functools.cache
def max_name_length() -> int:
    return max(len(n) for n in by_name())


@functools.cache
def name_lengths_by_first_char() -> dict[str, tuple[int, ...]]:
    """First character -> lengths of the names starting with it, longest first (for a quick
    longest-match scan: most characters of a text start no name at all)."""
    out: dict[str, set[int]] = {}
    for name in by_name():
        out.setdefault(name[0], set()).add(len(name))
    return {k: tuple(sorted(v, reverse=True)) for k, v in out.items()}
