"""Web pages and Word files written by LibreOffice, not by our own builders: its HTML export
(HTML 4 with <font>/<p> inside cells; XHTML in .htm) and its own OOXML for merged cells.
Every cell against the numbers the source Word file was built from."""

import pytest

from builders import known_values
from gkstudy.core import codebook
from gkstudy.extract import extract_bytes
from libreoffice import EXPORTS, OTHER, build, soffice


@pytest.fixture(scope="module", params=sorted(EXPORTS))
def export(request):
    name = request.param
    return name, extract_bytes(name, (OTHER / name).read_bytes())


def _differences(edition: str, got) -> list:
    values = known_values(edition)
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    assert set(cells) == {(c.table, c.row, c.col) for c in codebook.cells(edition)}
    return [(k, c["value"], values[k], c["flag"]) for k, c in cells.items()
            if c["value"] == "" or c["value"] != pytest.approx(values[k]) or c["flag"]]


def test_every_cell_of_a_libreoffice_export(export):
    name, got = export
    edition = EXPORTS[name][0]
    assert (got.report["status"], got.report["error"]) == ("ok", "")
    assert got.report["format"] == ("docx" if name.endswith(".docx") else "html")
    assert got.report["edition"] == edition
    assert got.report["year"] == (2023 if edition == "2021" else 2020)
    assert _differences(edition, got) == []


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_a_fresh_export_reads_the_same(name):
    got = extract_bytes(name, build(name))
    assert _differences(EXPORTS[name][0], got) == []
