"""Issue 15: the pages of one big scan are spread over the workers (batch.pages). That the output
is then the same, byte for byte, as reading the file in one piece, and that a rerun comes from the
cache, is tested with the OCR of the multi-page TIFF in test_ocr_scans.py (one OCR of it per suite
run is enough)."""

import pytest

pytest.importorskip("rapidocr_onnxruntime")
pytest.importorskip("cv2")

from gkstudy.batch import pages  # noqa: E402
from gkstudy.readers.ocr.sources import OFF_ENV  # noqa: E402


def test_page_ranges_cover_every_page_once():
    assert pages.page_ranges(100, 2) == [(f, f + 3) for f in range(1, 101, 4)]
    assert pages.page_ranges(9, 2) == [(1, 4), (5, 8), (9, 9)]
    assert pages.page_ranges(2, 2) == [(1, 1), (2, 2)]
    assert pages.split_threshold(1) == 0 and pages.split_threshold(3) == 6


def test_parts_left_by_an_interrupted_run_are_reused(tmp_path, monkeypatch):
    monkeypatch.delenv(OFF_ENV, raising=False)
    from gkstudy.batch.cache import ResultCache as Cache
    from gkstudy.batch.workers import Finished, Task
    from gkstudy.readers.ocr.reader import OcrReading
    from gkstudy.readers.pdf.grid import PageGrid

    cache = Cache(tmp_path)
    reading = OcrReading([PageGrid(2, 10.5, [["1\x1e0.9500", None]], [[(1.0, 2.0, 3.0, 4.0), None]])],
                         ["line"], [2])
    cache.put_part(pages.part_name("k", 2, 2), pages.reading_to_dict(reading))
    queue = pages.TaskQueue([])
    joiner = pages.PageJoiner([Task("k", "nowhere.tif", "nowhere.tif")], queue, cache, jobs=2)
    assert joiner.take(Finished("k", None, split=2)) is None
    # Only page 1 is queued again; page 2 came back from the cache exactly as it was written.
    assert [t.pages for t in queue.tasks] == [(1, 1, 2)]
    assert joiner.parts["k"][(2, 2)] == reading


def test_a_failed_part_fails_its_file_once_and_drops_its_other_parts(tmp_path):
    from gkstudy.batch.cache import ResultCache
    from gkstudy.batch.workers import Finished, Task
    from gkstudy.extract import failed_extraction

    queue = pages.TaskQueue([Task("other", "b.tif", "b.tif")])
    joiner = pages.PageJoiner([Task("k", "a.tif", "a.tif")], queue, ResultCache(tmp_path), jobs=2)
    joiner.take(Finished("k", None, split=3))
    assert [t.pages for t in queue.tasks] == [None, (1, 2, 3), (3, 3, 3)]
    failed = Finished("k", failed_extraction("a.tif", b"", "timed out after 5 s"), cacheable=False, pages=(1, 2, 3))
    out = joiner.take(failed)
    report = out.extraction.report
    assert report["status"] == "failed" and report["error"] == "pages 1-2: timed out after 5 s"
    assert not out.cacheable
    assert [t.key for t in queue.tasks] == ["other"]  # page 3 is not read for nothing
    assert joiner.take(Finished("k", None, pages=(3, 3, 3), reading=None)) is None  # already answered


def test_parts_read_the_first_and_last_pages_whole_as_the_file_in_one_piece_does(monkeypatch):
    """Which pages are read whole, and which share of them, does not depend on how the file is cut."""
    from gkstudy.readers.ocr import reader

    calls = []
    monkeypatch.setattr(reader, "prepared_page", lambda page: page)
    monkeypatch.setattr(reader, "page_grids", lambda grey, page: [])  # narrative pages only
    monkeypatch.setattr(reader, "page_text", lambda grey, top, bottom: calls.append((grey, top, bottom)) or [grey])
    whole = reader.read_pages(["p1", "p2", "p3", "p4", "p5"])
    in_one_piece, calls[:] = list(calls), []
    parts = [reader.read_pages([f"p{n}" for n in range(a, b + 1)], list(range(a, b + 1)), page_count=5)
             for a, b in pages.page_ranges(5, 2)]
    assert calls == in_one_piece == [("p1", 0.0, reader.FIRST_PAGE_TOP), ("p5", 1 - reader.LAST_PAGE_BOTTOM, 1.0)]
    assert reader.join_readings(parts) == whole


def test_a_part_of_a_file_that_changed_meanwhile_is_a_failed_part(tmp_path):
    from gkstudy.batch.limits import Limits
    from gkstudy.batch.workers import CHANGED_WHILE_READ, extract_one

    scan = tmp_path / "a.tif"
    scan.write_bytes(b"now other bytes")
    done = extract_one("0" * 64 + "-tif", str(scan), None, str(scan), Limits(), pages=(3, 4, 9))
    assert done.pages == (3, 4, 9) and done.reading is None  # so the batch fails the file, once
    assert done.extraction.report["error"] == CHANGED_WHILE_READ and not done.cacheable


def test_only_files_read_wholly_by_ocr_are_counted_for_spreading(monkeypatch):
    from pathlib import Path

    from gkstudy.readers.ocr.sources import ocr_page_count

    monkeypatch.delenv(OFF_ENV, raising=False)
    here = Path(__file__).resolve().parent
    scan = here / "fixtures" / "ocr" / "huaian_p1_scan.pdf"
    text = here / "pdfs" / "淮安市洪泽区人民政府_2024.pdf"
    tiff = here / "fixtures" / "ocr" / "huaian_p3_p4_150dpi.tif"
    assert ocr_page_count(str(scan), scan.read_bytes()) == 1
    assert ocr_page_count(str(tiff), tiff.read_bytes(), at_least=2) == 2
    assert ocr_page_count(str(tiff), tiff.read_bytes(), at_least=3) == 0
    assert ocr_page_count(str(text), text.read_bytes()) == 0  # a text layer: read by the PDF reader
    assert ocr_page_count("a.txt", b"1 2 3") == 0
    assert ocr_page_count("broken.pdf", b"%PDF-1.4 not really") == 0  # read in one piece, which says why
    monkeypatch.setenv(OFF_ENV, "1")
    assert ocr_page_count(str(tiff), tiff.read_bytes()) == 0  # --no-ocr: nothing to spread
