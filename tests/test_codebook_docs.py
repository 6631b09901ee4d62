from pathlib import Path

import pytest
import yaml

from gkstudy.core import codebook
from gkstudy.study.citation import footer_html, footer_text
from gkstudy.datasets.codebook_docs import codebook_frame, generated_docs, undocumented
from gkstudy.datasets.stata_names import RESERVED, VALID, stata_names
from gkstudy.datasets.tables import all_tables, load_processed
from export_fixtures import extract_samples

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    src = tmp_path_factory.mktemp("processed")
    extract_samples(src)
    return all_tables(load_processed(src))


@pytest.mark.parametrize("name", ["codebook.md", "harmonization.md"])
def test_committed_docs_are_fresh(name):
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == generated_docs()[name], f"docs/{name} is stale: run python -m gkstudy.datasets.codebook_docs docs"


def test_every_exported_column_is_in_the_codebook(tables):
    assert undocumented(tables) == [], "add the columns to gkstudy/data/variables.csv"


def test_codebook_rows_are_complete(tables):
    frame = codebook_frame(tables)
    assert not frame.duplicated(["dataset", "name"]).any()
    assert (frame["label_zh"] != "").all() and (frame["label_en"] != "").all()
    assert set(frame["type"]) <= {"string", "integer", "number", "date", "boolean"}
    status = frame[(frame["dataset"] == "reports_table") & (frame["name"] == "status")].iloc[0]
    assert status["values"] == "ok;partial;failed;not_report;needs_ocr"


def test_stata_names_are_valid_unique_and_short(tables):
    every_code = list(dict.fromkeys(c.code for c in codebook.all_cells()))
    for columns in [every_code, *(list(f.columns) for f in tables.values())]:
        names = stata_names(columns)
        assert len(set(names.values())) == len(names)
        assert all(VALID.match(n) and len(n) <= 32 and n not in RESERVED for n in names.values())
    assert stata_names(["t3.not_processed.confirmation.natural_person"]) == {
        "t3.not_processed.confirmation.natural_person": "t3_notproc_confirm_person"}


def test_citation_cff_is_valid_yaml_with_the_required_keys():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "license"):
        assert cff[key], key
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    from gkstudy import __version__
    assert str(cff["version"]) == __version__


def test_citation_footer_names_kit_and_reports():
    html = footer_html()
    assert html.startswith("<footer") and "gkstudy" in html and "CITATION.cff" in html
    assert "政府信息公开条例" in html and "发布机关" in html
    assert "gkstudy" in footer_text()
