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


def test_no_line_is_drawn_through_a_missing_year():
    wide = pd.DataFrame({"report_id": list("ab"), "agency": ["X", "X"], "year": pd.array([2021, 2023], dtype="Int64"),
                         "level": ["county", "county"], "province": ["", ""], "city": ["", ""], "county": ["", ""],
                         "t3.received.total": [5.0, 7.0]})
    fig = charts.demand_over_time(wide, "en")
    line = fig.axes[0].lines[0]
    assert list(line.get_xdata()) == [2021, 2022, 2023] and pd.isna(line.get_ydata()[1])
    assert "lines coincide" in fig.axes[0].get_legend().get_title().get_text()  # balanced = all: said, not hidden


def test_heatmap_colours_by_severity_on_a_fixed_scale(processed):
    reports = study_data.analysable_reports(processed.reports)
    hongze = reports[reports["source_file"].str.endswith("洪泽区人民政府_2023.pdf")]
    def cell(checks, reps, check):
        fig = charts.checks_heatmap(checks, reps, "en")
        ax = fig.axes[0]
        cols = [t.get_text() for t in ax.get_xticklabels()]
        row = [t.get_text() for t in ax.get_yticklabels()].index("淮安市洪泽区人民政府 2023")
        return tuple(ax.images[0].get_array()[row, cols.index(check)]), fig
    alone, _ = cell(processed.checks[processed.checks["report_id"].isin(hongze["report_id"])], hongze, "t4_row_total")
    among, fig = cell(processed.checks, reports, "t4_row_total")
    assert alone == among  # the same colour whatever the selection
    assert alone[0] > alone[1] + 0.3  # errors are red
    warn, _ = cell(processed.checks, reports, "old_other_row")
    assert warn != alone  # warnings coloured apart
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels[0].startswith("error") and labels[1] == "warning"
    charts.plt.close("all")


def test_redress_plot_with_no_case_corrected():
    # 0 of 3 corrected: the Wilson lower bound came out 5.6e-17, above the rate: a negative error bar
    wide = pd.DataFrame([{"report_id": "a", "agency": "x", "year": 2024, "level": "county",
                          "t4.review.upheld": 2.0, "t4.review.corrected": 0.0, "t4.review.other": 1.0,
                          "t4.review.pending": 0.0, "t4.review.total": 3.0}])
    fig = charts.redress_dotplot(wide, "en")
    assert any(t.get_text() == "0 / 3" for t in fig.axes[0].texts)
    assert charts.M.wilson_interval(0, 3)[0] == 0.0
    charts.plt.close("all")


def test_outcome_bars_say_which_reports_were_left_out():
    wide = pd.DataFrame([{"report_id": r, "year": 2022, "level": "", "agency": r, "t3.total.total": 10.0,
                          "t3.granted.total": 7.0, "t3.partly_granted.total": 3.0} for r in ("a", "b")])
    for g in ("denied", "unavailable", "not_processed"):
        for r in charts.M.group_rows(g):
            wide[f"t3.{r}.total"] = 0.0
    wide["t3.other.total"] = 0.0
    checks = pd.DataFrame({"report_id": ["b"], "check": ["t3_outcomes_sum"], "table": ["t3"], "row": ["total"],
                           "col": ["total"], "passed": ["false"], "severity": ["error"]})
    fig = charts.outcome_shares(wide, "en", checks)
    assert any("n=10" in t.get_text() for t in fig.axes[0].texts)  # report b is not pooled
    assert any("1 report(s) left out" in t.get_text() for t in fig.texts)
    charts.plt.close("all")
