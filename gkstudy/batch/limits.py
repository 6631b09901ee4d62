"""Per-file bounds: how long one file may take and how much memory its worker may use.

The bounds are enforced by :mod:`gkstudy.batch.workers` (a wall-clock deadline per file, and an address-space
limit set inside each worker process); this module holds the settings and the one-line reasons a
person reads in ``reports.csv`` when a file hits them.
"""

from __future__ import annotations

import resource
import signal
from dataclasses import dataclass

DEFAULT_TIMEOUT_S = 120.0
# What one file may add to a worker's address space; real reports need well under 500 MB.
DEFAULT_MAX_MEMORY_MB = 2048
# Largest input file read at all: real reports are under 50 MB; a bigger file (an 8 GB sparse file,
# a disk image named .pdf) would be hashed for minutes and then not fit in a worker's memory.
DEFAULT_MAX_INPUT_MB = 500


@dataclass(frozen=True)
class Limits:
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    max_input_mb: int = DEFAULT_MAX_INPUT_MB

    @property
    def max_input_bytes(self) -> int:
        return self.max_input_mb * 1024 * 1024


def size_reason(size: int, limits: Limits) -> str:
    return (f"file larger than {limits.max_input_mb} MB ({size / 1024 / 1024:,.0f} MB): not read "
            "(raise --max-input-size to allow more)")


def timeout_reason(limits: Limits) -> str:
    return f"took longer than {limits.timeout_s:g} s (raise --timeout to allow more)"


def memory_reason(limits: Limits, stage: str = "") -> str:
    """``stage``: what the worker was doing when memory ran out (e.g. "decompressing page 3")."""
    what = f"the memory limit ({limits.max_memory_mb} MB) while {stage}" if stage else f"{limits.max_memory_mb} MB"
    return f"needed more than {what} (raise --max-memory to allow more)"


def crash_reason(how: str) -> str:
    return f"worker crashed (out of memory?): {how} while reading this file"


def describe_exit(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


def address_space_in_use() -> int:
    """Bytes of address space this process has mapped now (0 where the system cannot tell)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def apply_memory_limit(max_memory_mb: int) -> None:
    """Let this process map at most ``max_memory_mb`` more than it holds now; allocations beyond
    that fail (MemoryError) instead of driving the machine into swap or the kernel's OOM killer.

    The bound is on top of what the worker holds at start, because the libraries it has loaded
    reserve address space they never touch (OpenCV alone ~0.7 GB): what it bounds is what one
    file may cost.
    """
    limit = address_space_in_use() + max_memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
