"""Compilations (汇编): one file holding many bodies' reports gives one reports.csv row per report
(part number, page range, an id stable and distinct per part), each read and checked as if it were
a file of its own; a file of one report is untouched (part and pages empty)."""

import io
from pathlib import Path

import pytest

from builders import known_values
from conftest import SAMPLES, read_csv
from every_cell import assert_every_cell
from gkstudy.batch.runner import extract_to_dir
from gkstudy.extract import extract_bytes, extract_file
from layout_variants import COMPILATION, fixture

PDFS = Path(__file__).resolve().parent / "pdfs"
REAL = ("淮安市洪泽区人民政府_2024", "淮安市人民政府_2024")


def _cells(rows):
    return [(c["table"], c["row"], c["col"], c["value"], c["raw"], c["flag"]) for c in rows]


@pytest.fixture(scope="module")
def docx_compilation():
    data = fixture("compilation.docx")  # made by layout_variants.build_compilation_docx
    return data, extract_bytes("淮阴区汇编.docx", data)


def test_each_report_of_a_docx_compilation_is_its_own_row(docx_compilation):
    data, got = docx_compilation
    assert [r["part"] for r in got.reports] == [1, 2, 3]
    ids = [r["report_id"] for r in got.reports]
    assert len(set(ids)) == 3 and ids == [r["report_id"] for r in extract_bytes("copy.docx", data).reports]
    for r, (edition, meta) in zip(got.reports, COMPILATION):
        assert (r["status"], r["error"], r["edition"]) == ("ok", "", edition)
        assert (r["year"], r["agency"], r["published"], r["pages"]) == (meta.year, meta.agency, meta.iso, "")
        assert_every_cell([c for c in got.cells if c["report_id"] == r["report_id"]], edition, known_values(edition))
        checks = [c for c in got.checks if c["report_id"] == r["report_id"]]
        assert checks and not [c for c in checks if c["passed"] == "false" and c["severity"] == "error"]
    assert {c["report_id"] for c in got.cells} == set(ids)


def test_a_compilation_of_the_real_pdfs_reads_each_as_alone():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for name in REAL:
        writer.append(PdfReader(PDFS / f"{name}.pdf"))
    buf = io.BytesIO()
    writer.write(buf)
    got = extract_bytes("汇编.pdf", buf.getvalue())
    assert [(r["part"], r["pages"]) for r in got.reports] == [(1, "1-5"), (2, "6-11")]
    offset = 0
    for r, name in zip(got.reports, REAL):
        alone = extract_file(PDFS / f"{name}.pdf")  # scored against the truth in test_pdf_real.py
        for key in ("status", "error", "edition", "year", "agency", "published", "cells_na", "cells_flagged"):
            assert r[key] == alone.report[key], (name, key)
        mine = [c for c in got.cells if c["report_id"] == r["report_id"]]
        assert _cells(mine) == _cells(alone.cells)
        assert [c["page"] - offset if c["page"] != "" else "" for c in mine] == [c["page"] for c in alone.cells]
        offset = int(r["pages"].split("-")[1])  # the next report starts on the page after


def test_a_file_of_one_report_is_unchanged(docx_compilation):
    got = extract_file(PDFS / f"{REAL[0]}.pdf")
    assert got.more_reports == [] and (got.report["part"], got.report["pages"]) == ("", "")
    assert len(got.report["report_id"]) == 16


def test_titles_without_a_table_each_are_read_as_one_report_with_a_note():
    got = extract_bytes("汇编.docx", fixture("compilation_no_t3.docx"))  # report 2 has no table 三
    assert len(got.reports) == 1 and got.report["part"] == ""
    assert "looks like a compilation but holds 2 report titles but 1 tables 三: read as one report" \
        in got.report["error"]


def test_the_five_seeds_as_one_text_file_give_the_seeds_rows():
    names = sorted(p.name for p in SAMPLES.glob("00*.txt"))
    texts = [(SAMPLES / n).read_text(encoding="utf-8") for n in names]
    got = extract_bytes("汇编.txt", "\n\n".join(texts).encode("utf-8"))
    assert [r["part"] for r in got.reports] == [1, 2, 3, 4, 5]
    for r, name, text in zip(got.reports, names, texts):
        alone = extract_bytes(name, text.encode("utf-8"))  # scored cell by cell in test_seeds_golden.py
        for key in ("status", "error", "edition", "year", "agency", "published", "cells_na", "cells_flagged"):
            assert r[key] == alone.report[key], (name, key)
        assert _cells(c for c in got.cells if c["report_id"] == r["report_id"]) == _cells(alone.cells)
        assert [c["check"] for c in got.checks if c["report_id"] == r["report_id"]] == [c["check"] for c in alone.checks]


def test_batch_writes_a_row_per_part_and_replays_them_from_the_cache(tmp_path, docx_compilation):
    data, got = docx_compilation
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "汇编.docx").write_bytes(data)
    (raw / "single.txt").write_bytes((SAMPLES / "003_b8ab7f4a548cfaef.txt").read_bytes())
    summary = extract_to_dir([raw], tmp_path / "out", jobs=1, progress=False)
    assert summary.total == 4
    rows = read_csv(tmp_path / "out" / "reports.csv")
    assert [(r["part"], r["status"]) for r in rows] == [("", "ok"), ("1", "ok"), ("2", "ok"), ("3", "ok")]
    assert [r["report_id"] for r in rows[1:]] == [r["report_id"] for r in got.reports]
    first = {p: (tmp_path / "out" / p).read_bytes() for p in ("reports.csv", "cells.csv", "checks.csv")}
    again = extract_to_dir([raw], tmp_path / "out", jobs=1, progress=False)
    assert again.from_cache == 2
    assert {p: (tmp_path / "out" / p).read_bytes() for p in first} == first
