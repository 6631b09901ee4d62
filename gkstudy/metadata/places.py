"""Where a report's agency sits: province, city, county (names and 6-digit codes) and township.

The agency name is read first (淮安市洪泽区人民政府 names its county in full). Names shared by several
units (朝阳区 is in 北京市 and in 长春市) and agencies that name only a township (瓦房子镇) are
resolved from the rest of the report: the source line (来源:朝阳县), addresses and any other place
named in the text vote for the units they contain. When the votes tie, the place is left empty
rather than guessed.
"""

from __future__ import annotations

import functools

import re
from collections import Counter
from dataclasses import dataclass

from gkstudy.metadata import gazetteer as gz
from gkstudy.metadata.gazetteer import Unit
from gkstudy.core.normalize import nfkc

# A township-level unit as named in an agency: 浓河镇, 白奎乡, 朝阳街道, 某某苏木.
_TOWNSHIP = re.compile(r"([\u4e00-\u9fff]{1,10}?(?:镇|乡|街道|苏木))(?:人民政府|政府|办事处|$)")
# Lines that state where the report comes from; places on them count more than passing mentions.
_STRONG = re.compile(r"来源|地址|联系|发布机构|发文机关|信息来源")
STRONG_WEIGHT = 5
# County names of two characters (城区, 郊区, 矿区) are also ordinary words; in running text only
# names of three or more characters are taken as places.
MIN_TEXT_NAME = 3


@dataclass(frozen=True)
class Place:
    province: str = ""
    city: str = ""
    county: str = ""
    township: str = ""
    province_code: str = ""
    city_code: str = ""
    county_code: str = ""
    evidence: str = ""  # how the place was decided, for a reader

    @property
    def code(self) -> str:
        """The most specific code known."""
        return self.county_code or self.city_code or self.province_code


def segment(text: str, min_len: int = 2) -> list[tuple[int, str]]:
    """Gazetteer names in ``text`` by longest match from left to right: (position, name)."""
    names = gz.by_name()
    starts = gz.name_lengths_by_first_char()
    out = []
    i = 0
    while i < len(text):
        for n in starts.get(text[i], ()):
            if min_len <= n <= len(text) - i and text[i:i + n] in names:
                out.append((i, text[i:i + n]))
                i += n
                break
        else:
            i += 1
    return out


def leading_places(agency: str) -> tuple[list[str], str]:
    """Place names the agency name starts with, and what follows them."""
    names, rest = [], agency
    while True:
        found = segment(rest[:gz.max_name_length()])
        if not found or found[0][0] != 0:
            return names, rest
        names.append(found[0][1])
        rest = rest[len(found[0][1]):]


def township_of(rest: str) -> str:
    m = _TOWNSHIP.match(rest)
    return m.group(1) if m else ""


def context_votes(lines: list[str]) -> Counter:
    """Votes per unit code from place names in the text (full names; short names of provinces and
    cities); lines that say where the report comes from weigh more."""
    votes: Counter = Counter()
    short = gz.short_names()
    for line in lines:
        text = nfkc(line).replace(" ", "")
        if not text:
            continue
        weight = STRONG_WEIGHT if _STRONG.search(text) else 1
        found = segment(text, MIN_TEXT_NAME)
        for _pos, name in found:
            for u in gz.by_name()[name]:
                votes[u.code] += weight
        for pos, name in found:  # a full name is not also a short one (朝阳区 is not 朝阳 + 区)
            text = text[:pos] + "□" * len(name) + text[pos + len(name):]
        for name in _short_names_in(text, short):
            for u in short[name]:
                votes[u.code] += weight
    return votes


def _short_names_in(text: str, short: dict) -> list[str]:
    """Every occurrence of a short name in ``text`` (looked up position by position: a few
    dictionary lookups per character instead of a scan of the text per name)."""
    lengths = _short_lengths()
    return [text[i:i + n] for i in range(len(text)) for n in lengths if text[i:i + n] in short]


@functools.cache
def _short_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(name) for name in gz.short_names()}))


def _support(unit: Unit, votes: Counter) -> int:
    return sum(votes[a.code] for a in gz.ancestors(unit))


def _chains(names: list[str]) -> list[Unit]:
    """Most specific units consistent with every named level (each name inside the one before)."""
    options: list[list[Unit]] = [[]]
    for name in names:
        options = [chain + [u] for chain in options for u in gz.by_name()[name]
                   if not chain or gz.is_within(u, chain[-1])]
    return [chain[-1] for chain in options if chain]


def _pick(candidates: list[Unit], votes: Counter) -> tuple[Unit | None, str]:
    current = [u for u in candidates if u.current] or candidates
    current = list(dict.fromkeys(current))
    # 北京市 is both the province and its own city row: the name means the outer one.
    current = [u for u in current if not any(o is not u and gz.is_within(u, o) for o in current)]
    if len(current) == 1:
        return current[0], ""
    scored = sorted(((_support(u, votes), u) for u in current), key=lambda x: -x[0])
    if scored and scored[0][0] > scored[1][0]:
        return scored[0][1], f"chosen by context over {', '.join(u.code for _s, u in scored[1:])}"
    return None, "ambiguous: " + ", ".join(f"{u.name} {u.code}" for _s, u in scored)


def _from_context(votes: Counter) -> tuple[Unit | None, str]:
    """The best-supported unit named in the text, preferring the most specific level."""
    for level in ("county", "city", "province"):
        named = [gz.by_code()[c] for c, n in votes.items() if n > 0 and c in gz.by_code()
                 and gz.by_code()[c].level == level]
        if not named:
            continue
        best = max(_support(u, votes) for u in named)
        top = [u for u in named if _support(u, votes) == best]
        if len(top) == 1:
            return top[0], f"from text ({top[0].name} named {votes[top[0].code]}×)"
        return None, "ambiguous in text: " + ", ".join(u.name for u in top)
    return None, "no place named"


def place_of(unit: Unit | None, township: str = "", evidence: str = "") -> Place:
    if unit is None:
        return Place(township=township, evidence=evidence)
    fields: dict[str, str] = {}
    for u in gz.ancestors(unit):
        fields[u.level] = u.name
        fields[u.level + "_code"] = u.code
    return Place(township=township, evidence=evidence, **fields)


def resolve_place(agency: str, lines: list[str]) -> Place:
    """Province, city, county and township of the agency, using the report text as context."""
    agency = nfkc(agency).replace(" ", "")
    names, rest = leading_places(agency)
    if not names:  # 淮安经济技术开发区: a city named without its suffix
        for n in range(min(len(agency), 8), 1, -1):
            if agency[:n] in gz.short_names():
                names, rest = [gz.short_names()[agency[:n]][0].name], agency[n:]
                break
    township = township_of(rest)
    votes = context_votes(lines)
    if names:
        unit, note = _pick(_chains(names), votes)
        evidence = "agency name" + (f"; {note}" if note else "")
        if unit is not None and unit.level != "county" and township:
            # 某市某镇 with no county named: the county may be named elsewhere in the text.
            inner, inner_note = _from_context(Counter({c: n for c, n in votes.items()
                                                       if gz.is_within(gz.by_code()[c], unit)}))
            if inner is not None and inner.level == "county":
                unit, evidence = inner, f"{evidence}; county {inner_note}"
        return place_of(unit, township, evidence)
    unit, evidence = _from_context(votes)
    return place_of(unit, township, evidence)
