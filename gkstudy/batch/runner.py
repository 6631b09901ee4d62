"""Run extraction over many inputs and stream the contract's three CSV files to an output folder.

Flow: find the inputs; hash each one (content decides duplicates and cache hits); send the rest to
worker processes (or a Dask cluster); as each result arrives it goes to the cache on disk, and the
CSV files are written in input order, so the output bytes do not depend on ``--jobs`` or on the
order in which workers finish. The pages of a big scan may go to several workers (batch.pages). Memory stays flat: cell and check rows are streamed, and a result
waiting for its turn waits in the cache, not in memory. Report rows (one per file) are held until
the end, when copies of one report in other files are marked (``duplicates``) and the cross-year
checks, which need every report, go to their own file.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gkstudy.batch.cache import ResultCache, result_key, sha256_of_key
from gkstudy.batch.duplicates import mark_duplicates
from gkstudy.contract import (CELL_COLUMNS, CHECK_COLUMNS, CONFLICT_COLUMNS, CONFLICTS_CSV, CROSSYEAR_CSV,
                              REPORTS_CSV_COLUMNS)
from gkstudy.extract import Extraction, apply_corrections, failed_extraction
from gkstudy.checks import corrections as corr
from gkstudy.batch.limits import Limits, size_reason
from gkstudy.batch.inputs import folder_files, is_report_file, not_a_file_reason, sha256_of_file
from gkstudy.batch.names import text_to_name
from gkstudy.batch.outlock import OutputBusy, output_lock
from gkstudy.batch.pages import PageJoiner, TaskQueue, split_threshold
from gkstudy.batch.progress import Progress
from gkstudy.batch.sources import provenance_by_file
from gkstudy.readers import OTHER_REPORT_TYPES
from gkstudy.batch.workers import Finished, Task, run_limited
from gkstudy.checks.crossyear import CrossYearCollector
from gkstudy.core.atomic import AtomicCSV, write_csv_atomic

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
    duplicates: int = 0  # files marked duplicate_of another (byte-identical or the same cells)
    conflicts: int = 0  # rows of conflicts.csv: same agency and year, different cells
    corrections: Counter = field(default_factory=Counter)  # outcome -> corrections (checks.corrections)
    refused: Counter = field(default_factory=Counter)  # batch.inputs kind -> entries of the folders not read

    def line(self) -> str:
        parts = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items()))
        cached = f" ({self.from_cache} unchanged, from cache)" if self.from_cache else ""
        return (f"{self.total} reports: {parts or 'none'}{cached} -> {self.out_dir}{self.duplicates_note()}{self.corrections_note()}"
                f"{self.skipped_note()}{self.refused_note()}")

    def duplicates_note(self) -> str:
        copies = f"; {self.duplicates} copies of another report (duplicate_of)" if self.duplicates else ""
        conflicts = f"; {self.conflicts} conflicts ({CONFLICTS_CSV})" if self.conflicts else ""
        return copies + conflicts

    def corrections_note(self) -> str:
        if not self.corrections:
            return ""
        done = ", ".join(f"{self.corrections[o]} {o.replace('_', ' ')}" for o in (corr.APPLIED, corr.NOT_NEEDED,
                                                                                corr.NO_CELLS)
                         if self.corrections[o])
        note = f"; corrections: {done or 'none applied'}"
        unknown = self.corrections[corr.UNKNOWN_REPORT]
        if unknown:
            note += (f"; warning: {unknown} correction{'s' if unknown > 1 else ''} for reports not among the "
                     f"inputs (see {corr.REPORT_FILE})")
        return note

    def refused_note(self) -> str:
        if not self.refused:
            return ""
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.refused.items()))
        return f"; not read: {kinds}"

    def skipped_note(self) -> str:
        if not self.skipped:
            return ""
        kinds = ", ".join(f"{n} {suffix or '(no suffix)'}" for suffix, n in self.skipped.most_common())
        return f"; skipped {sum(self.skipped.values())} files of other types in the folders ({kinds})"


@dataclass
class _Input:
    path: Path
    source: str
    key: str = ""  # cache.result_key: content and type, which decide the extraction
    duplicate_of: str = ""  # source of the first input with the same content
    ready: Extraction | None = None  # a row known without extracting (unreadable input)
    queued: bool = False  # sent to a worker in this run (else its row comes from the cache)
    encoding: str = ""  # names.text_to_name: how a name that is not UTF-8 became ``source``


def find_inputs(inputs: Iterable[str | Path], skipped: Counter | None = None,
                refused: Counter | None = None) -> list[tuple[Path, str]]:
    """(path, source name) for every input file; folders are walked for supported files, sorted.
    Files met in the folders that may be reports in a format not read (OTHER_REPORT_TYPES) are
    counted by suffix in ``skipped`` (hidden ones are not); links leading out of a folder, broken
    links and special files are not read, and counted by kind in ``refused`` (see batch.inputs)."""
    found: list[tuple[Path, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for sub in folder_files(path, refused):
                if is_report_file(sub):
                    found.append((sub, str(sub)))
                elif skipped is not None and sub.suffix.lower() in OTHER_REPORT_TYPES:
                    skipped[sub.suffix.lower()] += 1
        elif path.is_file():
            found.append((path, str(item)))
        else:
            raise UsageError(not_a_file_reason(item))
    return found


def _plan(files: list[tuple[Path, str]], limits: Limits) -> list[_Input]:
    """Hash every input; mark later copies of the same content (and type) as duplicates of the first.
    A file over the size bound is not read at all (hashing 8 GB would take minutes)."""
    items: list[_Input] = []
    first: dict[str, str] = {}
    for path, name in files:
        source, encoding = text_to_name(name)
        item = _Input(path, source, encoding=encoding)
        try:
            size = path.stat().st_size
            if size > limits.max_input_bytes:
                item.ready = failed_extraction(source, None, size_reason(size, limits), sha256="")
            else:
                item.key = result_key(sha256_of_file(path), source)
        except OSError as exc:
            item.ready = failed_extraction(source, None, f"cannot read file: {exc.strerror or exc}", sha256="")
        else:
            if item.key in first:
                item.duplicate_of = first[item.key]
            else:
                first[item.key] = source
        items.append(item)
    return items


def run_extractions(tasks: Iterable[Task], jobs: int, limits: Limits, scheduler: str | None = None
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
        # A name of its own: two runs probing one folder must not remove each other's probe.
        fd, probe = tempfile.mkstemp(prefix=".gkstudy-write-test.", dir=out)
        os.close(fd)
        os.unlink(probe)
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
        self.provenance: dict[Path, dict[str, str]] = {}  # resolved path -> source_url, retrieved_at
        self.rows: list[dict] = []  # report rows in input order, written once duplicates are marked
        self.corrections: corr.Corrections | None = None
        self.outcomes: list[corr.Outcome] = []
        self.seen_reports: set[tuple[str, ...]] = set()

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
        if self.corrections is not None:
            self.seen_reports.add(tuple(result.report.get(k, "") for k in corr.REPORT_KEY))
            result, outcomes = apply_corrections(result, self.corrections)
            self.outcomes += outcomes
        rows = [dict(r, source_file=item.source) for r in result.reports]  # a compilation has several
        if item.key in self.repeated:
            self.first_rows[item.key] = rows[0]
        for cell in result.cells:
            self.cells.write(cell)
        for check in result.checks:
            self.checks.write(check)
        for row in rows:
            self.crossyear.add(row, result.cells if len(rows) == 1 else
                               [c for c in result.cells if c["report_id"] == row["report_id"]])
            self._write_report(item, row)

    def cells_of(self, index: int) -> list[dict]:
        """The cells of the report in row ``index`` (read back from the cache: only asked for reports
        that share agency and year with another)."""
        item = self.items[index]
        result = item.ready or self.cache.get(item.key, item.source)
        return result.cells if result else []

    def finish(self, crossyear: AtomicCSV, conflicts: AtomicCSV) -> None:
        """Mark copies, then write reports.csv, the cross-year checks and the conflicts."""
        found = mark_duplicates(self.rows, self.cells_of)
        for row in self.rows:
            self.reports.write(row)
        self.summary.duplicates = sum(1 for row in self.rows if row.get("duplicate_of"))
        self.summary.conflicts = len(found)
        for row in found:
            conflicts.write(row)
        for check in self.crossyear.checks(self.rows):  # needs every report, so it comes last
            crossyear.write(check)

    def _write_report(self, item: _Input, row: dict) -> None:
        row["source_file_encoding"] = item.encoding
        row = {**row, **self.provenance.get(item.path.resolve(), {})}
        self.rows.append(row)
        self.summary.total += 1
        self.summary.statuses[row["status"]] += 1
        if not item.queued:  # queued files were counted on the bar when their result arrived
            self.progress.done(row["status"])


def extract_to_dir(inputs: Iterable[str | Path], out_dir: str | Path, jobs: int | None = None,
                   progress: bool | None = None, limits: Limits | None = None,
                   scheduler: str | None = None, use_cache: bool = True,
                   corrections: str | Path | None = None) -> BatchSummary:
    """Extract every input and write reports.csv, cells.csv and checks.csv into ``out_dir``.

    ``corrections`` names a corrections file (gkstudy.checks.corrections): its rows are applied to
    the readings, cached or fresh, and ``out_dir/corrections_report.csv`` says what became of each.
    A malformed file raises CorrectionsError before anything is written; a correction of a cell its
    report does not have raises it too, and the old output files stay as they were.

    Finished extractions are kept in ``out_dir/.cache``: a rerun extracts only new or changed files,
    and a run that was interrupted resumes where it stopped. ``use_cache=False`` extracts every
    file again (and rewrites its cache entry). One run at a time writes to ``out_dir``
    (UsageError for a second one); a failing disk (full, read-only) is a one-line UsageError
    that leaves the outputs of earlier runs as they were and no temporary behind.
    """
    skipped: Counter = Counter()
    inputs = list(inputs)
    # Read before anything is extracted or written (CorrectionsError: one line, file and line number).
    fixes = corr.read_corrections(corrections) if corrections is not None else None
    refused: Counter = Counter()
    files = find_inputs(inputs, skipped, refused)
    out = _writable_dir(out_dir)
    problem = ""
    try:
        with output_lock(out):
            return _extract_to_dir(inputs, files, skipped, refused, out, jobs, progress, limits, scheduler,
                                   use_cache, fixes)
    except OutputBusy as exc:
        problem = str(exc)
    except OSError as exc:  # reading inputs never raises (their rows say why): this is the output side
        problem = _write_problem(exc, out)
    raise UsageError(problem)  # outside the except block: the run's workers go with its frames


def _write_problem(exc: OSError, out: Path) -> str:
    where = exc.filename or out
    reason = exc.strerror or str(exc)
    return f"cannot write {where}: {reason}; outputs of earlier runs were left as they were"


def _extract_to_dir(inputs: list, files: list[tuple[Path, str]], skipped: Counter, refused: Counter, out: Path,
                    jobs: int | None, progress: bool | None, limits: Limits | None, scheduler: str | None,
                    use_cache: bool, fixes) -> BatchSummary:
    jobs = jobs or os.cpu_count() or 1
    limits = limits or Limits()
    cache = ResultCache(out / CACHE_DIR)
    items = _plan(files, limits)
    summary = BatchSummary(out_dir=out, skipped=skipped, refused=refused)
    todo = []
    for item in items:
        if item.ready is None and not item.duplicate_of:
            if use_cache and cache.has(item.key):
                summary.from_cache += 1
            else:
                item.queued = True
                todo.append(Task(item.key, str(item.path), item.source, split_at=split_threshold(jobs)))
    queue = TaskQueue(todo)
    joiner = PageJoiner(todo, queue, cache, jobs, limits)
    with (Progress(len(items), progress) as bar,
          AtomicCSV(out / "reports.csv", REPORTS_CSV_COLUMNS) as reports,
          AtomicCSV(out / "cells.csv", CELL_COLUMNS) as cells,
          AtomicCSV(out / "checks.csv", CHECK_COLUMNS) as checks,
          AtomicCSV(out / CROSSYEAR_CSV, CHECK_COLUMNS) as crossyear,
          AtomicCSV(out / CONFLICTS_CSV, CONFLICT_COLUMNS) as conflicts):
        writer = _OrderedWriter(items, cache, reports, cells, checks, summary, bar)
        writer.provenance = provenance_by_file(inputs)
        writer.corrections = fixes
        writer.advance()
        for finished in run_extractions(queue, jobs, limits, scheduler):
            if finished.split or finished.pages:  # a big scan's pages, spread over the workers
                finished = joiner.take(finished)
                if finished is None:
                    continue
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
        writer.finish(crossyear, conflicts)
    _write_corrections_report(out, fixes, writer, summary)
    return summary


def _write_corrections_report(out: Path, fixes, writer: _OrderedWriter, summary: BatchSummary) -> None:
    """OUT/corrections_report.csv: one row per correction, by line; removed when no corrections
    file was given, so that an old report cannot be taken for this run's."""
    path = out / corr.REPORT_FILE
    if fixes is None:
        path.unlink(missing_ok=True)
        return
    outcomes = writer.outcomes + corr.unknown_reports(fixes, writer.seen_reports)
    outcomes.sort(key=lambda o: o.correction.line)
    summary.corrections.update(o.outcome for o in outcomes)
    write_csv_atomic(path, corr.REPORT_COLUMNS, (o.row() for o in outcomes))
