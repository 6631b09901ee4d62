"""Benchmark of `gkstudy extract` (a script, not a test).

    .venv/bin/python bench/bench_extract.py --n 1000 --jobs 2 --work /tmp/gkbench

Builds a corpus of N distinct reports (~60% PDF, 20% DOCX, 10% HTML, 10% TXT), runs the extraction,
and prints (JSON on stdout; progress on stderr) reports/s, the status counts by kind of file, how
many cells match the numbers the generated files were built from, the generated PDFs' statuses by
where a table breaks across a page, CPU seconds per report by format (reading vs. the rest), where
a PDF's CPU goes by stage (camelot, the second reader, font check, text pass, mapper, ...: each stage's
entry point timed; --cprofile adds a profiler view), peak memory of the whole process tree, the
rerun time on the unchanged corpus, and the ratio of pipeline CPU to a plain text-extraction floor
(pypdfium2 text for PDFs; reading and decoding for the rest).

Corpus (see bench/corpus.py and docs/performance.md):
* PDF, 90%: DOCX reports built like the DOCX below (both editions, ruled tables, narrative of a
  length drawn per file, some set compact) and printed to PDF by LibreOffice
  (`soffice --headless --convert-to pdf`, many files per call): two to six pages each.
* PDF, 10%: the real text-layer reports in data/raw/samples (5-6 pages), each copy made distinct
  by a unique metadata entry (same layout cost, different bytes).
  Without soffice on PATH every PDF is such a copy (the script says so on stderr and in the JSON).
* DOCX: the official 2021 template (merged cells) or a 2019-edition build, from tests/builders.py,
  with numbers drawn per file (every identity holds), agency, year and narrative varied.
* HTML: Word-exported report bodies inside site chrome (tests/builders.report_html), numbers,
  agency and year varied, UTF-8 or GB18030 bytes.
* TXT: the five real seed reports in data/raw/samples with every number below 1000 re-drawn at
  random, so most of their identities fail: they measure reading cost, not accuracy.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as gen  # noqa: E402  (bench/corpus.py)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / "data" / "raw" / "samples"  # the real PDFs and seed texts, committed
REAL_PDF_EVERY = 10  # one PDF in ten is a copy of a real report
SOFFICE_BATCH = 60

# PDF recipes by target page count: (edition, compact, fewest, most extra narrative paragraphs),
# calibrated on LibreOffice 7's output; the pages actually printed are counted and reported.
RECIPES = {
    2: [("2021", True, 0, 0), ("2019", True, 3, 20)],
    3: [("2021", False, 0, 0), ("2021", True, 6, 14), ("2019", False, 0, 6)],
    4: [("2021", False, 5, 8), ("2019", False, 10, 14)],
    5: [("2021", False, 14, 18), ("2019", False, 18, 24)],
    6: [("2021", False, 26, 29), ("2019", False, 26, 30)],
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _vary(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(rng.randrange(0, 500)) if len(m.group()) < 4 else m.group(), text)


def _truth_json(values: dict) -> dict[str, float]:
    return {"|".join(k): v for k, v in values.items()}


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _real_copy(pdf: bytes, i: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_metadata({"/Subject": f"bench report {i}"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def convert_to_pdf(soffice: str, sources: list[Path], out_dir: Path, profiles: Path, jobs: int) -> None:
    """LibreOffice, SOFFICE_BATCH files per call, ``jobs`` calls at a time, each with its own
    profile directory (two soffice processes must not share one, nor use the user's)."""
    batches = [sources[k:k + SOFFICE_BATCH] for k in range(0, len(sources), SOFFICE_BATCH)]

    def run(k: int) -> None:
        profile = (profiles / f"p{k % max(1, jobs)}").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), *map(str, batches[k])],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800, check=False)

    # Profiles are keyed by k % jobs, so batches sharing a profile must not run at once: run in
    # rounds of ``jobs``.
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        for start in range(0, len(batches), max(1, jobs)):
            list(pool.map(run, range(start, min(len(batches), start + max(1, jobs)))))


