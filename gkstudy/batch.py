"""Run extraction over many inputs and stream the contract's three CSV files to an output folder."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .extract import CELL_COLUMNS, CHECK_COLUMNS, REPORT_COLUMNS, Extraction, extract_file
from .readers import FORMATS
from .writers import AtomicCSV

REPORT_COLUMNS_OUT = REPORT_COLUMNS + ("duplicate_of",)


class UsageError(Exception):
    """A problem with the command's arguments (not with an input file)."""


@dataclass
class BatchSummary:
    total: int = 0
    statuses: Counter = field(default_factory=Counter)
    out_dir: Path | None = None

    def line(self) -> str:
        parts = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items()))
        return f"{self.total} reports: {parts or 'none'} -> {self.out_dir}"


def find_inputs(inputs: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """(path, source name) for every input file; folders are walked for supported files, sorted."""
    found: list[tuple[Path, str]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS):
                found.append((sub, str(sub)))
        elif path.is_file():
            found.append((path, str(item)))
        else:
            raise UsageError(f"input not found: {item}")
    return found


def _work(args: tuple[str, str]) -> Extraction:
    path, source = args
    return extract_file(path, source)


def run_extractions(files: list[tuple[Path, str]], jobs: int = 1) -> Iterator[Extraction]:
    """Extractions in input order; with jobs > 1 in worker processes."""
    work = [(str(p), s) for p, s in files]
    if jobs <= 1 or len(work) <= 1:
        yield from map(_work, work)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_work, work, chunksize=1)


def extract_to_dir(inputs: Iterable[str | Path], out_dir: str | Path, jobs: int | None = None,
                   progress: bool | None = None) -> BatchSummary:
    """Extract every input and write reports.csv, cells.csv and checks.csv into ``out_dir``."""
    files = find_inputs(inputs)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".gkstudy-write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to output folder {out}: {exc.strerror or exc}") from exc
    jobs = jobs or os.cpu_count() or 1
    if progress is None:
        progress = sys.stderr.isatty()
    summary = BatchSummary(out_dir=out)
    first_by_sha: dict[str, str] = {}
    results = run_extractions(files, jobs)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, total=len(files), unit="report", desc="extract", file=sys.stderr)
    with (AtomicCSV(out / "reports.csv", REPORT_COLUMNS_OUT) as reports,
          AtomicCSV(out / "cells.csv", CELL_COLUMNS) as cells,
          AtomicCSV(out / "checks.csv", CHECK_COLUMNS) as checks):
        for result in results:
            row = dict(result.report)
            sha = row["sha256"]
            if sha in first_by_sha:
                row["duplicate_of"] = first_by_sha[sha]
            else:
                first_by_sha[sha] = row["source_file"]
                for cell in result.cells:
                    cells.write(cell)
                for check in result.checks:
                    checks.write(check)
            reports.write(row)
            summary.total += 1
            summary.statuses[row["status"]] += 1
            if progress and hasattr(results, "set_postfix_str"):
                results.set_postfix_str(", ".join(f"{k} {v}" for k, v in sorted(summary.statuses.items())))
    return summary
