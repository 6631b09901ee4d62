"""Run extractions in long-lived worker processes under per-file time and memory bounds.

Unlike ``ProcessPoolExecutor`` (which breaks as a whole when one worker dies and cannot stop a
running task), this pool watches each worker: a worker that crashes or is killed yields a
``failed`` row for the file it held and is replaced; one that passes the file's deadline is killed
and replaced. Workers are fresh interpreters (``python -m gkstudy.batch.workers``), not forks: nothing of
the caller (its threads, its unguarded ``__main__`` script) is copied or re-run, and each worker
imports the heavy libraries once, when it starts, not once per file.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from gkstudy.batch.cache import sha256_of_key
from gkstudy.readers import READERS
from gkstudy.readers.ocr.sources import ocr_page_count, read_ocr_part
from gkstudy.extract import OUT_OF_MEMORY, Extraction, extract_bytes, failed_extraction
from gkstudy.batch.limits import (
    DEFAULT_MAX_INPUT_MB, Limits, apply_memory_limit, crash_reason, describe_exit, memory_reason, timeout_reason,
)
from gkstudy.core import stage
from gkstudy.core.normalize import one_line

# Imported by each worker as it starts (those that exist), so no file pays for them.
_PRELOAD = tuple(r.module for r in READERS)
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


@dataclass(frozen=True)
class Task:
    key: str  # cache.result_key: the file's sha256 and type
    path: str
    source: str
    # A file read wholly by OCR with at least this many pages is not extracted but answered with
    # its page count, so the batch can spread its pages over workers (batch.pages); 0: never.
    split_at: int = 0
    # (first, last, of): read only these pages of the file's ``of`` by OCR (one part of a file).
    pages: tuple[int, int, int] | None = None


@dataclass
class Finished:
    key: str
    extraction: Extraction | None  # None for a split answer or a part's reading
    cpu_seconds: float = 0.0
    # False for outcomes that depend on this run's bounds or on a bug, not on the file alone: a
    # rerun should try those again rather than replay them from the cache.
    cacheable: bool = True
    split: int = 0  # the file's pages, when the task's split_at asked for them to be spread
    pages: tuple[int, int, int] | None = None  # the task's pages, for a part (reading or failure)
    reading: object = None  # readers.ocr.reader.OcrReading of those pages


def read_as_hashed(key: str, source: str, path: str, max_bytes: int) -> tuple[bytes | None, Extraction | None]:
    """The file's bytes if they are still those the batch hashed as ``key`` (and no more than
    ``max_bytes``); else None and the file's failed row (not to be cached)."""
    try:
        with open(path, "rb") as fh:
            # One byte more than the size the file has now tells a file that grew from one that did not.
            data = fh.read(min(os.fstat(fh.fileno()).st_size, max_bytes) + 1)
    except OSError as exc:
        return None, failed_extraction(source, None, f"cannot read file: {exc.strerror or exc}", sha256_of_key(key))
    if not is_as_hashed(key, data, max_bytes):
        return None, failed_extraction(source, None, CHANGED_WHILE_READ, sha256="")
    return data, None


def is_as_hashed(key: str, data: bytes, max_bytes: int) -> bool:
    """``data`` is what the batch hashed as ``key`` (what is parsed is exactly what was hashed)."""
    return len(data) <= max_bytes and hashlib.sha256(data).hexdigest() == sha256_of_key(key)


def is_cacheable(extraction: Extraction) -> bool:
    """An unexpected error may not happen again: such a result is not kept in the cache."""
    return not str(extraction.report.get("error", "")).startswith("unexpected error")


def extract_one(key: str, source: str, data: bytes | None, path: str | None, limits: Limits,
                split_at: int = 0, pages: tuple[int, int, int] | None = None) -> Finished:
    """Extract one file in the current process (a worker); never raises for bad input.

    The bytes are read once and hashed here: what is parsed is exactly what was hashed, and a file
    whose bytes are not those the batch hashed (it changed in between) is not extracted, so that
    no result is ever cached under another content's key."""
    start = time.process_time()
    stage.note("")  # readers name their steps (core.stage); none yet for this file
    if data is None:
        data, unread = read_as_hashed(key, source, path, limits.max_input_bytes)
        if unread is not None:
            return Finished(key, unread, cacheable=False, pages=pages)
    elif not is_as_hashed(key, data, limits.max_input_bytes):
        return Finished(key, failed_extraction(source, None, CHANGED_WHILE_READ, sha256=""), cacheable=False, pages=pages)
    count = ocr_page_count(source, data, at_least=split_at) if split_at else 0
    if count >= split_at > 0:
        return Finished(key, None, time.process_time() - start, split=count)
    if pages is not None:
        return _read_part(key, source, data, pages, limits, start)
    try:
        extraction = extract_bytes(source, data)
    except MemoryError:  # raised outside extract_bytes' own guard (e.g. hashing a huge file)
        extraction = failed_extraction(source, None, OUT_OF_MEMORY, sha256_of_key(key))
    cacheable = is_cacheable(extraction)
    if extraction.report.get("error", "") == OUT_OF_MEMORY:
        extraction.report["error"] = memory_reason(limits, stage.current())
        cacheable = False
    stage.note("")
    return Finished(key, extraction, time.process_time() - start, cacheable)


def _read_part(key: str, source: str, data: bytes, pages: tuple[int, int, int], limits: Limits,
               start: float) -> Finished:
    """The OCR reading of some pages of a file; a failure is the file's failed row, not cached."""
    reason = ""
    try:
        reading = read_ocr_part(source, data, *pages)
    except MemoryError:
        reason = memory_reason(limits, stage.current())
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
        reason = f"unexpected error: {type(exc).__name__}: {one_line(exc)}"
    stage.note("")
    if reason:
        return Finished(key, failed_extraction(source, None, reason, sha256_of_key(key)),
                        time.process_time() - start, cacheable=False, pages=pages)
    return Finished(key, None, time.process_time() - start, pages=pages, reading=reading)


