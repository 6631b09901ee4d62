"""Spread the pages of one big file read by OCR (a scanned PDF, a multi-page TIFF) over workers.

A file's task carries ``split_at``; a worker that finds the file is read wholly by OCR and has at
least that many pages answers with its page count instead of extracting it. Its page ranges then
go out as tasks of their own; each returns the OCR reading of its pages (cached as a part, so an
interrupted run keeps them); once every part of the file is in, the parent joins them in page
order and runs the same mapping, checks and repair as for a file read in one piece
(extract.extract_bytes with the joined Document), so the output bytes are the same.
"""

from __future__ import annotations

import time
from collections import deque

from gkstudy.batch.cache import ResultCache
from gkstudy.batch.limits import Limits
from gkstudy.batch.workers import Finished, Task, is_cacheable, read_as_hashed
from gkstudy.extract import extract_bytes
from gkstudy.readers.ocr.reader import OcrReading
from gkstudy.readers.ocr.sources import document_of_parts
from gkstudy.readers.pdf.grid import PageGrid

# Spread a file only when every worker gets at least this many of its pages: one OCR'd page costs
# about 3 s, so a shorter file is not worth a second copy of its bytes and a second open.
MIN_PAGES_PER_WORKER = 2
# Pages per part: ≈ 12 s of OCR, long against a task's fixed cost (sending the bytes, opening the
# file), short enough that a 100-page scan makes 25 tasks to share out.
PART_PAGES = 4


def split_threshold(jobs: int) -> int:
    """The page count from which a file read by OCR is spread over ``jobs`` workers (0: never)."""
    return MIN_PAGES_PER_WORKER * jobs if jobs > 1 else 0


def page_ranges(pages: int, jobs: int) -> list[tuple[int, int]]:
    """(first, last) page ranges covering 1…``pages``: at most PART_PAGES, and no more than needed
    to give each of ``jobs`` workers a part."""
    size = max(1, min(PART_PAGES, -(-pages // max(1, jobs))))
    return [(first, min(pages, first + size - 1)) for first in range(1, pages + 1, size)]


def reading_to_dict(reading: OcrReading) -> dict:
    return {"grids": [[g.page, g.top, g.cells, g.boxes] for g in reading.grids], "lines": reading.lines,
            "table_pages": reading.table_pages}


def dict_to_reading(body: dict) -> OcrReading:
    grids = [PageGrid(page, top, cells, [[tuple(b) if b is not None else None for b in row] for row in boxes])
             for page, top, cells, boxes in body["grids"]]
    return OcrReading(grids, list(body["lines"]), list(body["table_pages"]))


def part_name(key: str, first: int, last: int) -> str:
    return f"{key}-pages{first}-{last}"


class TaskQueue:
    """Tasks handed to the workers one at a time; the batch adds a file's pages while it runs."""

    def __init__(self, tasks: list[Task]):
        self.tasks = deque(tasks)

    def __iter__(self):
        return self

    def __next__(self) -> Task:
        if not self.tasks:
            raise StopIteration
        return self.tasks.popleft()

    def drop(self, key: str) -> None:
        """Forget the queued parts of a file that has failed."""
        self.tasks = deque(t for t in self.tasks if t.key != key)


class PageJoiner:
    """Collects the parts of split files; gives each file's Finished once all its parts are in."""

    def __init__(self, tasks: list[Task], queue: TaskQueue, cache: ResultCache, jobs: int,
                 limits: Limits | None = None):
        self.by_key = {t.key: t for t in tasks}
        self.queue, self.cache, self.jobs = queue, cache, jobs
        # The file is read again to be joined: the same bound as when it was hashed.
        self.max_input_bytes = (limits or Limits()).max_input_bytes
        self.parts: dict[str, dict[tuple[int, int], OcrReading]] = {}
        self.wanted: dict[str, list[tuple[int, int]]] = {}
        self.pages: dict[str, int] = {}
        self.cpu: dict[str, float] = {}
        self.failed: set[str] = set()

    def take(self, finished: Finished) -> Finished | None:
        """What a split answer or a part means for its file: None until the file is done."""
        key = finished.key
        self.cpu[key] = self.cpu.get(key, 0.0) + finished.cpu_seconds
        if finished.split:
            return self._split(key, finished.split)
        if key in self.failed:
            return None
        first, last, _ = finished.pages
        if finished.reading is None:  # the part failed: so does the file, and its other parts go
            self.failed.add(key)
            self.queue.drop(key)
            report = finished.extraction.report
            report["error"] = f"pages {first}-{last}: {report['error']}"
            return Finished(key, finished.extraction, self._cpu(key), cacheable=False)
        self.cache.put_part(part_name(key, first, last), reading_to_dict(finished.reading))
        self.parts[key][(first, last)] = finished.reading
        return self._joined(key)

    def _split(self, key: str, pages: int) -> Finished | None:
        task = self.by_key[key]
        ranges = page_ranges(pages, self.jobs)
        self.wanted[key], self.pages[key], self.parts[key] = ranges, pages, {}
        for first, last in ranges:
            body = self.cache.get_part(part_name(key, first, last))
            if body is not None:  # read before an interruption
                try:
                    self.parts[key][(first, last)] = dict_to_reading(body)
                    continue
                except (KeyError, TypeError, ValueError):
                    pass
            self.queue.tasks.append(Task(key, task.path, task.source, pages=(first, last, pages)))
        return self._joined(key)

    def _joined(self, key: str) -> Finished | None:
        if len(self.parts[key]) < len(self.wanted[key]):
            return None
        start = time.process_time()
        task = self.by_key[key]
        got = self.parts.pop(key)
        parts = [got[r] for r in self.wanted[key]]
        data, unread = read_as_hashed(key, task.source, task.path, self.max_input_bytes)
        if unread is not None:
            return Finished(key, unread, self._cpu(key), cacheable=False)
        pages = self.pages[key]
        extraction = extract_bytes(task.source, data, read=lambda path, _data: document_of_parts(path, parts, pages))
        cacheable = is_cacheable(extraction)
        for first, last in self.wanted.pop(key):
            if cacheable:  # the file's own entry replaces them; else a rerun maps the same parts again
                self.cache.drop(part_name(key, first, last))
        return Finished(key, extraction, self._cpu(key) + time.process_time() - start, cacheable)

    def _cpu(self, key: str) -> float:
        return self.cpu.pop(key, 0.0)
