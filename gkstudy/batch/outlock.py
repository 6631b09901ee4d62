"""One ``gkstudy extract`` at a time per output folder.

Two runs writing the same reports.csv would each replace the other's file at random; the second
run is refused with one line instead. The lock is an ``flock`` on OUT/.gkstudy-extract.lock, which
the kernel releases when its holder exits however it exits, so a lock left by a killed run (its
pid dead) is simply taken over. The file holds the holder's pid, for the message.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".gkstudy-extract.lock"


class OutputBusy(Exception):
    """Another process holds the output folder's lock."""


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the lock of ``out`` for the block; OutputBusy when another process holds it."""
    path = out / LOCK_NAME
    fd = _take(path)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        path.unlink(missing_ok=True)  # still held: no other process can have taken this file
        os.close(fd)


def _take(path: Path) -> int:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise OutputBusy(f"another gkstudy extract is writing to {path.parent}"
                             f"{f' (process {holder})' if holder else ''}; wait for it to finish or "
                             "use another --out") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # its holder removed the file as we opened it: lock the one there now
