"""Every check the kit can write is explained once (gkstudy/checks/explain.py), and docs/checks.md
shows exactly that explanation."""

import re
from pathlib import Path

from gkstudy.checks.explain import EXPLANATIONS, check_touches, explain, markdown_table

ROOT = Path(__file__).resolve().parent.parent


def checks_in_code() -> set[str]:
    found = set()
    for path in (ROOT / "gkstudy" / "checks").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'(?:Check|Identity)\("(\w+)"', text))
        found |= set(re.findall(r'_row\(cur\["report_id"\], "(\w+)"', text))
    return found


def test_every_check_written_by_the_code_is_explained():
    names = checks_in_code()
    assert {"t3_balance", "t4_row_total", "carry_over_mismatch", "late_publication"} <= names
    assert names == set(EXPLANATIONS)


def test_the_doc_shows_the_same_explanations():
    doc = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert markdown_table() in doc
    assert "31 March, an assumption" in explain("late_publication", "en")


def test_a_failed_row_total_casts_doubt_on_its_row_only():
    assert check_touches("t4_row_total", "t4", "review", "total", "t4.review.upheld")
    assert not check_touches("t4_row_total", "t4", "review", "total", "t4.suit_direct.total")
    assert check_touches("t3_balance", "t3", "", "total", "t3.carried_out.total")
    assert not check_touches("t3_balance", "t3", "", "total", "t3.granted.total")
    assert check_touches("t3_outcomes_sum", "t3", "total", "legal", "t3.denied.third_party.legal")
