"""The findings page's list of sources (notebooks/01_extract, cells tagged "sources")."""

import nbformat
import pandas as pd

from collect_site import ROOT
from gkstudy.study.sources import sources_table


def test_sources_table_lists_collected_reports_only():
    reports = pd.DataFrame({"source_file": ["b.pdf", "a.html", "c.txt"], "agency": ["乙", "甲", "丙"],
                            "year": ["2023", "2023", "2022"],
                            "source_url": ["https://x.gov.cn/2.pdf", "https://x.gov.cn/1.html", pd.NA],
                            "retrieved_at": ["2025-03-01T08:00:00Z", "2025-03-01T08:00:01Z", pd.NA]})
    table = sources_table(reports)
    assert table["source_file"].tolist() == ["a.html", "b.pdf"]
    assert list(table.columns) == ["source_file", "agency", "year", "source_url", "retrieved_at"]
    assert sources_table(reports.drop(columns=["source_url", "retrieved_at"])).empty


def test_extract_notebook_ends_with_the_sources_section():
    nb = nbformat.read(ROOT / "notebooks" / "01_extract.ipynb", as_version=4)
    tagged = [c for c in nb.cells if "sources" in c.metadata.get("tags", [])]
    assert nb.cells[-len(tagged):] == tagged and len(tagged) == 3  # its heading in English and Chinese, then the table
    assert "sources_table(data.reports)" in tagged[-1].source
