"""Issue 15: the pages of one big scan are spread over the workers (batch.pages), and the output is
the same, byte for byte, as reading the file in one piece; a rerun comes from the cache."""

import shutil
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime")
pytest.importorskip("cv2")

from gkstudy.batch import pages  # noqa: E402
from gkstudy.batch.cache import ResultCache, result_key  # noqa: E402
from gkstudy.batch.runner import CACHE_DIR, extract_to_dir  # noqa: E402
from gkstudy.extract import extract_bytes  # noqa: E402
from gkstudy.readers.ocr.sources import OFF_ENV  # noqa: E402

SCAN = Path(__file__).resolve().parent / "fixtures" / "ocr" / "huaian_p3_p4_150dpi.tif"  # 2 table pages
OUTPUTS = ("reports.csv", "cells.csv", "checks.csv")


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_page_ranges_cover_every_page_once():
    assert pages.page_ranges(100, 2) == [(f, f + 3) for f in range(1, 101, 4)]
    assert pages.page_ranges(9, 2) == [(1, 4), (5, 8), (9, 9)]
    assert pages.page_ranges(2, 2) == [(1, 1), (2, 2)]
    assert pages.split_threshold(1) == 0 and pages.split_threshold(3) == 6


def test_a_scan_split_over_two_workers_gives_the_bytes_of_one_piece(tmp_path, monkeypatch):
    monkeypatch.delenv(OFF_ENV, raising=False)
    monkeypatch.setattr(pages, "MIN_PAGES_PER_WORKER", 1)  # split the 2-page scan: one page a worker
    inputs = tmp_path / "in"
    inputs.mkdir()
    scan = inputs / SCAN.name
    shutil.copy(SCAN, scan)
    data = scan.read_bytes()
    source = str(scan)
    # In one piece: read in this process, written by the batch from its cache entry.
    one = tmp_path / "one"
    import hashlib

    key = result_key(hashlib.sha256(data).hexdigest(), source)
    ResultCache(one / CACHE_DIR).put(key, extract_bytes(source, data))
    assert extract_to_dir([scan], one, jobs=1, progress=False).from_cache == 1
    # Split: each page OCR'd by a worker of its own, joined and mapped here.
    two = tmp_path / "two"
    summary = extract_to_dir([scan], two, jobs=2, progress=False)
    assert summary.from_cache == 0 and summary.total == 1
    assert _outputs(two) == _outputs(one)
    cells = (two / "cells.csv").read_text(encoding="utf-8").splitlines()
    assert len(cells) > 200 and any(",ocr," in c for c in cells)  # the cells were read, by OCR
    # The parts are gone from the cache once the file's own entry is there; a rerun replays it.
    shards = [p.name for p in (two / CACHE_DIR).rglob("*.json")]
    assert shards == [f"{key}.json"]
    rerun = extract_to_dir([scan], two, jobs=2, progress=False)
    assert rerun.from_cache == 1
    assert _outputs(two) == _outputs(one)


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