def _make(i: int, seed: int, folder: Path, staging: Path, generate_pdfs: bool, shared: Path) -> tuple:
    """Write file ``i`` (or, for a generated PDF, its DOCX source into ``staging``).
    Returns (name, kind, truth or None, edition or None). Each file has its own random stream,
    so the corpus does not depend on how the work is split between processes."""
    rng = random.Random(seed * 1_000_003 + i)
    kind = "pdf" if i % 10 < 6 else ("docx", "html", "txt")[i % 10 % 3]
    name = f"r{i:05d}.{kind}"
    path = folder / name
    if kind == "pdf":
        n_pdf = i // 10 * 6 + i % 10  # this file's index among the PDFs
        if not generate_pdfs or n_pdf % REAL_PDF_EVERY == 0:
            real = sorted(shared.glob("*.pdf"))
            path.write_bytes(_real_copy(real[n_pdf % len(real)].read_bytes(), i))
            return name, "pdf-real", None, None
        pages = rng.randint(2, 6)
        edition, compact, lo, hi = rng.choice(RECIPES[pages])
        values, meta = gen.varied_values(edition, rng), gen.varied_meta(edition, rng)
        (staging / f"r{i:05d}.docx").write_bytes(gen.report_docx(edition, values, meta, rng, rng.randint(lo, hi), compact))
        return name, "pdf-generated", _truth_json(values), edition
    if kind == "txt":
        seeds = sorted(shared.glob("*.txt"))
        path.write_text(_vary(seeds[i % len(seeds)].read_text(encoding="utf-8"), rng), encoding="utf-8")
        return name, kind, None, None
    edition = rng.choice(("2021", "2019"))
    values, meta = gen.varied_values(edition, rng), gen.varied_meta(edition, rng)
    if kind == "docx":
        path.write_bytes(gen.report_docx(edition, values, meta, rng, rng.randint(0, 16)))
    else:
        declared, actual = rng.choice((("utf-8", "utf-8"), ("gb2312", "gb18030"), ("utf-8", "gb18030")))
        path.write_bytes(gen.builders.report_html(edition, values, meta, declared, meta.iso).encode(actual))
    return name, kind, _truth_json(values), edition


