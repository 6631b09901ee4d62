"""The lesson's helpers: reports found by file name with or without extension, NA shown as NA,
an identity with an NA input 'cannot be checked', defaults chosen by content."""

import math

import pandas as pd

from gkstudy.study import lesson


def _cells(rid, values):
    rows = [{"report_id": rid, "table": "t3", "row": r, "col": "total", "code": f"t3.{r}.total", "value_num": v}
            for r, v in values.items()]
    return pd.DataFrame(rows)


def test_find_report_accepts_a_name_without_extension():
    reports = pd.DataFrame({"report_id": ["r1"], "source_file": ["data/raw/samples/淮安市人民政府_2024.pdf"]})
    for name in ("淮安市人民政府_2024.pdf", "淮安市人民政府_2024", "r1"):
        assert lesson.find_report(reports, name)["report_id"] == "r1"


def test_identity_with_na_cannot_be_checked_and_na_is_na():
    cells = _cells("a", {"received": 5.0, "carried_in": math.nan, "total": 5.0, "carried_out": 0.0})
    assert lesson.identity_holds(cells, "a") is None
    text = lesson.identity_text(cells, "a", "en")
    assert "cannot be checked" in text and "BROKEN" not in text and "nan" not in text and "二 NA" in text
    broken = _cells("b", {"received": 5.0, "carried_in": 0.0, "total": 4.0, "carried_out": 0.0})
    assert lesson.identity_holds(broken, "b") is False
    assert lesson.check("NA", None) == "correct ✓"


def test_default_reports_chosen_by_content():
    reports = pd.DataFrame({"report_id": ["a", "b", "c"], "source_file": ["a.txt", "b.txt", "c.txt"],
                            "status": ["ok", "ok", "partial"], "duplicate_of": ["", "", ""]})
    cells = pd.concat([_cells("a", {"received": 3.0}), _cells("b", {"received": 40.0}), _cells("c", {"received": 7.0})])
    checks = pd.DataFrame({"report_id": ["c"], "check": ["t4_row_total"], "table": ["t4"], "row": ["review"],
                           "col": ["total"], "passed": ["false"], "severity": ["error"]})
    assert lesson.default_reports(reports, cells, checks) == ("b", "c")  # most requests; one with an error


def test_the_reason_for_a_default_report_is_true():
    checks = pd.DataFrame({"report_id": ["c"], "check": ["t4_row_total"], "table": ["t4"], "row": ["review"],
                           "col": ["total"], "passed": ["false"], "severity": ["error"]})
    assert "failed error check" in lesson.default_reason(checks, "c", False, "b", "en")
    assert "no report fails" in lesson.default_reason(checks, "b", False, "b", "en")
    assert lesson.default_reason(checks, "b", True, "b", "en") == "given"


def test_tables_show_counts_as_integers_and_na_as_na():
    from gkstudy.study.nbsupport import escaped_table, show_value
    html = escaped_table(pd.DataFrame({"n": [3.0, math.nan], "mixed": ["x", 0.0], "rate": [0.25, 0.5]}))
    assert "<td>3</td>" in html and "<td>NA</td>" in html and "<td>0</td>" in html and "0.0<" not in html
    assert "<td>0.25</td>" in html  # a fraction stays a fraction
    assert "nan" not in html.lower().replace("nan-", "")
    assert show_value("").startswith("(empty: default") and show_value("", "years").startswith("(empty: all")
    assert show_value("", "years", "zh") == "（空：全部）" and show_value("", "report_a", "zh") == "（空：默认）"
    assert show_value("2023 2024", "years") == "2023 2024" and show_value(0) == "0"
