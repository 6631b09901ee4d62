"""Run extraction over many inputs and stream the contract's three CSV files to an output folder.

Flow: find the inputs; hash each one (content decides duplicates and cache hits); send the rest to
worker processes (or a Dask cluster); as each result arrives it goes to the cache on disk, and the
CSV files are written in input order, so the output bytes do not depend on ``--jobs`` or on the
order in which workers finish. Memory stays flat: rows are streamed, and a result waiting for its
turn waits in the cache, not in memory.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gkstudy.batch.cache import ResultCache, result_key, sha256_of_key
from gkstudy.contract import CELL_COLUMNS, CHECK_COLUMNS, REPORTS_CSV_COLUMNS
from gkstudy.extract import Extraction, failed_extraction
from gkstudy.batch.limits import Limits
from gkstudy.batch.progress import Progress
from gkstudy.readers import FORMATS
from gkstudy.readers.ocr.sources import is_page_asset
from gkstudy.batch.workers import Finished, Task, run_limited
from gkstudy.checks.crossyear import CrossYearCollector
from gkstudy.core.atomic import AtomicCSV

CACHE_DIR = ".cache"


class UsageError(Exception):
    """A problem with the command's arguments (not with an input file)."""


@dataclass
class BatchSummary:
    total: int = 0
    statuses: Counter = field(default_factory=Counter)
    out_dir: Path | None = None
    from_cache: int = 0
    cpu_seconds: float = 0.0  # extraction CPU time spent in workers during this run
    skipped: Counter = field(default_factory=Counter)  # suffix -> files in the folders that may be reports in other formats

    def line(self) -> str:
        parts = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items()))
        cached = f" ({self.from_cache} unchanged, from cache)" if self.from_cache else ""
        return f"{self.total} reports: {parts or 'none'}{cached} -> {self.out_dir}{self.skipped_note()}"

    def skipped_note(self) -> str:
        if not self.skipped:
            return ""
        kinds = ", ".join(f"{n} {suffix or '(no suffix)'}" for suffix, n in self.skipped.most_common())
        hint = ("; save .doc/.wps files as .docx to include them (e.g. soffice --headless --convert-to docx)"
                if any(s in LEGACY_WORD for s in self.skipped) else "")
        return f"; skipped {sum(self.skipped.values())} files of other types in the folders ({kinds}){hint}"


LEGACY_WORD = (".doc", ".wps")
# Other files a folder of reports may hold that could be reports in a format not read (counted in
# the summary line); a README or a manifest beside the reports is not worth a word.
OTHER_REPORT_TYPES = frozenset({*LEGACY_WORD, ".rtf", ".odt", ".ofd", ".xls", ".xlsx", ".et", ".jpg", ".jpeg",
                                ".png", ".tif", ".tiff", ".zip", ".rar", ".7z", ".mht", ".mhtml"})


@dataclass
class _Input:
    path: Path
    source: str
    key: str = ""  # cache.result_key: content and type, which decide the extraction
    duplicate_of: str = ""  # source of the first input with the same content
    ready: Extraction | None = None  # a row known without extracting (unreadable input)
    queued: bool = False  # sent to a worker in this run (else its row comes from the cache)