def build_corpus(work: Path, n: int, seed: int = 8, jobs: int = 2, shared: Path = SHARED) -> dict:
    """Write N files into work/corpus and the numbers each generated file was built from into
    work/truth.json. Returns counts of what was built."""
    import pypdfium2

    real = sorted(shared.glob("*.pdf"))
    if not real or not list(shared.glob("*.txt")):
        raise SystemExit(f"no real PDFs or no seed texts in {shared}: see --shared")
    folder, staging = work / "corpus", work / "pdf_sources"
    folder.mkdir(parents=True, exist_ok=True)
    staging.mkdir(parents=True, exist_ok=True)
    soffice = soffice_binary()
    if soffice is None:
        log("soffice not found: every PDF is a metadata-varied copy of the 3 real PDFs (no generated PDFs)")
    with ProcessPoolExecutor(max(1, jobs)) as pool:
        made = list(pool.map(_make, range(n), [seed] * n, [folder] * n, [staging] * n, [soffice is not None] * n,
                             [shared] * n, chunksize=8))
    kinds = {name: kind for name, kind, _t, _e in made}
    truth = {name: t for name, _k, t, _e in made if t is not None}
    to_convert = sorted(staging.glob("*.docx"))
    if to_convert:
        t = time.perf_counter()
        log(f"converting {len(to_convert)} DOCX to PDF with {soffice} ...")
        convert_to_pdf(soffice, to_convert, folder, work / "lo_profiles", jobs)
        log(f"  done in {time.perf_counter() - t:.0f} s")
    missing = [p.stem + ".pdf" for p in to_convert if not (folder / (p.stem + ".pdf")).exists()]
    for k, name in enumerate(missing):  # conversion failed: fall back to a real copy, and say so
        (folder / name).write_bytes(_real_copy(real[k % len(real)].read_bytes(), 10**6 + k))
        kinds[name] = "pdf-real"
        truth.pop(name, None)
    if missing:
        log(f"soffice produced no PDF for {len(missing)} files: replaced by real-PDF copies")
    shutil.rmtree(staging, ignore_errors=True)
    (work / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    pages: Counter = Counter()
    editions: Counter = Counter()
    for name, kind, _t, edition in made:
        if kinds[name] == "pdf-generated":
            pdf = pypdfium2.PdfDocument(str(folder / name))
            pages[len(pdf)] += 1
            pdf.close()
            editions[edition] += 1
    return {"kinds": dict(Counter(kinds.values())), "kind_of": kinds, "generated_pdf_pages": dict(sorted(pages.items())),
            "generated_pdf_editions": dict(editions), "soffice": soffice or "", "conversion_failures": len(missing)}


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
    import zipfile

    import pypdfium2

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


def outcomes(out: Path, kind_of: dict[str, str], truth: dict[str, dict]) -> dict:
    """Status counts by kind of file, the commonest reasons for not-ok, and cells vs. truth."""
    statuses: dict[str, Counter] = defaultdict(Counter)
    reasons: dict[str, Counter] = defaultdict(Counter)
    name_of: dict[str, str] = {}
    with open(out / "reports.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = Path(row["source_file"]).name
            name_of[row["report_id"]] = name
            kind = kind_of.get(name, "?")
            statuses[kind][row["status"]] += 1
            if row["status"] != "ok":
                for part in filter(None, (p.strip() for p in row["error"].split(";"))):
                    reasons[kind][re.sub(r"\d+", "N", part)[:110]] += 1
    match: dict[str, Counter] = defaultdict(Counter)
    with open(out / "cells.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = name_of.get(row["report_id"], "")
            expected = truth.get(name, {}).get(f"{row['table']}|{row['row']}|{row['col']}")
            if expected is None:
                continue
            kind = kind_of[name]
            if row["value"] == "":
                match[kind]["na"] += 1
            elif abs(float(row["value"]) - expected) < 1e-9:
                match[kind]["right"] += 1
            else:
                match[kind]["wrong"] += 1
    return {"statuses_by_kind": {k: dict(v) for k, v in sorted(statuses.items())},
            "not_ok_reasons_by_kind": {k: dict(v.most_common(8)) for k, v in sorted(reasons.items())},
            "cells_vs_truth_by_kind": {k: dict(v) for k, v in sorted(match.items())}}


def _warm_up(files: list[Path]) -> None:
    """One extraction per kind of file first: lazy imports (camelot) and caches are paid once per
    worker in the batch too, not per file."""
    from gkstudy.extract import extract_bytes

    for path in files:
        extract_bytes(str(path), path.read_bytes())


def table_breaks(path: Path) -> list[str]:
    """Where a ruled table runs on from one page to the next (the page ends in a table, no text
    below it, and the next page starts with one, no text above it but a page number), named by the
    table and the part cut: "t2", "t3 header" (cut inside its header rows), "t3 body",
    "t3 last row alone" (one row carried over), "t4"."""
    import pdfplumber

    pages = []  # (ends in table, starts with table, text of the last table, rows of the first)
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            if not tables:
                pages.append((False, False, "", 0))
                continue
            top, bottom = tables[0].bbox[1], tables[-1].bbox[3]
            words = [w for w in page.extract_words() if not re.fullmatch(r"[-—\d\s]+", w["text"])]
            last = "".join(c or "" for row in tables[-1].extract() for c in row).replace("\n", "")
            pages.append((not any(w["top"] > bottom for w in words), not any(w["bottom"] < top for w in words),
                          last, len(tables[0].rows)))
    out = []
    for k in range(len(pages) - 1):
        ends, _s, last, _r = pages[k]
        _e, starts, _l, first_rows = pages[k + 1]
        if not (ends and starts):
            continue
        if "行政诉讼" in last or "复议后起诉" in last:
            out.append("t4")
        elif "申请人情况" in last and "本年新收" not in last:
            out.append("t3 header")
        elif any(w in last for w in ("申请人情况", "本年新收", "予以公开", "不予公开", "无法提供", "不予处理", "其他处理")):
            out.append("t3 last row alone" if first_rows == 1 else "t3 body")
        elif "第二十条" in last:
            out.append("t2")
        else:
            out.append("other")
    return out


def status_by_table_break(out: Path, kind_of: dict[str, str], jobs: int) -> dict:
    """Generated PDFs' statuses by where a table breaks across a page (a PDF may count twice)."""
    rows = []
    with open(out / "reports.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if kind_of.get(Path(row["source_file"]).name) == "pdf-generated":
                rows.append((Path(row["source_file"]), row["status"]))
    with ProcessPoolExecutor(max(1, jobs)) as pool:
        breaks = list(pool.map(table_breaks, [p for p, _s in rows], chunksize=8))
    table: dict[str, Counter] = defaultdict(Counter)
    for (_p, status), found in zip(rows, breaks):
        for label in sorted(set(found)) or ["no table breaks across a page"]:
            table[label][status] += 1
        if not set(found) - {"t3 body", "t2"}:
            table["only breaks the reader rejoins (t2, t3 body) or none"][status] += 1
    return {k: dict(v) for k, v in sorted(table.items())}


def stage_cpu(files: list[Path]) -> dict[str, float]:
    """CPU seconds per report, in this process: reading (read_document, timed inside the one
    extract_bytes call) and everything after it (metadata, mapping, repair, checks, places)."""
    import gkstudy.extract as extract

    read = total = 0.0
    original = extract.read_document

    def timed_read(*a, **kw):
        nonlocal read
        t0 = time.process_time()
        try:
            return original(*a, **kw)
        finally:
            read += time.process_time() - t0

    extract.read_document = timed_read
    try:
        for path in files:
            data = path.read_bytes()
            t0 = time.process_time()
            extract.extract_bytes(str(path), data)
            total += time.process_time() - t0
    finally:
        extract.read_document = original
    k = max(1, len(files))
    return {"read": round(read / k, 4), "after_read": round((total - read) / k, 4), "total": round(total / k, 4)}


# Stage entry points of a PDF's extraction: (stage, module that calls them, names there). Timed by
# wrapping the name in the calling module (a clock read per call, no profiler overhead). Names the
# measured code does not have are skipped and listed (the readers change: pdfplumber was the second
# reader until pdfium_grids replaced it).
PDF_HOOKS = (
    ("text pass", "gkstudy.readers.pdf.reader", ("open_pdf", "page_texts", "text_lines", "table_pages", "has_text_layer")),
    ("camelot", "gkstudy.readers.pdf.reader", ("camelot_grids",)),
    ("pdfplumber (second reader)", "gkstudy.readers.pdf.reader", ("plumber_grids",)),
    ("pdfium (second reader)", "gkstudy.readers.pdf.reader", ("pdfium_grids",)),
    ("unruled tables (pdfplumber words)", "gkstudy.readers.pdf.reader", ("unruled_tokens",)),
    ("font check (pdfplumber)", "gkstudy.readers.pdf.reader", ("zero_ascent_pages",)),
    ("cross-check", "gkstudy.readers.pdf.reader", ("cross_check",)),
    ("grid joining, tokens", "gkstudy.readers.pdf.reader", ("join_split_rows", "tokens_of", "_mark", "_collect")),
    ("metadata", "gkstudy.extract", ("read_metadata",)),
    ("mapper", "gkstudy.extract", ("map_document",)),
    ("repair", "gkstudy.extract", ("repair_cells", "values_for_checks")),
    ("checks", "gkstudy.extract", ("check_values", "report_warnings")),
    ("places", "gkstudy.extract", ("agency_columns",)),
)


def pdf_stage_cpu(files: list[Path]) -> dict:
    """CPU seconds per PDF by stage: each stage's entry functions wrapped with a process-time
    clock for the duration, extract_bytes' total as the whole ("other" is what no stage covers)."""
    import importlib

    from gkstudy.extract import extract_bytes

    if not files:
        return {}
    spent: Counter = Counter()
    saved = []

    def wrap(stage, fn):
        def timed(*a, **kw):
            t0 = time.process_time()
            try:
                return fn(*a, **kw)
            finally:
                spent[stage] += time.process_time() - t0
        return timed

    missing = []
    for stage, module_name, names in PDF_HOOKS:
        module = importlib.import_module(module_name)
        for name in names:
            fn = getattr(module, name, None)
            if fn is None:  # the readers changed: say so rather than guess
                missing.append(f"{module_name}.{name}")
                continue
            saved.append((module, name, fn))
            setattr(module, name, wrap(stage, fn))
    total = 0.0
    try:
        for path in files:
            data = path.read_bytes()
            t0 = time.process_time()
            extract_bytes(str(path), data)
            total += time.process_time() - t0
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)
    k = len(files)
    out = {stage: round(v / k, 4) for stage, v in spent.most_common()}
    out["other"] = round((total - sum(spent.values())) / k, 4)
    return {"files": k, "total_cpu_s_per_file": round(total / k, 4), "by_stage": out, "hooks_not_found": missing}


def profile_pdfs(files: list[Path]) -> dict:
    """Where a PDF's extraction CPU goes: cProfile (process-time clock) of extract_bytes over
    ``files``, cumulative time of each stage's entry function, as shares of the total."""
    from gkstudy.extract import extract_bytes

    if not files:
        return {}
    extract_bytes(str(files[0]), files[0].read_bytes())  # warm-up: lazy imports, font caches
    prof = cProfile.Profile(time.process_time)
    datas = [(str(p), p.read_bytes()) for p in files]
    prof.enable()
    for source, data in datas:
        extract_bytes(source, data)
    prof.disable()
    stats = pstats.Stats(prof).stats
    total = sum(tt for (_cc, _nc, tt, _ct, _callers) in stats.values())
    buckets: Counter = Counter()
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.items():
        if "/gkstudy/" not in filename.replace(os.sep, "/"):
            continue
        for stage, _module, names in PDF_HOOKS:
            if func in names:
                buckets[stage] += ct
    buckets["other"] = total - sum(buckets.values())  # negative would mean nested buckets
    return {"files": len(files), "profiled_cpu_s_per_file": round(total / len(files), 3),
            "share": {k: round(v / total, 3) for k, v in buckets.most_common()}}


def _busy_cpu() -> float:
    """CPU seconds the whole machine has spent busy (all cores, all processes)."""
    t = psutil.cpu_times()
    return t.user + t.nice + t.system + getattr(t, "irq", 0) + getattr(t, "softirq", 0) + getattr(t, "steal", 0)


def code_version() -> dict:
    """Which gkstudy was measured: its folder, and the commit with whether its files differ."""
    import gkstudy

    root = Path(gkstudy.__file__).resolve().parent.parent
    out = {"gkstudy": str(root), "commit": "", "uncommitted_changes_in_gkstudy": None}
    try:
        out["commit"] = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                                       text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", "gkstudy"],
                               capture_output=True, text=True, check=True).stdout
        out["uncommitted_changes_in_gkstudy"] = bool(dirty.strip())
    except (OSError, subprocess.CalledProcessError):
        pass
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", default="/tmp/gkbench")
    ap.add_argument("--stage-sample", type=int, default=20, help="files per kind for the per-stage CPU")
    ap.add_argument("--cprofile", action="store_true",
                    help="also cProfile one generated and one real PDF (shares of profiled time; the profiler's "
                         "per-call overhead inflates pure-Python stages such as pdfminer's)")
    ap.add_argument("--shared", default=str(SHARED), help="folder holding the real PDFs (*.pdf) and seed texts (*.txt); default data/raw/samples")
    ap.add_argument("--label", default="", help="a note stored with the results, e.g. the commit of a snapshot")
    args = ap.parse_args()
    from gkstudy.batch.runner import extract_to_dir

    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    corpus, out = work / "corpus", work / "out"
    t = time.perf_counter()
    built = build_corpus(work, args.n, jobs=args.jobs, shared=Path(args.shared))
    build_s = time.perf_counter() - t
    kind_of = built.pop("kind_of")
    files = sorted(corpus.iterdir())
    log(f"corpus: {built['kinds']} in {build_s:.0f} s; extracting with --jobs {args.jobs} ...")

    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    self0 = time.process_time()
    busy0 = _busy_cpu()
    with PeakMemory() as mem:
        t = time.perf_counter()
        summary = extract_to_dir([corpus], out, jobs=args.jobs, progress=False)
        wall = time.perf_counter() - t
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    tree_cpu = (time.process_time() - self0 + children1.ru_utime - children0.ru_utime
                + children1.ru_stime - children0.ru_stime)
    others_cpu = _busy_cpu() - busy0 - tree_cpu
    log(f"extracted in {wall:.1f} s; rerun, floor, stages, page breaks ...")
    t = time.perf_counter()
    rerun = extract_to_dir([corpus], out, jobs=args.jobs, progress=False)
    rerun_s = time.perf_counter() - t
    floor = floor_cpu(files)
    truth = json.loads((work / "truth.json").read_text(encoding="utf-8"))
    by_kind: dict[str, list[Path]] = defaultdict(list)
    for p in files:
        by_kind[kind_of[p.name]].append(p)
    _warm_up([v[0] for v in by_kind.values()])
    stages = {k: stage_cpu(v[:: max(1, len(v) // args.stage_sample)][: args.stage_sample])
              for k, v in sorted(by_kind.items())}
    generated = by_kind.get("pdf-generated", [])
    generated = generated[:: max(1, len(generated) // args.stage_sample)][: args.stage_sample]
    real = by_kind.get("pdf-real", [])[:3]
    pdf_stages = {"generated": pdf_stage_cpu(generated), "real": pdf_stage_cpu(real)}
    profile = {"generated": profile_pdfs(generated[:1]), "real": profile_pdfs(real[:1])} if args.cprofile else None
    result = {
        "n": args.n, "jobs": args.jobs, "corpus": built, "corpus_build_s": round(build_s, 1),
        "statuses": dict(summary.statuses), **outcomes(out, kind_of, truth),
        "generated_pdf_statuses_by_table_break": status_by_table_break(out, kind_of, args.jobs),
        "wall_s": round(wall, 1), "reports_per_s": round(args.n / wall, 2),
        "pipeline_cpu_s": round(summary.cpu_seconds, 1),
        "cpu_s_per_report": round(summary.cpu_seconds / args.n, 3),
        "process_tree_cpu_s": round(tree_cpu, 1),
        # CPU the rest of the machine used meanwhile: > 0 means the wall time is not this run's alone.
        "other_processes_cpu_s_during_extraction": round(max(0.0, others_cpu), 1),
        "floor_cpu_s": round(floor, 1), "cpu_ratio_to_floor": round(summary.cpu_seconds / max(floor, 1e-9), 1),
        "stage_cpu_s_per_report_by_kind": stages, "stage_sample_per_kind": args.stage_sample,
        "pdf_stage_cpu_s_per_file": pdf_stages,
        **({"pdf_cprofile_share": profile} if profile else {}),
        "peak_rss_mib": round(mem.peak / 2**20),
        "rerun_s": round(rerun_s, 2), "rerun_from_cache": rerun.from_cache,
        "code": {**code_version(), "label": args.label},
        "machine": {"cores": psutil.cpu_count(), "mem_gib": round(psutil.virtual_memory().total / 2**30),
                    "python": sys.version.split()[0]},
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
