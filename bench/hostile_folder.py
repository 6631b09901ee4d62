"""Issue 13's acceptance run (a script, not a test):

    /work/venv/bin/python bench/hostile_folder.py [--jobs 2] [--fuzz 40] [--keep DIR]

Builds, in a temporary folder, 40-odd hostile and broken files plus one good report
(tests/hostile_files.build_hostile_folder with full=True: non-UTF-8 names, links out of the
folder, a FIFO, link loops, an 8 GiB sparse file, a PDF decompression bomb, a damaged page tree,
100,000 nested <div>, a rowspan/colspan bomb, an 8k-row table, zip bomb, truncated and bit-flipped
real PDFs, ...) and ``--fuzz N`` more damaged copies of the real PDFs in tests/pdfs (hypothesis,
tests/pdf_mutations.py). Runs `gkstudy extract` on it once and prints JSON: exit code, seconds,
peak RSS of the whole process tree, rows and counted skips against the files made, whether the
good report's rows equal those of its reading alone, whether anything from outside the folder
reached an output, and the rows by status. Exit status 1 when an acceptance condition fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]
from bench_extract import PeakMemory  # noqa: E402
from hostile_files import build_hostile_folder  # noqa: E402

# The bounds for the whole run.
MAX_RSS_GIB = 3
MAX_SECONDS = 360


def _fuzzed(folder: Path, n: int) -> int:
    """``n`` damaged copies of the real PDFs (distinct bytes) under folder/fuzz; returns how many."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from pdf_mutations import mutations

    made: list[tuple[str, bytes]] = []

    @settings(max_examples=1, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.lists(mutations(), min_size=n, max_size=n, unique_by=lambda case: case[1]))
    def draw(cases):
        made.extend(cases)

    draw()
    (folder / "fuzz").mkdir()
    for k, (how, data) in enumerate(made):
        (folder / "fuzz" / f"{k:03d} {how}.pdf").write_bytes(data)
    return len(made)


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _extract(inputs: list[Path], out: Path, jobs: int) -> tuple[int, str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    run = subprocess.run([sys.executable, "-m", "gkstudy.cli", "extract", *map(str, inputs), "--out", str(out),
                          "--jobs", str(jobs), "--no-progress"], env=env, capture_output=True, text=True)
    return run.returncode, run.stderr


def measure(work: Path, jobs: int, fuzz: int) -> dict:
    folder = build_hostile_folder(work / "in", work / "outside", ROOT / "data" / "raw" / "samples", full=True)
    fuzzed = _fuzzed(work / "in", fuzz) if fuzz else 0
    start = time.monotonic()
    with PeakMemory() as memory:
        code, err = _extract([work / "in"], work / "out", jobs)
    seconds = time.monotonic() - start
    rows = _rows(work / "out" / "reports.csv") if code == 0 else []
    made = len(folder["expect"]) + fuzzed
    skipped = sum(folder["skipped"].values())
    # The good report alone, through the same command.
    good = work / "in" / folder["good"]
    _extract([good], work / "alone", jobs)
    alone = _rows(work / "alone" / "reports.csv")[0]
    together = next(r for r in rows if r["source_file"] == str(good)) if rows else {}
    same_cells = ([c for c in _rows(work / "out" / "cells.csv") if c["report_id"] == alone["report_id"]]
                  == _rows(work / "alone" / "cells.csv")) if rows else False
    secret = folder["secret"].encode()
    leaked = [str(p) for p in (work / "out").rglob("*") if p.is_file() and secret in p.read_bytes()]
    result = {
        "exit_code": code, "stderr": err.strip().splitlines()[-1:] if err.strip() else [],
        "traceback": "Traceback" in err, "seconds": round(seconds, 1), "peak_rss_mib": round(memory.peak / 2**20),
        "files_made": made + skipped, "rows": len(rows), "counted_skips": skipped, "fuzzed_pdfs": fuzzed,
        "every_file_accounted_for": len(rows) == made,
        "good_report_as_alone": bool(together) and same_cells
        and all(together[k] == alone[k] for k in alone if k != "source_file"),
        "outputs_with_outside_content": leaked,
        "statuses": dict(Counter(r["status"] for r in rows)),
        "unexpected_errors": [r["source_file"] for r in rows if r["error"].startswith("unexpected error")],
    }
    result["passed"] = (code == 0 and not result["traceback"] and result["every_file_accounted_for"]
                        and result["good_report_as_alone"] and not leaked
                        and memory.peak < MAX_RSS_GIB * 2**30 and seconds < MAX_SECONDS)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--fuzz", type=int, default=0, metavar="N", help="add N damaged copies of the real PDFs")
    parser.add_argument("--keep", metavar="DIR", help="build and run in DIR (kept) instead of a temporary folder")
    args = parser.parse_args()
    if args.keep:
        Path(args.keep).mkdir(parents=True)
        result = measure(Path(args.keep), args.jobs, args.fuzz)
    else:
        with tempfile.TemporaryDirectory(prefix="gkstudy-hostile-") as tmp:
            result = measure(Path(tmp), args.jobs, args.fuzz)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    sys.exit(0 if result["passed"] else 1)


if __name__ == "__main__":
    main()
