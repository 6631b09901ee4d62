"""Scans read by OCR, checked cell by cell against the text PDF they were made from
(tests/make_ocr_fixtures.py made them: rendered, turned, noised, JPEG-compressed).

OCR is CPU-heavy: these few table pages are the whole OCR budget of the test suite; the accuracy
study over many scans is bench/bench_ocr.py."""

import base64
import csv
import io
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime")
pytest.importorskip("cv2")

from gkstudy.core import flags  # noqa: E402
from gkstudy.extract import extract_bytes  # noqa: E402
from gkstudy.readers import read_document  # noqa: E402
from gkstudy.readers.ocr.sources import OFF_ENV  # noqa: E402

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "ocr"
TRUTH = HERE / "pdfs" / "淮安市洪泽区人民政府_2024.truth.csv"
# Table 四 of that report, in print order (行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5).
T4_PRINTED = ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"]
# The blocks of table 二 printed on page 2, which the scan of pages 3-4 does not hold.
PAGE_2_ROWS = ("art20_1.", "art20_5.")


@pytest.fixture(scope="session", autouse=True)
def ocr_on():
    import os

    old = os.environ.pop(OFF_ENV, None)
    yield
    if old is not None:
        os.environ[OFF_ENV] = old


def _truth() -> dict:
    with open(TRUTH, encoding="utf-8") as fh:
        return {(r["table"], r["row"], r["col"]): ("" if r["value"] == "NA" else r["value"]) for r in csv.DictReader(fh)}


def test_multi_page_tiff_scan_is_right_in_every_cell_it_holds_and_the_same_split_over_workers(tmp_path, monkeypatch):
    # One test for the whole scan (not a fixture shared by several): under pytest-xdist a shared
    # module fixture would be OCR'd once per worker.
    path = FIXTURES / "huaian_p3_p4_150dpi.tif"
    extraction = extract_bytes(str(path), path.read_bytes())
    _split_over_workers_gives_the_bytes_of_one_piece(path, extraction, tmp_path, monkeypatch)
    got = {(c["table"], c["row"], c["col"]): c for c in extraction.cells}
    truth = _truth()
    held = [k for k in truth if not k[1].startswith(PAGE_2_ROWS)]
    assert len(held) == 200
    wrong = [(k, truth[k], got[k]["value"], got[k]["flag"]) for k in held if str(got[k]["value"]) != truth[k]]
    assert wrong == []
    # Values read by OCR say so, and only those confirmed by their identities carry `ocr` alone.
    read = [got[k] for k in held if flags.has(got[k]["flag"], flags.OCR)]
    assert len(read) >= 150
    t3_alone = [c for c in read if c["table"] == "t3" and c["flag"] == "ocr"]
    assert len(t3_alone) >= 140
    assert all(flags.has(c["flag"], flags.OCR_UNCHECKED) for c in read if c["table"] == "t2")
    # The report row counts the OCR'd cells and their mean confidence.
    r = extraction.report
    assert (r["format"], r["edition"]) == ("image", "2021")
    assert r["checks_failed"] == 0
    assert int(r["ocr_cells"]) >= 150 and 0.9 < float(r["ocr_confidence"]) <= 1.0
    assert r["status"] == "partial"  # table 二's values have no identity to confirm them; page 2 is missing


def _split_over_workers_gives_the_bytes_of_one_piece(path: Path, one_piece, tmp_path: Path, monkeypatch) -> None:
    """Issue 15 (batch.pages): the scan's two pages OCR'd by two workers, joined and mapped in the
    batch, give the same reports/cells/checks.csv bytes as ``one_piece``, the file read whole;
    a rerun replays the file's cache entry."""
    import hashlib

    from gkstudy.batch import pages
    from gkstudy.batch.cache import ResultCache, result_key
    from gkstudy.batch.runner import CACHE_DIR, extract_to_dir

    outputs = ("reports.csv", "cells.csv", "checks.csv")
    key = result_key(hashlib.sha256(path.read_bytes()).hexdigest(), str(path))
    one, two = tmp_path / "one", tmp_path / "two"
    ResultCache(one / CACHE_DIR).put(key, one_piece)  # the batch writes the one-piece reading from its cache
    assert extract_to_dir([path], one, jobs=1, progress=False).from_cache == 1
    monkeypatch.setattr(pages, "MIN_PAGES_PER_WORKER", 1)  # split the 2-page scan: a page a worker
    summary = extract_to_dir([path], two, jobs=2, progress=False)
    assert (summary.total, summary.from_cache) == (1, 0)
    want = {name: (one / name).read_bytes() for name in outputs}
    assert {name: (two / name).read_bytes() for name in outputs} == want
    # The parts left the cache once the file's own entry was there; a rerun replays that entry.
    assert [p.name for p in (two / CACHE_DIR).rglob("*.json")] == [f"{key}.json"]
    assert extract_to_dir([path], two, jobs=2, progress=False).from_cache == 1
    assert {name: (two / name).read_bytes() for name in outputs} == want


def test_scanned_first_page_gives_year_and_agency_and_says_why_no_table():
    r = extract_bytes("scan.pdf", (FIXTURES / "huaian_p1_scan.pdf").read_bytes()).report
    assert (r["year"], r["agency"]) == (2024, "淮安市洪泽区人民政府")
    assert r["status"] == "needs_ocr" and "OCR found no ruled table in the page images" in r["error"]


def _values(doc) -> list[str]:
    assert doc.tokens and all(flags.has(t.flag, flags.OCR) for t in doc.tokens)
    assert all(t.score is not None for t in doc.tokens if t.text)  # an empty cell has no score
    return [t.text for t in doc.tokens if t.text.isdigit()]


def test_word_file_with_its_table_pasted_as_a_sideways_picture():
    import docx
    from docx.shared import Cm
    from PIL import Image

    sideways = io.BytesIO()
    Image.open(FIXTURES / "t4.jpg").rotate(90, expand=True).save(sideways, "JPEG", quality=90)
    d = docx.Document()
    d.add_paragraph("淮安市洪泽区人民政府2024年政府信息公开工作年度报告")
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    d.add_picture(io.BytesIO(sideways.getvalue()), width=Cm(8))
    buf = io.BytesIO()
    d.save(buf)
    assert _values(read_document("r.docx", buf.getvalue())) == T4_PRINTED


def test_web_page_with_an_upside_down_data_uri_table():
    b64 = base64.b64encode((FIXTURES / "t4_upside_down.jpg").read_bytes()).decode()
    page = f"<html><body><h1>年度报告</h1><p><img src='data:image/jpeg;base64,{b64}'></p></body></html>"
    assert _values(read_document("r.html", page.encode())) == T4_PRINTED


def test_saved_web_page_with_a_phone_photo_under_a_red_seal(tmp_path):
    (tmp_path / "r_files").mkdir()
    (tmp_path / "r_files" / "t4.jpg").write_bytes((FIXTURES / "t4_seal_photo.jpg").read_bytes())
    page = tmp_path / "r.html"
    page.write_text("<html><body><h1>年度报告</h1><img src='r_files/t4.jpg'></body></html>", encoding="utf-8")
    assert _values(read_document(page)) == T4_PRINTED
