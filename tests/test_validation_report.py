"""Failure counts per check, severity and report; HTML with report text escaped."""

import pandas as pd

from gkstudy.study.validation_report import to_html, validation_summary


def test_summary_counts_and_escaping():
    reports = pd.DataFrame({"report_id": ["r1", "r2"], "agency": ["<b>镇</b>", "乡"], "year": ["2023", "2023"],
                            "status": ["ok", "partial"]})
    checks = pd.DataFrame({
        "report_id": ["r1", "r1", "r2", "r2", "r2"],
        "check": ["t3_balance", "late_publication", "t3_balance", "t3_balance", "late_publication"],
        "passed": ["true", "false", "false", "true", "false"],
        "severity": ["error", "warning", "error", "error", "warning"],
    })
    s = validation_summary(reports, checks)
    bal = s.by_check.set_index("check").loc["t3_balance"]
    assert (bal["runs"], bal["failed"], bal["reports_failed"]) == (3, 1, 1)
    assert s.by_check.set_index("check").loc["late_publication", "reports_failed"] == 2
    per = s.by_report.set_index("report_id")
    assert (per.loc["r2", "errors_failed"], per.loc["r2", "warnings_failed"]) == (1, 1)
    assert s.matrix.loc["r1", "t3_balance"] == 0
    html = to_html(s.by_report, caption="<script>")
    assert "<b>" not in html and "&lt;b&gt;" in html and "&lt;script&gt;" in html
