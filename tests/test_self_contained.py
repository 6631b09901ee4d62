"""The tests use only what is in the repository: a lone clone, with nothing beside it, passes them."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# A path out of the checkout: the folder above it, or the reference material kept beside it.
OUTSIDE = re.compile(r"""\bSHARED\b|ROOT\.parent|parents\[2\]|["'](?:\.\./)+|["']/work/|/ "shared"|["']shared["']""")


def test_no_test_reads_outside_the_repository():
    offenders = [f"{path.name}:{n}" for path in sorted(TESTS.rglob("*.py")) if path.name != Path(__file__).name
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if OUTSIDE.search(line)]
    assert offenders == []


def test_the_pattern_catches_the_ways_out():
    for line in ('SEEDS = ROOT.parent / "shared" / "seeds"', 'open("../shared/spec/cells.csv")', 'Path("/work/shared")', 'from conftest import SHARED'):
        assert OUTSIDE.search(line), line
