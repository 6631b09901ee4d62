"""Write CSV files atomically: rows stream into a temporary file beside the target, which replaces
the target only when the whole file is written. An interrupted run leaves the old file intact.

Temporary files carry the writing process's id (``.cells.csv.<pid>.<random>.tmp``), so that the
next write can remove those a killed process left behind without touching a running one's."""

from __future__ import annotations

import csv
import glob
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class AtomicCSV:
    """``with AtomicCSV(path, columns) as w: w.write(row)`` — UTF-8, header row, NA as empty."""

    def __init__(self, path: str | Path, columns: Iterable[str]):
        self.path = Path(path)
        self.columns = list(columns)
        self.count = 0

    def __enter__(self) -> "AtomicCSV":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_orphaned_temporaries(self.path)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.{os.getpid()}.", suffix=".tmp",
                                         dir=self.path.parent)
        self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._writer = csv.DictWriter(self._fh, fieldnames=self.columns, extrasaction="ignore", lineterminator="\n")
        self._writer.writeheader()
        return self

    def write(self, row: dict) -> None:
        self._writer.writerow(row)
        self.count += 1

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            try:
                self._fh.flush()
                os.fsync(self._fh.fileno())
            finally:
                self._fh.close()
            if exc_type is None:
                os.replace(self._tmp, self.path)
        except BaseException:  # a full disk fails the last flush: the temporary must not stay
            Path(self._tmp).unlink(missing_ok=True)
            raise
        if exc_type is not None:
            Path(self._tmp).unlink(missing_ok=True)


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
