"""docs/formats.md documents every flag the extractor can write, and nothing it cannot.

The flags are the constants of gkstudy/core/flags.py; the stages that write flags (mapper, checks,
core) name them only through that module, so a flag added there must be documented here.
"""

import re
from pathlib import Path

from gkstudy.core import flags

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gkstudy"
DOC = ROOT / "docs" / "formats.md"


def flags_in_doc() -> set[str]:
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    return {f for row in rows for f in re.findall(r"`(\w+)`", row.split("|")[1])}


def test_every_flag_is_documented_and_every_documented_flag_exists():
    assert len(flags.FLAGS) >= 20
    assert flags.FLAGS == flags_in_doc()
    assert {flags.no_table(t) for t in ("t2", "t3", "t4")} <= flags.FLAGS


def test_flag_names_are_written_only_in_core_flags():
    literal = re.compile(r"""["'](%s)["']""" % "|".join(sorted(flags.FLAGS)))
    found = []
    for folder in ("mapper", "checks", "core"):
        for path in (PACKAGE / folder).rglob("*.py"):
            if path.name != "flags.py":
                found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in literal.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
