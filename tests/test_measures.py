import math

import pandas as pd
import pytest

from gkstudy.study import measures as M
from gkstudy.datasets import study_data


@pytest.mark.parametrize("k, n, lo, hi", [
    (5, 10, 0.236593, 0.763407),   # textbook Wilson 95% for 5/10
    (0, 10, 0.0, 0.277533),        # zero successes: upper bound 0.2775
    (10, 10, 0.722467, 1.0),
])
def test_wilson_interval_known_values(k, n, lo, hi):
    got = M.wilson_interval(k, n)
    assert got == pytest.approx((lo, hi), abs=1e-5)


def test_wilson_interval_without_cases_is_na():
    assert all(math.isnan(x) for x in M.wilson_interval(0, 0))
    assert all(math.isnan(x) for x in M.wilson_interval(float("nan"), 5))


def test_rate_states_its_denominator_and_never_divides_by_zero():
    assert M.Rate(10538, 34430, "decided").text() == "30.6% (10538 / 34430 decided)"  # Shanghai 2023
    assert M.Rate(0, 0, "decided").text() == "NA (0 decided)"
    assert math.isnan(M.Rate(0, 0, "decided").value)


def test_outcome_groups_come_from_the_codebook():
    assert M.group_rows("denied")[0] == "denied.state_secret" and len(M.group_rows("denied")) == 8
    assert M.outcome_group("unavailable.not_held") == "unavailable" and M.outcome_group("received") is None
    assert M.group_label("partly_granted", "zh") == "（二）部分公开"
    assert M.group_label("denied", "en") == "withheld"


def test_district_example_from_methods_notes():
    # 1,453 handled = 966 granted / 67 partly / 81 withheld / 182 cannot provide / 61 not processed / 96 other
    wide = pd.DataFrame([{"t3.granted.total": 966, "t3.partly_granted.total": 67, "t3.denied.third_party.total": 81,
                          "t3.unavailable.not_held.total": 182, "t3.not_processed.duplicate.total": 61,
                          "t3.other.total": 96, "t3.total.total": 1453}])
    for r in M.t3_rows():  # the other sub-rows printed 0; （六） printed as one row
        if f"t3.{r}.total" not in wide.columns and not r.startswith("other."):
            wide[f"t3.{r}.total"] = 0
    counts = M.outcome_counts(wide).iloc[0]
    assert counts.drop("total").sum() == 1453
    m = M.report_measures(wide).iloc[0]
    assert m["disclosure_rate"] == pytest.approx(1033 / 1453)
    assert m["full_grant_rate"] == pytest.approx(966 / 1453)


def test_na_parts_make_the_group_na_not_zero():
    wide = pd.DataFrame([{"t3.denied.state_secret.total": 1, "t3.denied.third_party.total": float("nan")}])
    assert math.isnan(M.outcome_counts(wide).iloc[0]["denied"])


@pytest.fixture(scope="module")
def sample_processed(samples_processed):
    return study_data.load_processed(samples_processed)


@pytest.fixture(scope="module")
def sample_wide(sample_processed):
    return study_data.numeric_wide(sample_processed)


def test_hongze_2023_self_contradicting_table_four_is_left_out_and_named(sample_processed, sample_wide):
    # 洪泽区 2023 prints 总计 0 beside 维持 10 / 纠正 1 (复议) and 0 beside 维持 5 (复议后起诉).
    hongze = sample_wide[sample_wide["source_file"].str.endswith("淮安市洪泽区人民政府_2023.pdf")]
    assert len(hongze) == 1 and hongze.iloc[0]["t4.review.upheld"] == 10 and hongze.iloc[0]["t4.review.total"] == 0
    y2023 = sample_wide[sample_wide["year"] == 2023]
    p = M.pooled_rate(y2023, sample_processed.checks, "challenge_rate", "en")
    assert list(p.left_out["agency"]) == ["淮安市洪泽区人民政府"] and "t4_row_total" in p.left_out["checks"].iloc[0]
    assert (p.with_left_out.numerator, p.with_left_out.denominator) == (0, 21)  # the old, silent 0.0%
    assert p.rate.denominator == 0 and "NA" in p.text("en")  # without it: no rate, said so
    assert "left out: 淮安市洪泽区人民政府 2023" in p.sensitivity_text("en")
    aff = M.pooled_rate(sample_wide, sample_processed.checks, "affirmance_rate.suit_after_review", "en")
    assert (aff.rate.numerator, aff.rate.denominator) == (14, 23)  # consistent: 19 − 5 upheld of 23
    assert (aff.with_left_out.numerator, aff.with_left_out.denominator) == (19, 23)  # the old 82.6%
    red = M.redress(sample_wide, sample_processed.checks).set_index("proceeding")
    assert red.loc["suit_after_review", "upheld"] == 14 and red.loc["suit_after_review", "left_out"] == 1
    assert red.loc["suit_direct", "left_out"] == 0  # its own row adds up: kept


