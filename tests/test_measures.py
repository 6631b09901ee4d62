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
def sample_wide(samples_processed):
    return study_data.numeric_wide(study_data.load_processed(samples_processed))


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
