"""docs/formats.md documents every flag the extractor can write, and nothing it cannot."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gkstudy"
DOC = ROOT / "docs" / "formats.md"

# Where flags are born: parse results, row fitting, mapping, repair, the PDF cross-check.
_SITES = [
    re.compile(r'ParsedValue\(None, "(\w+)"\)'),
    re.compile(r'flags\.append\("(\w+)"\)'),
    re.compile(r'MappedCell\([^)]*"(\w+)", tok\)'),
    re.compile(r'^\s*flag = "(\w+)"', re.M),
    re.compile(r'"(\w+)" if row\.startswith\("other"\) else "(\w+)"'),
    re.compile(r'_join\(cell\.flag, "(\w+)"\)'),
    re.compile(r'"(header_assumed)" if note'),
    re.compile(r'^(?:INFERRED|RESOLVED|UNRESOLVED|DISAGREE) = "(\w+)"', re.M),
    re.compile(r'\{"blank_row": "(\w+)", "no_values": "(\w+)"\}'),
    re.compile(r'fit_flag == "(\w+)"'),
    re.compile(r'^OCR\w* = "(\w+)"', re.M),  # core/flags.py: the OCR reader's flags
]


def flags_in_code() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for site in _SITES:
            for m in site.finditer(text):
                found.update(g for g in m.groups() if g)
    found.discard("blank_row")  # rowfit's internal name, written as "blank"
    if "no_table_" in (PACKAGE / "mapper" / "tables.py").read_text(encoding="utf-8"):
        found |= {"no_table_t2", "no_table_t3", "no_table_t4"}
    return found


def flags_in_doc() -> set[str]:
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    return {f for row in rows for f in re.findall(r"`(\w+)`", row.split("|")[1])}


def test_every_flag_is_documented_and_every_documented_flag_exists():
    code = flags_in_code()
    assert len(code) >= 20, sorted(code)  # the sites above still find the flags
    assert code == flags_in_doc()
