"""Run extractions in long-lived worker processes under per-file time and memory bounds.

Unlike ``ProcessPoolExecutor`` (which breaks as a whole when one worker dies and cannot stop a
running task), this pool watches each worker: a worker that crashes or is killed yields a
``failed`` row for the file it held and is replaced; one that passes the file's deadline is killed
and replaced. Heavy libraries are imported once per worker (and preloaded in the fork server), not
once per file.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from .extract import OUT_OF_MEMORY, Extraction, extract_bytes, failed_extraction
from .limits import Limits, apply_memory_limit, crash_reason, describe_exit, memory_reason, timeout_reason

# Imported once in the fork server, so every worker starts with them already loaded.
_PRELOAD = ["gkstudy.extract", "gkstudy.readers.txt", "gkstudy.readers.pdf", "gkstudy.readers.docx",
            "gkstudy.readers.html"]


@dataclass(frozen=True)
class Task:
    key: str  # the file's sha256
    path: str
    source: str


@dataclass
class Finished:
    key: str
    extraction: Extraction
    cpu_seconds: float = 0.0
    # False for outcomes that depend on this run's bounds or on a bug, not on the file alone: a
    # rerun should try those again rather than replay them from the cache.
    cacheable: bool = True


def extract_one(key: str, source: str, data: bytes | None, path: str | None, limits: Limits) -> Finished:
    """Extract one file in the current process (a worker); never raises for bad input."""
    start = time.process_time()
    if data is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return Finished(key, failed_extraction(source, None, f"cannot read file: {exc.strerror or exc}", key),
                            cacheable=False)
    try:
        extraction = extract_bytes(source, data)
    except MemoryError:  # raised outside extract_bytes' own guard (e.g. hashing a huge file)
        extraction = failed_extraction(source, None, OUT_OF_MEMORY, key)
    error = extraction.report.get("error", "")
    cacheable = True
    if error == OUT_OF_MEMORY:
        extraction.report["error"] = memory_reason(limits)
        cacheable = False
    elif str(error).startswith("unexpected error"):
        cacheable = False
    return Finished(key, extraction, time.process_time() - start, cacheable)


def _worker_main(conn, limits: Limits) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides what happens then.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Library chatter (pdfminer warnings, C-level messages) would bury the progress bar and summary.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    apply_memory_limit(limits.max_memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        conn.send(extract_one(task.key, task.source, None, task.path, limits))


class _Worker:
    def __init__(self, ctx, limits: Limits):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, limits), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.deadline = 0.0

    def give(self, task: Task, timeout_s: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout_s
        self.conn.send(task)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=2)
        self.kill()


def _context():
    # Fork server, not fork: the parent may hold threads (tqdm, a Dask client), which fork must not copy.
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


def run_limited(tasks: Iterable[Task], jobs: int, limits: Limits) -> Iterator[Finished]:
    """Extract ``tasks`` in ``jobs`` worker processes; yields results as they finish."""
    ctx = _context()
    pending = iter(tasks)
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    exhausted = False
    try:
        while True:
            while not exhausted and (idle or len(busy) < jobs):
                task = next(pending, None)
                if task is None:
                    exhausted = True
                    break
                worker = idle.pop() if idle else _Worker(ctx, limits)
                worker.give(task, limits.timeout_s)
                busy.append(worker)
            if not busy:
                return
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
            for worker in list(busy):
                result = _collect(worker, limits)
                if result is None:
                    continue
                busy.remove(worker)
                if worker.process.is_alive():
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
    # A result already sent counts even if the worker died just after sending it.
    try:
        if worker.conn.poll():
            return worker.conn.recv()
    except (EOFError, OSError):
        pass
    if not worker.process.is_alive():
        worker.process.join()
        reason = crash_reason(describe_exit(worker.process.exitcode))
    elif time.monotonic() >= worker.deadline:
        reason = timeout_reason(limits)
    else:
        return None
    worker.kill()
    return Finished(task.key, failed_extraction(task.source, None, reason, sha256=task.key), cacheable=False)
