"""The study notebooks: structure in git, and one full `gkstudy run` on the samples (slow)."""

import json
import re
import shutil

import nbformat
import pytest

from gkstudy.datasets import study_data
from gkstudy.batch.runner import extract_to_dir
from gkstudy.study.run import NOTEBOOKS, project_root, run_study
from conftest import SAMPLES, read_csv

NB_DIR = project_root() / "notebooks"
EVIL = "<script>alert('x')</script>镇"  # no digits: the title reader stops an agency name at a digit


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_structure(name):
    nb = nbformat.read(NB_DIR / f"{name}.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    for cell in nb.cells:  # outputs stripped in git
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, name


@pytest.fixture(scope="session")
def study(tmp_path_factory):
    """One full run of every notebook on the samples plus a report whose agency name is markup."""
    base = tmp_path_factory.mktemp("study")
    raw = base / "raw"
    shutil.copytree(SAMPLES, raw / "samples", ignore=shutil.ignore_patterns("*.pdf"))  # TXT seeds: fast
    seed = (SAMPLES / "001_c50ec127ad28e6ef.txt").read_text(encoding="utf-8")
    (raw / "evil.txt").write_text(seed.replace("瓦房子镇2020年", f"{EVIL}2020年", 1), encoding="utf-8")
    # A corrections file the run applies (the kit already reads this value: reported as not needed,
    # so the datasets stay those of a plain extract).
    fixes = base / "corrections.csv"
    fixes.write_text("sha256,table,row,col,value,note,by,date\n"
                     "b0b0229e3a5a65770aa4365221617d45a6f514cfed4df3579ab8dfee1cac0eb5,t3,received,total,0,,,\n",
                     encoding="utf-8")
    params = {"raw_dir": str(raw), "processed_dir": str(base / "processed"), "jobs": 1, "report_b": "evil.txt",
              "corrections": str(fixes)}
    result = run_study(params, reports_dir=str(base / "reports"), progress=False, log=lambda _line: None)
    return base, result


@pytest.mark.slow
def test_every_notebook_renders_a_page_without_code(study):
    base, result = study
    assert sorted(p.name for p in result.html) == sorted([f"{n}.html" for n in NOTEBOOKS] + ["04_teaching_handout.html"])
    for page in result.html:
        text = page.read_text(encoding="utf-8")
        assert "nbsupport" not in text and "import " not in text, page.name  # no code cells
        assert "jp-InputPrompt" not in text.split("</style>")[-1], page.name
        assert 'src="http' not in text, page.name  # one self-contained file
        assert "gkstudy 0" in text and "输入文件" in text and "运行于" in text, page.name  # the zh header
        assert '<html lang="zh-Hans">' in text, page.name
    findings = (base / "reports" / "03_findings.html").read_text(encoding="utf-8")
    assert findings.count('src="data:image/png;base64,') >= 7
    assert "@font-face" in findings  # Chinese text readable without system fonts


@pytest.mark.slow
def test_report_text_is_escaped_in_html(study):
    base, _ = study
    assert EVIL in (base / "processed" / "reports.csv").read_text(encoding="utf-8")
    for page in (base / "reports").glob("*.html"):
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page.name
    teaching = (base / "reports" / "04_teaching.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in teaching  # shown, as text


@pytest.mark.slow
def test_datasets_are_written_and_reproducible(study, tmp_path):
    base, _ = study
    processed = base / "processed"
    for name in ("reports.csv", "cells.csv", "checks.csv", "long.csv", "wide.csv"):
        assert (processed / name).is_file(), name
    assert [r["outcome"] for r in read_csv(processed / "corrections_report.csv")] == ["not_needed"]
    assert (processed / "review.html").is_file() and (processed / "corrections_todo.csv").is_file()  # 05_review
    # The same inputs, extracted again elsewhere, give byte-identical datasets.
    again = tmp_path / "again"
    extract_to_dir([base / "raw"], again, jobs=2, progress=False)
    study_data.write_tidy(again)
    for name in ("reports.csv", "cells.csv", "checks.csv", "long.csv", "wide.csv"):
        assert (processed / name).read_bytes() == (again / name).read_bytes(), name


@pytest.mark.slow
def test_executed_notebooks_have_no_errors_or_glyph_warnings(study):
    base, _ = study
    for path in (base / "reports" / "executed").glob("*.ipynb"):
        text = json.dumps(json.loads(path.read_text(encoding="utf-8"))["cells"])
        assert not re.search(r"Glyph \d+ .*missing|\"output_type\": \"error\"", text), path.name


@pytest.mark.slow
def test_pages_have_titles_an_index_provenance_and_a_handout(study):
    base, result = study
    reports = base / "reports"
    names = [p.name for p in result.html]
    assert "04_teaching_handout.html" in names and (reports / "04_teaching_handout.ipynb").is_file()
    index = (reports / "index.html").read_text(encoding="utf-8")
    for page in reports.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text).group(1)
        assert title and title != "Notebook", page.name
        if page.name != "index.html":
            assert f'href="{page.name}"' in index, page.name
            assert "cite this run" in text and ("git " in text or "not a git checkout" in text), page.name
            assert "Python 3." in text and "sha256" in text, page.name
            visible = re.sub(r"<style.*?</style>|<script.*?</script>", "", text, flags=re.S)
            assert ">nan<" not in visible and "<td>0.0</td>" not in visible, page.name
            # parameters readable, not Python reprs like '' or 'data/raw'
            assert not re.search(r"<td>(?:&#x27;|')[^<]*(?:&#x27;|')</td>", text), page.name
    teacher = (reports / "04_teaching.html").read_text(encoding="utf-8")
    handout = (reports / "04_teaching_handout.html").read_text(encoding="utf-8")
    assert "练习 4" in handout and "答案 1" not in handout and "答案 1" in teacher  # zh page: Chinese only
    # exercise 5: the printed error of 洪泽区 2023 corrected and extracted again (teacher's page), no answer for students
    assert "练习 5" in handout and "答案 5" not in handout and "t4.review.total = 11" not in handout
    assert "每个错误级等式现在都成立" not in handout  # the rerun with the worked solution is the teacher's
    assert "t4.review.total = 11" in teacher and "每个错误级等式现在都成立" in teacher and "corrected" in teacher
    assert "Exercise 1" not in teacher  # the English twin of the prose is left out of the zh page
    student = nbformat.read(reports / "04_teaching_handout.ipynb", as_version=4)
    assert any("write_exercise_corrections" in c.source for c in student.cells)  # students run step (d) themselves
    assert not any("answer" in c.metadata.get("tags", []) for c in student.cells)
    assert all(c.outputs == [] for c in student.cells if c.cell_type == "code")
    # the lesson chose its reports by content (report_a not given): the one with most requests
    assert "默认：新收申请最多的报告" in teacher


def test_english_page_keeps_only_english_prose():
    from gkstudy.study.render import reader_cells
    nb = nbformat.read(NB_DIR / "03_findings.ipynb", as_version=4)
    nb.metadata["papermill"] = {"parameters": {"lang": "en"}}
    kept = reader_cells(nb)
    prose = " ".join(c.source for c in kept.cells if c.cell_type == "markdown")
    assert "Findings" in prose and "研究发现" not in prose
    nb.metadata["papermill"] = {"parameters": {"lang": "zh"}}
    prose = " ".join(c.source for c in reader_cells(nb).cells if c.cell_type == "markdown")
    assert "研究发现" in prose and "Demand over time" not in prose
