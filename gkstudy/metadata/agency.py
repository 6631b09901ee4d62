"""What kind of body published a report, and at which level of government.

Types (the distinction Art. 49 of the Regulations draws for deadlines):
* ``government`` — a people's government itself (淮安市人民政府, 洪泽区人民政府);
* ``township`` — a township or town government or a street office (浓河镇人民政府, 某某街道办事处);
  a bare township name (瓦房子镇) stands for its government;
* ``department`` — a working department of a government (淮安市教育局, 区人民政府办公室);
* ``other`` — development-zone committees and bodies the name does not settle; no deadline is
  judged for them.
Level: the government's level (province, city, county, township) — for a department, the level of
the government it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gkstudy.core.normalize import nfkc
from gkstudy.metadata.places import Place, leading_places, township_of

AGENCY_TYPES = ("government", "department", "township", "other")
LEVELS = ("province", "city", "county", "township")

_GOVERNMENT = re.compile(r"^(?:人民政府|政府)$")
_TOWNSHIP_SELF = re.compile(r"^(?:人民政府|政府|办事处|街道办事处|党政办公室|人民政府办公室)?$")
_OTHER = re.compile(r"管委会|管理委员会|管理区|开发区|新区|园区")


@dataclass(frozen=True)
class AgencyKind:
    agency_type: str  # one of AGENCY_TYPES, or "" when there is no agency name
    level: str  # one of LEVELS, or ""


def classify_agency(agency: str, place: Place) -> AgencyKind:
    name = nfkc(agency).replace(" ", "")
    if not name:
        return AgencyKind("", "")
    _names, rest = leading_places(name)
    township = township_of(rest) or place.township
    if township and township in rest:
        after = rest[rest.index(township) + len(township):]
        if _TOWNSHIP_SELF.match(after):
            return AgencyKind("township", "township")
        return AgencyKind("department", "township")
    level = _place_level(place)
    if _OTHER.search(rest):
        return AgencyKind("other", level)
    if _GOVERNMENT.match(rest):
        return AgencyKind("government", level)
    if rest:
        return AgencyKind("department", level)
    # A bare place name (洪泽区) stands for its government.
    return AgencyKind("government", level)


def _place_level(place: Place) -> str:
    if place.county_code:
        return "county"
    if place.city_code:
        # 北京市's districts sit under a "city" row that is the municipality itself.
        return "province" if place.city_code[:2] in ("11", "12", "31", "50") else "city"
    if place.province_code:
        return "province"
    return ""


PLACE_COLUMNS = ("agency_type", "level", "province", "city", "county", "township", "province_code", "city_code",
                 "county_code", "place_evidence")


def agency_columns(agency: str, lines: list[str]) -> dict[str, str]:
    """reports.csv columns describing the agency: its type, level and place with codes."""
    from gkstudy.metadata.places import resolve_place

    place = resolve_place(agency, lines) if agency else Place(evidence="no agency name")
    kind = classify_agency(agency, place)
    return {"agency_type": kind.agency_type, "level": kind.level, "province": place.province, "city": place.city,
            "county": place.county, "township": place.township, "province_code": place.province_code,
            "city_code": place.city_code, "county_code": place.county_code, "place_evidence": place.evidence}
