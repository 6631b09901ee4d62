import warnings

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from gkstudy.study import charts, fonts
from gkstudy.datasets import study_data


@pytest.fixture(scope="module")
def processed(samples_processed):
    return study_data.load_processed(samples_processed)


def test_cjk_font_comes_from_a_pip_package():
    assert fonts.cjk_font_path().name == "NotoSansCJKsc-Regular.otf"
    assert fonts.use_cjk_font() == "Noto Sans CJK SC"


def _all_charts(p, lang):
    wide = study_data.numeric_wide(p)
    reports = study_data.analysable_reports(p.reports)
    return [charts.demand_over_time(wide, lang), charts.outcome_shares(wide, lang), charts.refusal_pareto(wide, lang),
            charts.applicant_mix(wide, lang), charts.redress_dotplot(wide, lang), charts.backlog_slope(wide, lang),
            charts.timeliness_histogram(reports, lang), charts.checks_heatmap(p.checks, reports, lang)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_has_title_labels_n_and_no_missing_glyphs(processed, lang, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" and layout collapse become failures
        for k, fig in enumerate(_all_charts(processed, lang)):
            fig.savefig(tmp_path / f"{k}.png")
            titles = [fig._suptitle.get_text()] if fig._suptitle else []
            titles += [ax.get_title() for ax in fig.axes]
            assert any(titles), k
            ax = fig.axes[0]
            assert ax.get_xlabel() or ax.get_ylabel() or len(fig.axes) > 1, k
            texts = " ".join(t.get_text() for t in fig.texts)
            assert ("份报告" if lang == "zh" else "reports") in texts, k


def test_zero_denominators_are_said_in_words(processed):
    wide = study_data.numeric_wide(processed)
    seeds = wide[wide["source_file"].str.endswith(".txt")]  # the five TXT seeds: townships, table 三 all 0
    fig = charts.outcome_shares(seeds, "en")
    words = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "no applications" in words and "denominator 0" in words


def test_outcome_bars_state_the_denominator():
    wide = pd.DataFrame([{"year": 2022, "level": "", "agency": "x", "t3.total.total": 10.0,
                          "t3.granted.total": 7.0, "t3.partly_granted.total": 3.0}])
    for g in ("denied", "unavailable", "not_processed"):
        for r in charts.M.group_rows(g):
            wide[f"t3.{r}.total"] = 0.0
    wide["t3.other.total"] = 0.0
    fig = charts.outcome_shares(wide, "en")
    assert any("n=10" in t.get_text() for t in fig.axes[0].texts)
