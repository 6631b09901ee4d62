"""docs/formats.md lists exactly the identities the checks and repair use."""

from pathlib import Path

from gkstudy.checks import identities as I
from gkstudy.checks.arithmetic import check_values

DOC = Path(__file__).resolve().parent.parent / "docs" / "formats.md"


def test_identities_section_is_generated_from_the_code():
    text = DOC.read_text(encoding="utf-8")
    assert I.identities_markdown() in text
    assert set(I.RULES) == {"t3_balance", "t3_outcomes_sum", "t3_row_total", "t4_row_total"}


def test_every_identity_check_is_one_of_the_documented_rules():
    values = {("t3", r, c): 1 for r in ("received", "carried_in", "total", "carried_out") for c in I.T3_COLS}
    values |= {("t4", r, c): 1 for r in I.T4_BLOCKS for c in I.T4_PARTS + ("total",)}
    ids = I.identities("2019", values)
    assert {i.check for i in ids} == {"t3_balance", "t3_row_total", "t4_row_total"}  # no outcome rows given
    checks = [c for c in check_values("2019", values) if c.severity == "error" and c.check in I.RULES]
    assert [c.check for c in checks] == [i.check for i in ids]
    # 1 + 1 = 1 + 1 holds; a row total of 1 over six applicant columns of 1 each does not
    assert all(c.passed for c in checks if c.check == "t3_balance")
    assert not any(c.passed for c in checks if c.check in ("t3_row_total", "t4_row_total"))
