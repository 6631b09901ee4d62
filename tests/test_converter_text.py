"""Text written by PDF-to-Markdown converters (issue 18, item 2): pipe tables, table 三 cut into
small tables under placeholder or wrong headers, page footers and numbers between rows, header
words broken over lines; and row labels printed apart from their rows, placed by the format's row
order only when the count of rows and every identity allow it (``position_assumed``), else NA
(``labels_apart``). Numbers: the builders' known values, and the ground truth of a real PDF."""

from pathlib import Path

import pytest

from builders import META_2021, known_values
from conftest import SAMPLES, read_csv
from converter_text import markdown_report
from every_cell import assert_every_cell
from gkstudy.core import flags
from gkstudy.extract import extract_bytes

PDFS = Path(__file__).resolve().parent / "pdfs"
VARIANTS = ("plain", "split", "wrong_header", "footers", "broken_header", "header_rows")


def real_values() -> dict:
    """The printed numbers of 淮安市人民政府_2024.pdf, read by eye (its truth file)."""
    rows = read_csv(PDFS / "淮安市人民政府_2024.truth.csv")
    return {(r["table"], r["row"], r["col"]): (int(float(r["value"])) if float(r["value"]).is_integer()
                                               else float(r["value"])) for r in rows}


SOURCES = {"2021": lambda: known_values("2021"), "2019": lambda: known_values("2019"), "real": real_values}


def _extract(source: str, variant: str, **kw):
    edition = "2019" if source == "2019" else "2021"
    values = SOURCES[source]()
    text = markdown_report(edition, values, variant, **kw)
    return edition, values, extract_bytes("converted.md.txt", text.encode("utf-8")), text


def _by_key(got):
    return {(c["table"], c["row"], c["col"]): c for c in got.cells}


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("variant", VARIANTS)
def test_pipe_tables_give_every_cell(source, variant):
    edition, values, got, text = _extract(source, variant)
    assert "|---|" in text
    assert_every_cell(got.cells, edition, values)
    assert (got.report["status"], got.report["error"], got.report["edition"]) == ("ok", "", edition)
    if source != "real":
        assert (got.report["year"], got.report["agency"]) == (META_2021.year, META_2021.agency) or edition == "2019"


def test_variants_hold_what_they_say():
    assert "| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 |" in _extract("2021", "split")[3]
    assert "\n- 3 -\n" in _extract("2021", "footers")[3] and "\n4\n" in _extract("2021", "footers")[3]
    assert "商业<br>企业" in _extract("2021", "broken_header")[3]
    assert "| 商业 | 科研 | 社会公 | 法律服 | 其 |" in _extract("2021", "header_rows")[3]


@pytest.mark.parametrize("source", sorted(SOURCES))
@pytest.mark.parametrize("numbers", ["spaces", "pipes"])
def test_labels_apart_placed_by_row_order_when_identities_hold(source, numbers):
    edition, values, got, _text = _extract(source, "labels_apart", apart_numbers=numbers)
    assert_every_cell(got.cells, edition, values, lambda key: flags.POSITION_ASSUMED if key[0] == "t3" else "")
    assert got.report["status"] == "partial"
    assert "placed by the format's row order (identities hold; flag position_assumed)" in got.report["error"]
    assert not [c for c in got.checks if c["passed"] == "false" and c["severity"] == "error"]


def _break(text: str, how: str) -> str:
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if line and all(p.isdigit() for p in line.split())
            and len(line.split()) == 7]
    if how == "missing_row":
        del lines[rows[5]]
    else:  # an outcome row and 四、结转 swapped: as many rows, but the sums no longer hold in order
        # (two outcome rows swapped would keep every identity: that is why such cells carry a flag)
        lines[rows[3]], lines[rows[-1]] = lines[rows[-1]], lines[rows[3]]
    return "\n".join(lines)


@pytest.mark.parametrize("how, why", [
    ("missing_row", "24 rows of numbers, not the 23 or 25 rows of either edition"),
    ("swapped", "when placed by order"),
])
def test_labels_apart_left_na_when_order_is_not_certain(how, why):
    _edition, _values, _got, text = _extract("2021", "labels_apart")
    got = extract_bytes("converted.md.txt", _break(text, how).encode("utf-8"))
    cells = _by_key(got)
    t3 = [c for k, c in cells.items() if k[0] == "t3"]
    assert len(t3) == 175 and all((c["value"], c["flag"]) == ("", flags.LABELS_APART) for c in t3)
    assert all(c["flag"] == "" for k, c in cells.items() if k[0] != "t3")
    assert "t3 row labels printed apart from the numbers, not placed: " in got.report["error"]
    assert why in got.report["error"]


def test_a_seed_as_pipe_rows_reads_like_the_seed():
    name = "003_b8ab7f4a548cfaef.txt"
    original = (SAMPLES / name).read_text(encoding="utf-8")
    piped = "\n".join("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line
                      for line in original.split("\n"))
    want, got = extract_bytes(name, original.encode()), extract_bytes(name, piped.encode())
    assert [(c["table"], c["row"], c["col"], c["value"], c["flag"]) for c in got.cells] == \
        [(c["table"], c["row"], c["col"], c["value"], c["flag"]) for c in want.cells]
    assert got.report["status"] == want.report["status"] == "ok"
