"""Benchmark of `gkstudy extract` (a script, not a test).

    .venv/bin/python bench/bench_extract.py --n 1000 --jobs 2 --work /tmp/gkbench

Builds a corpus of N distinct reports (~60% PDF, the rest DOCX, HTML, TXT), runs the extraction,
and prints reports/s, CPU seconds per report by stage, peak memory of the whole process tree,
the rerun time on the unchanged corpus and the ratio of pipeline CPU to a plain text-extraction
floor (pypdfium2 text for PDFs; reading and decoding for the rest).

Corpus: PDFs are the real text-layer reports in shared/realdata (5-6 pages) made distinct by a
unique metadata entry (same layout cost, different bytes); TXT/HTML/DOCX are built from the seed
reports with every number replaced at random.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import shutil
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _vary(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(rng.randrange(0, 500)) if len(m.group()) < 4 else m.group(), text)


def build_corpus(folder: Path, n: int, seed: int = 8) -> dict[str, int]:
    import docx
    import pypdf

    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    pdfs = [p.read_bytes() for p in sorted((SHARED / "realdata").glob("*.pdf"))]
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"pdf": 0, "docx": 0, "html": 0, "txt": 0}
    for i in range(n):
        kind = "pdf" if i % 10 < 6 else ("docx", "html", "txt")[i % 10 % 3]
        counts[kind] += 1
        path = folder / f"r{i:05d}.{kind}"
        if kind == "pdf":
            writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdfs[i % len(pdfs)]))
            writer.add_metadata({"/Subject": f"bench report {i}"})
            buf = io.BytesIO()
            writer.write(buf)
            path.write_bytes(buf.getvalue())
            continue
        text = _vary(seeds[i % len(seeds)], rng)
        if kind == "txt":
            path.write_text(text, encoding="utf-8")
        elif kind == "html":
            body = "".join(f"<p>{line}</p>" for line in text.splitlines())
            path.write_text(f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>', encoding="utf-8")
        else:
            doc = docx.Document()
            for line in text.splitlines():
                doc.add_paragraph(line.replace("\t", " "))
            doc.save(path)
    return counts


class PeakMemory:
    """Peak total RSS of this process and all its descendants, sampled every 0.1 s."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me] + me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.1)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def floor_cpu(files: list[Path]) -> float:
    """CPU seconds of a plain text pass: no table extractor can do less."""
    import pypdfium2
    import zipfile

    start = time.process_time()
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".pdf":
            pdf = pypdfium2.PdfDocument(data)
            for page in pdf:
                page.get_textpage().get_text_range()
            pdf.close()
        elif path.suffix == ".docx":
            zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
        else:
            data.decode("utf-8", errors="replace")
    return time.process_time() - start


def stage_cpu(files: list[Path]) -> dict[str, float]:
    """CPU seconds per report by stage, in this process, over ``files``."""
    from gkstudy.checks import check_values
    from gkstudy.document import ReportError
    from gkstudy.mapper import map_document
    from gkstudy.metadata import read_metadata
    from gkstudy.readers import read_document

    totals = {"read": 0.0, "map": 0.0, "checks": 0.0}
    for path in files:
        data = path.read_bytes()
        t0 = time.process_time()
        try:
            doc = read_document(str(path), data)
        except ReportError:
            totals["read"] += time.process_time() - t0
            continue
        t1 = time.process_time()
        meta = read_metadata(doc.lines)
        mapped = map_document(doc, meta.year)
        t2 = time.process_time()
        if mapped.edition:
            check_values(mapped.edition, {(c.table, c.row, c.col): c.value for c in mapped.cells})
        t3 = time.process_time()
        totals["read"] += t1 - t0
        totals["map"] += t2 - t1
        totals["checks"] += t3 - t2
    return {k: v / max(1, len(files)) for k, v in totals.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", default="/tmp/gkbench")
    ap.add_argument("--stage-sample", type=int, default=50)
    args = ap.parse_args()
    from gkstudy.batch import extract_to_dir

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    corpus, out = work / "corpus", work / "out"
    t = time.perf_counter()
    counts = build_corpus(corpus, args.n)
    build_s = time.perf_counter() - t
    files = sorted(corpus.iterdir())

    with PeakMemory() as mem:
        t = time.perf_counter()
        summary = extract_to_dir([corpus], out, jobs=args.jobs, progress=False)
        wall = time.perf_counter() - t
    t = time.perf_counter()
    rerun = extract_to_dir([corpus], out, jobs=args.jobs, progress=False)
    rerun_s = time.perf_counter() - t
    floor = floor_cpu(files)
    sample = files[:: max(1, len(files) // args.stage_sample)]
    stages = stage_cpu(sample)
    result = {
        "n": args.n, "jobs": args.jobs, "formats": counts, "corpus_build_s": round(build_s, 1),
        "statuses": dict(summary.statuses), "wall_s": round(wall, 1), "reports_per_s": round(args.n / wall, 2),
        "pipeline_cpu_s": round(summary.cpu_seconds, 1),
        "cpu_s_per_report": round(summary.cpu_seconds / args.n, 3),
        "floor_cpu_s": round(floor, 1), "cpu_ratio_to_floor": round(summary.cpu_seconds / max(floor, 1e-9), 1),
        "stage_cpu_s_per_report": {k: round(v, 3) for k, v in stages.items()},
        "stage_sample": len(sample), "peak_rss_mib": round(mem.peak / 2**20),
        "rerun_s": round(rerun_s, 2), "rerun_from_cache": rerun.from_cache,
        "machine": {"cores": psutil.cpu_count(), "mem_gib": round(psutil.virtual_memory().total / 2**30)},
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
