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