def find_inputs(inputs: Iterable[str | Path], skipped: Counter | None = None) -> list[tuple[Path, str]]:
    """(path, source name) for every input file; folders are walked for supported files, sorted.
    Files met in the folders that may be reports in a format not read (OTHER_REPORT_TYPES) are
    counted by suffix in ``skipped`` (hidden ones are not)."""
    found: list[tuple[Path, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                if sub.suffix.lower() in FORMATS and not is_page_asset(sub):
                    found.append((sub, str(sub)))
                elif (skipped is not None and sub.suffix.lower() in OTHER_REPORT_TYPES
                      and not any(part.startswith(".") for part in sub.relative_to(path).parts)):
                    skipped[sub.suffix.lower()] += 1
        elif path.is_file():
            found.append((path, str(item)))
        else:
            raise UsageError(f"input not found: {item}")
    return found


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _plan(files: list[tuple[Path, str]]) -> list[_Input]:
    """Hash every input; mark later copies of the same content (and type) as duplicates of the first."""
    items: list[_Input] = []
    first: dict[str, str] = {}
    for path, source in files:
        item = _Input(path, source)
        try:
            item.key = result_key(_sha256_of(path), source)
        except OSError as exc:
            item.ready = failed_extraction(source, b"", f"cannot read file: {exc.strerror or exc}")
        else:
            if item.key in first:
                item.duplicate_of = first[item.key]
            else:
                first[item.key] = source
        items.append(item)
    return items


def run_extractions(tasks: list[Task], jobs: int, limits: Limits, scheduler: str | None = None
                    ) -> Iterator[Finished]:
    """Results of ``tasks`` as they finish, from local workers or a Dask cluster."""
    if scheduler:
        from gkstudy.batch.dask import SchedulerError, run_on_dask

        try:
            yield from run_on_dask(tasks, scheduler, limits)
        except SchedulerError as exc:
            raise UsageError(str(exc)) from None
        return
    yield from run_limited(tasks, jobs, limits)


def _writable_dir(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".gkstudy-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to output folder {out}: {exc.strerror or exc}") from exc
    return out


class _OrderedWriter:
    """Writes rows in input order as results become available; remembers only what it must."""

    def __init__(self, items: list[_Input], cache: ResultCache, reports: AtomicCSV, cells: AtomicCSV,
                 checks: AtomicCSV, summary: BatchSummary, progress: Progress):
        self.items, self.cache = items, cache
        self.reports, self.cells, self.checks = reports, cells, checks
        self.summary, self.progress = summary, progress
        self.next = 0
        # Results that are not cached (bound-dependent failures) wait here; they carry no cells.
        self.transient: dict[str, Extraction] = {}
        # Report rows of contents that appear again later, for their duplicate rows.
        self.repeated = {i.key for i in items if i.duplicate_of}
        self.first_rows: dict[str, dict] = {}
        self.crossyear = CrossYearCollector()  # a few values per report, for the cross-year warnings

    def advance(self) -> None:
        while self.next < len(self.items):
            item = self.items[self.next]
            if item.ready is not None:
                self._write(item, item.ready)
            elif item.duplicate_of:
                row = dict(self.first_rows[item.key], source_file=item.source, duplicate_of=item.duplicate_of)
                self._write_report(item, row)
            else:
                result = self.transient.pop(item.key, None) or self.cache.get(item.key, item.source)
                if result is None and item.queued:
                    return  # not finished yet
                if result is None:  # its shard was damaged after the plan saw it
                    self.cache.drop(item.key)
                    result = failed_extraction(item.source, None, "cached result unreadable; run again to "
                                               "extract this file afresh", sha256_of_key(item.key))
                self._write(item, result)
            self.next += 1

    def _write(self, item: _Input, result: Extraction) -> None:
        row = dict(result.report, source_file=item.source)
        if item.key in self.repeated:
            self.first_rows[item.key] = row
        for cell in result.cells:
            self.cells.write(cell)
        for check in result.checks:
            self.checks.write(check)
        self.crossyear.add(row, result.cells)
        self._write_report(item, row)

    def _write_report(self, item: _Input, row: dict) -> None:
        self.reports.write(row)
        self.summary.total += 1
        self.summary.statuses[row["status"]] += 1
        if not item.queued:  # queued files were counted on the bar when their result arrived
            self.progress.done(row["status"])


def extract_to_dir(inputs: Iterable[str | Path], out_dir: str | Path, jobs: int | None = None,
                   progress: bool | None = None, limits: Limits | None = None,
                   scheduler: str | None = None, use_cache: bool = True) -> BatchSummary:
    """Extract every input and write reports.csv, cells.csv and checks.csv into ``out_dir``.

    Finished extractions are kept in ``out_dir/.cache``: a rerun extracts only new or changed files,
    and a run that was interrupted resumes where it stopped. ``use_cache=False`` extracts every
    file again (and rewrites its cache entry).
    """
    skipped: Counter = Counter()
    files = find_inputs(inputs, skipped)
    out = _writable_dir(out_dir)
    jobs = jobs or os.cpu_count() or 1
    limits = limits or Limits()
    cache = ResultCache(out / CACHE_DIR)
    items = _plan(files)
    summary = BatchSummary(out_dir=out, skipped=skipped)
    todo = []
    for item in items:
        if item.ready is None and not item.duplicate_of:
            if use_cache and cache.has(item.key):
                summary.from_cache += 1
            else:
                item.queued = True
                todo.append(Task(item.key, str(item.path), item.source))
    with (Progress(len(items), progress) as bar,
          AtomicCSV(out / "reports.csv", REPORTS_CSV_COLUMNS) as reports,
          AtomicCSV(out / "cells.csv", CELL_COLUMNS) as cells,
          AtomicCSV(out / "checks.csv", CHECK_COLUMNS) as checks):
        writer = _OrderedWriter(items, cache, reports, cells, checks, summary, bar)
        writer.advance()
        for finished in run_extractions(todo, jobs, limits, scheduler):
            bar.done(finished.extraction.report["status"])
            if finished.cacheable:
                cache.put(finished.key, finished.extraction)
            else:
                writer.transient[finished.key] = finished.extraction
            summary.cpu_seconds += finished.cpu_seconds
            writer.advance()
        writer.advance()
        if writer.next != len(items):  # pragma: no cover - would mean a lost input
            raise RuntimeError(f"internal error: {len(items) - writer.next} inputs got no row")
        for check in writer.crossyear.checks():  # needs every report, so it comes last
            checks.write(check)
    return summary
