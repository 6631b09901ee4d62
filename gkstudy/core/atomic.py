"""Write files atomically: the content goes into a temporary file beside the target, which replaces
the target only when the whole file is written and synced to disk. An interrupted run leaves the
old file intact.

Temporary files carry the writing process's id (``.cells.csv.<pid>.<random>.tmp``), so that the
next write can remove those a killed process left behind without touching a running one's. The
file comes out with the mode any new file gets (0666 less the umask: 0644 under umask 022), not
the private 0600 of a temporary file.

:func:`atomic_target` is the one helper; :class:`AtomicCSV` streams CSV rows through it, and the
dataset writers (``datasets/files.py``) hand its path to pandas, Stata, Excel and JSON writers."""

from __future__ import annotations

import contextlib
import csv
import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path


def new_file_mode() -> int:
    """The mode ``open()`` gives a new file under the current umask (0o644 under umask 022)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_target(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write; when the block finishes, the file is synced,
    given the umask's mode and moved onto ``path``. If the block fails, ``path`` is untouched and the
    temporary removed. Temporaries of ``path`` left by killed processes are removed first."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_orphaned_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        _fsync(tmp)
        os.chmod(tmp, new_file_mode())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class AtomicCSV:
    """``with AtomicCSV(path, columns) as w: w.write(row)`` — UTF-8, header row, NA as empty."""

    def __init__(self, path: str | Path, columns: Iterable[str]):
        self.path = Path(path)
        self.columns = list(columns)
        self.count = 0

    def __enter__(self) -> "AtomicCSV":
        self._target = atomic_target(self.path)
        tmp = self._target.__enter__()
        self._fh = open(tmp, "w", encoding="utf-8", newline="")
        self._writer = csv.DictWriter(self._fh, fieldnames=self.columns, extrasaction="ignore", lineterminator="\n")
        self._writer.writeheader()
        return self

    def write(self, row: dict) -> None:
        self._writer.writerow(row)
        self.count += 1

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            self._fh.close()  # the last flush: on a full disk it fails, and the temporary must not stay
        except BaseException as error:
            self._target.__exit__(type(error), error, error.__traceback__)
            raise
        return self._target.__exit__(exc_type, exc, tb)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's) or cannot tell: leave its files alone
    return True


def remove_orphaned_temporaries(path: Path) -> list[Path]:
    """Delete temporaries of ``path`` whose writing process no longer exists; returns them."""
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def write_csv_atomic(path: str | Path, columns: Iterable[str], rows: Iterable[dict]) -> int:
    """Write all ``rows`` to ``path`` atomically; returns the row count."""
    with AtomicCSV(path, columns) as out:
        for row in rows:
            out.write(row)
    return out.count