def test_numerator_and_denominator_come_from_the_same_reports():
    wide = pd.DataFrame({"report_id": ["a", "b"], "agency": ["x", "y"], "year": [2023, 2023],
                         "t3.granted.total": [float("nan"), 5.0], "t3.total.total": [10.0, 10.0]})
    p = M.pooled_rate(wide, None, "full_grant_rate", "en")
    assert (p.rate.numerator, p.rate.denominator, p.reports) == (5, 10, 1)  # not 5 / 20


def test_change_over_time_is_balanced_first():
    from gkstudy.study import findings
    wide = pd.DataFrame({"report_id": list("abc"), "agency": ["X", "X", "Y"], "year": [2022, 2023, 2023],
                         "level": ["county"] * 3, "province": [""] * 3, "city": [""] * 3, "county": [""] * 3,
                         "t3.received.total": [10.0, 12.0, 100.0]})
    t = findings.demand_table(wide, "en").set_index("year")
    assert t.loc[2023, "change on previous year, same agencies (balanced)"] == "+20.0% (10 → 12; 1 agency)"
    assert t.loc[2023, "change of the sums, all reports (unbalanced: report sets may differ)"].startswith("+1020.0%")
    assert t.loc[2023, "requests received"] == 112


def test_measures_on_the_samples_match_hand_reading(sample_wide):
    # Read by hand from data/raw/samples: all five townships print table 三 with every cell 0,
    # and 瓦房子镇 2020 (file 001) prints 规范性文件 本年新制作数量 45.
    seeds = sample_wide[sample_wide["source_file"].str.contains(r"00[0-4]_[0-9a-f]+\.txt$")]
    assert len(seeds) == 5
    assert sorted(seeds["year"].astype(int)) == [2020, 2020, 2020, 2021, 2023]
    m = M.report_measures(seeds)
    assert (m["received"] == 0).all() and (m["decided"] == 0).all()
    assert m["disclosure_rate"].isna().all()  # 0 decided: no rate, not 0%
    wafangzi = seeds[seeds["source_file"].str.contains("001_")].iloc[0]
    assert wafangzi["t2.art20_1.normative_docs.new_made"] == 45
    red = M.redress(seeds)
    assert (red["decided"] == 0).all() and red["correction_rate"].isna().all()


def test_days_after_own_deadline_uses_the_type_of_body():
    reports = pd.DataFrame({"published": ["2024-01-20", "2024-04-02", "2024-04-02", "", "2024-02-01"],
                            "year": [2023, 2023, 2023, 2023, 2023],
                            "agency_type": ["department", "government", "township", "government", ""]})
    days = M.days_after_own_deadline(reports)
    assert days.iloc[0] == -11  # 31 January 2024 less 11 days
    assert days.iloc[1] == 2 and days.iloc[2] == 2  # 31 March 2024 plus 2
    assert pd.isna(days.iloc[3]) and pd.isna(days.iloc[4])  # no date / unknown type: not judged


def test_reports_to_look_at_rank_errors_first_with_page_and_grid(sample_processed):
    from gkstudy.study import quality, validation_report
    p = sample_processed
    t = quality.to_inspect(p.reports, p.checks, p.cells, "en")
    first = t.iloc[0]
    assert first["file"].endswith("淮安市洪泽区人民政府_2023.pdf") and first["errors"] == 2
    assert (t["errors"].diff().dropna() <= 0).all()  # errors first
    assert "t4.review.total = 0 (p.4, table 4, row 3, col 4)" in first["where in the file (page, table grid, row, column)"]
    assert "raw ''" not in " ".join(t.iloc[:, 8])
    # errors counted apart from warnings, and the same count as reports.csv's checks_failed
    summary = validation_report.validation_summary(p.reports, p.checks)
    assert summary.by_report["errors_failed"].sum() == p.reports["checks_failed"].astype(int).sum() == 2
