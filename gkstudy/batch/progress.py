"""A progress bar with counts per status and an ETA; silent unless asked for or on a terminal."""

from __future__ import annotations

import sys
from collections import Counter


class Progress:
    def __init__(self, total: int, enabled: bool | None = None, desc: str = "extract", unit: str = "report"):
        if enabled is None:
            enabled = sys.stderr.isatty()
        self.counts: Counter = Counter()
        self._bar = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, dynamic_ncols=True)

    def done(self, status: str) -> None:
        self.counts[status] += 1
        if self._bar is not None:
            self._bar.set_postfix_str(", ".join(f"{s} {n}" for s, n in sorted(self.counts.items())),
                                      refresh=False)
            self._bar.update()

    def add_total(self, n: int) -> None:
        """A crawl finds more work as it goes: grow the bar's total."""
        if self._bar is not None:
            self._bar.total = (self._bar.total or 0) + n
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