CHANGED_WHILE_READ = "file changed while the batch read it: not extracted; run again once it stays the same"
# Bytes of the shared file where a worker writes its current step (core.stage) for its parent.
STAGE_BYTES = 256


def _stage_writer(fd: int):
    def write(step: str) -> None:
        os.pwrite(fd, step.encode("utf-8")[:STAGE_BYTES].ljust(STAGE_BYTES, b"\0"), 0)
    return write


def _worker_main(read_fd: int, write_fd: int, max_memory_mb: int, timeout_s: float, stage_fd: int = -1,
                 max_input_mb: int = DEFAULT_MAX_INPUT_MB) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides what happens then.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import importlib

    for name in _PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    limits = Limits(timeout_s=timeout_s, max_memory_mb=max_memory_mb, max_input_mb=max_input_mb)
    if stage_fd >= 0:
        stage.set_listener(_stage_writer(stage_fd))
    apply_memory_limit(max_memory_mb)
    tasks, results = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        results.send(extract_one(task.key, task.source, None, task.path, limits, task.split_at, task.pages))


class _Worker:
    def __init__(self, limits: Limits):
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        # An unnamed file both processes share: the worker's current step (see core.stage).
        self.stage_fd = os.memfd_create("gkstudy-stage") if hasattr(os, "memfd_create") else _unnamed_file()
        env = dict(os.environ)
        # The worker imports the same gkstudy as this process, installed or not.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
        # One thread per worker: parallelism comes from the worker count, not from BLAS/OpenCV threads.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(var, "1")
        # Library chatter (pdfminer warnings, C-level messages) would bury the progress bar and summary.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gkstudy.batch.workers", str(task_r), str(result_w), str(limits.max_memory_mb),
             repr(limits.timeout_s), str(self.stage_fd), str(limits.max_input_mb)],
            pass_fds=(task_r, result_w, self.stage_fd), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, close_fds=True)
        os.close(task_r)
        os.close(result_w)
        self.tasks = Connection(task_w, readable=False)
        self.conn = Connection(result_r, writable=False)
        self.task: Task | None = None
        self.deadline = 0.0

    def step(self) -> str:
        """The last step the worker named (core.stage), "" if none."""
        try:
            return os.pread(self.stage_fd, STAGE_BYTES, 0).rstrip(b"\0").decode("utf-8", "replace")
        except OSError:
            return ""

    def give(self, task: Task, timeout_s: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout_s
        try:
            self.tasks.send(task)
        except OSError:  # died before it could take the task; _collect reports the crash
            pass

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        self.process.wait()
        self.tasks.close()
        self.conn.close()
        if self.stage_fd >= 0:
            os.close(self.stage_fd)
            self.stage_fd = -1

    def stop(self) -> None:
        try:
            self.tasks.send(None)
            self.process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


def run_limited(tasks: Iterable[Task], jobs: int, limits: Limits) -> Iterator[Finished]:
    """Extract ``tasks`` in ``jobs`` worker processes; yields results as they finish. ``tasks`` is
    asked for more whenever a worker is free, so a caller may add to it while results come in."""
    pending = iter(tasks)
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    try:
        while True:
            # Asked again after every result: the caller may add tasks meanwhile (a file's pages).
            while idle or len(busy) < jobs:
                task = next(pending, None)
                if task is None:
                    break
                worker = idle.pop() if idle else _Worker(limits)
                worker.give(task, limits.timeout_s)
                busy.append(worker)
            if not busy:
                return
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            # A worker's result pipe also becomes readable (EOF) when the worker dies.
            wait([w.conn for w in busy], timeout)
            for worker in list(busy):
                result = _collect(worker, limits)
                if result is None:
                    continue
                busy.remove(worker)
                if worker.alive():
                    idle.append(worker)
                yield result
    finally:
        for worker in idle:
            worker.stop()
        for worker in busy:
            worker.kill()


def _collect(worker: _Worker, limits: Limits) -> Finished | None:
    """The worker's result if it has one, a failed result if it died or ran out of time, else None."""
    task = worker.task
    try:
        if worker.conn.poll():
            return worker.conn.recv()  # a result already sent counts even if the worker died since
    except (EOFError, OSError):
        worker.process.wait()  # the pipe closed: the worker is gone
    if not worker.alive():
        reason = _crash_reason(worker.process.returncode, worker.step(), limits)
    elif time.monotonic() >= worker.deadline:
        reason = timeout_reason(limits)
    else:
        return None
    worker.kill()
    return Finished(task.key, failed_extraction(task.source, None, reason, sha256_of_key(task.key)), cacheable=False,
                    pages=task.pages)


def _crash_reason(returncode: int | None, step: str, limits: Limits) -> str:
    """A C library that cannot allocate under the memory bound aborts (SIGABRT) or is killed."""
    if step and returncode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):
        return f"{memory_reason(limits, step)}; the worker was {describe_exit(returncode)}"
    return crash_reason(describe_exit(returncode))


def _unnamed_file() -> int:
    fd, name = tempfile.mkstemp(prefix="gkstudy-stage-")
    os.unlink(name)
    return fd


if __name__ == "__main__":
    # Run from the imported module, not from this __main__ copy, so results pickle as gkstudy.batch.workers.*
    from gkstudy.batch.workers import _worker_main

    _worker_main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]),
                 int(sys.argv[6]))
