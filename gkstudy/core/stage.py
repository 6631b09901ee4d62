"""What the current process is doing right now ("decompressing page 3"), for the reason a file
gets when it takes its worker down.

A worker that runs out of memory inside a C library (pdfium aborts with SIGABRT) cannot say so
itself; readers name their step here and a worker passes each step on to its parent
(:mod:`gkstudy.batch.workers`), which reads the last one when the worker dies.
"""

from __future__ import annotations

from collections.abc import Callable

_current = ""
_listener: Callable[[str], None] | None = None


def note(step: str) -> None:
    """Say what this process does now (one short phrase, or "" when done)."""
    global _current
    if step != _current:
        _current = step
        if _listener is not None:
            _listener(step)


def current() -> str:
    return _current


def set_listener(listener: Callable[[str], None] | None) -> None:
    """Call ``listener`` with every new step (a worker's link to its parent)."""
    global _listener
    _listener = listener
