"""Warnings: edition vs year, text vs table, late publication, missing sections, all-zero and old （六） row."""

from pathlib import Path


from gkstudy.extract import extract_bytes, extract_file
from checks_corpus import render, table_numbers
from conftest import SAMPLES

PDFS = Path(__file__).parent / "pdfs"


def warnings(result, passed="false"):
    return {c["check"]: c for c in result.checks if c["severity"] == "warning" and c["passed"] == passed}


def run(text):
    return extract_bytes("gen.txt", text.encode("utf-8"))


def test_clean_generated_report_has_no_failed_warning():
    t3, t4 = table_numbers(3)
    got = run(render(t3, t4, narrative=f"2023年共收到政府信息公开申请{t3['received'][6]}件。"))
    # The seed's t2 is all zero, and stays so in the generated corpus.
    assert warnings(got).keys() <= {"all_zero_table"} and warnings(got)["all_zero_table"]["table"] == "t2"
    assert warnings(got, "true").keys() >= {"edition_year", "missing_section", "text_vs_table", "late_publication",
                                            "old_other_row", "all_zero_table", "missing_table"}


def test_text_vs_table_names_both_sides():
    t3, t4 = table_numbers(3)
    got = run(render(t3, t4, narrative=f"本年度共收到政府信息公开申请{t3['received'][6] + 17}件。"))
    w = warnings(got)["text_vs_table"]
    assert (w["expected"], w["observed"]) == (t3["received"][6], t3["received"][6] + 17)
    assert "共收到政府信息公开申请" in w["detail"]


def test_text_including_carry_over_is_compared_with_received_plus_carried_in():
    t3, t4 = table_numbers(4)
    both = t3["received"][6] + t3["carried_in"][6]
    got = run(render(t3, t4, narrative=f"共收到政府信息公开申请{both}件（含上年结转{t3['carried_in'][6]}件）。"))
    assert "text_vs_table" not in warnings(got)
    ok = [c for c in got.checks if c["check"] == "text_vs_table"]
    assert ok and ok[0]["row"] == "received+carried_in"


def test_edition_not_matching_year():
    t3, t4 = table_numbers(5)
    got = run(render(t3, t4, year=2020, date="2021年1月12日"))
    w = warnings(got)["edition_year"]
    assert (w["expected"], w["observed"]) == ("2019", "2021")


def test_late_publication_for_a_township_government():
    t3, t4 = table_numbers(6)
    assert "late_publication" not in warnings(run(render(t3, t4, date="2024年3月31日")))
    w = warnings(run(render(t3, t4, date="2024年4月2日")))["late_publication"]
    assert (w["expected"], w["observed"]) == ("2024-03-31", "2024-04-02")


def test_department_deadline_is_31_january():
    from gkstudy.checks.warnings import late_publication

    [c] = late_publication(2023, "2024-02-01", "department", "county")
    assert not c.passed and c.expected == "2024-01-31"
    assert late_publication(2023, "2024-02-01", "other", "county") == []  # type unknown: not judged


def test_missing_section():
    t3, t4 = table_numbers(7)
    got = run(render(t3, t4, drop_heading="五、存在的主要问题"))
    w = warnings(got)["missing_section"]
    assert w["expected"] == "五、存在的主要问题及改进情况" and w["observed"] == "absent"


def test_all_zero_tables_in_a_seed():
    got = extract_file(SAMPLES / "003_b8ab7f4a548cfaef.txt")
    zero = {c["table"] for c in got.checks if c["check"] == "all_zero_table" and c["passed"] == "false"}
    assert zero == {"t2", "t3", "t4"}


def test_old_other_row_in_a_2021_table():
    got = extract_file(PDFS / "淮安市洪泽区人民政府_2023.pdf")
    w = warnings(got)["old_other_row"]
    assert (w["expected"], w["observed"]) == ("3 rows", "1 row")
