"""Accuracy and cost of OCR on scans made from text PDFs (a script, not a test).

    /work/venv/bin/python bench/bench_ocr.py [--quick] > ocr_bench.json

Each text PDF of tests/pdfs/ (the three real reports, the LibreOffice-printed ruled ones) is
rendered with pypdfium2, turned, noised and JPEG-compressed (bench/scans.py), saved as an
image-only PDF, and extracted; the truth of every cell is the text PDF's own reading. Settings:
200 dpi with skew ≤ 1° and JPEG quality 60–90, and 150 dpi. Every scan is extracted in a fresh
process (one worker), so CPU time and peak RSS are per worker.

Prints, per dpi: cells compared, share right, wrong values whose only flag is ``ocr`` (must be 0),
wrong values by their doubt flag, right values flagged ``ocr_low_confidence``; per scan: CPU
seconds, CPU per table page, peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

PDFS = ["淮安市洪泽区人民政府_2024.pdf", "淮安市洪泽区人民政府_2023.pdf", "淮安市人民政府_2024.pdf",
        "libreoffice_2021_ruled.pdf", "libreoffice_2019_ruled.pdf"]
# (dpi, skew degrees, noise sigma, JPEG quality, seed)
SETTINGS = [(200, 0.7, 10, 60, 1), (200, -1.0, 8, 90, 2), (200, 0.3, 12, 75, 3), (150, 0.5, 8, 75, 4)]
QUICK = [(200, 0.7, 10, 60, 1), (150, 0.5, 8, 75, 4)]


def _cells(extraction) -> dict:
    return {(c["table"], c["row"], c["col"]): c for c in extraction.cells}


def one(scan: Path) -> dict:
    """Extract one scan in this process: cells, CPU, peak RSS."""
    from gkstudy.extract import extract_bytes

    t = time.process_time()
    ex = extract_bytes(str(scan), scan.read_bytes())
    cpu = time.process_time() - t
    pages = sorted({c["page"] for c in ex.cells if c["page"] != ""})
    return {"cells": {"|".join(k): [str(v["value"]), v["flag"]] for k, v in _cells(ex).items()},
            "status": ex.report["status"], "cpu_s": round(cpu, 2), "table_pages": len(pages),
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "ocr_confidence": ex.report.get("ocr_confidence", "")}


def make_scan(pdf: Path, dpi: int, angle: float, noise: float, quality: int, seed: int, work: Path) -> Path:
    from scans import degrade, image_pdf, render

    pages = [degrade(p, angle, noise, quality, seed=seed + k) for k, p in enumerate(render(pdf.read_bytes(), dpi=dpi))]
    out = work / f"{pdf.stem}_{dpi}_{angle}_{quality}.pdf"
    out.write_bytes(image_pdf(pages, dpi))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--quick", action="store_true", help="two settings instead of four")
    ap.add_argument("--setting", action="append", metavar="DPI,SKEW,NOISE,QUALITY,SEED",
                    help="run these settings instead (repeatable), e.g. 200,-1.0,8,90,2")
    ap.add_argument("--work", default="/tmp/gkstudy_ocr_bench")
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(Path(args.one)), ensure_ascii=False))
        return
    from gkstudy.extract import extract_bytes

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    per_dpi: dict[int, Counter] = {}
    runs = []
    for name in PDFS:
        pdf = ROOT / "tests" / "pdfs" / name
        truth = {"|".join(k): str(v["value"]) for k, v in _cells(extract_bytes(name, pdf.read_bytes())).items()}
        chosen = ([tuple(float(x) if "." in x else int(x) for x in t.split(",")) for t in args.setting]
                  if args.setting else QUICK if args.quick else SETTINGS)
        for dpi, angle, noise, quality, seed in chosen:
            scan = make_scan(pdf, dpi, angle, noise, quality, seed, work)
            out = subprocess.run([sys.executable, __file__, "--one", str(scan)], capture_output=True, text=True,
                                 check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
            res = json.loads(out.stdout)
            c = per_dpi.setdefault(dpi, Counter())
            wrong = []
            for key, value in truth.items():
                got, flag = res["cells"].get(key, ["", "missing"])
                c["cells"] += 1
                if got == value:
                    c["right"] += 1
                    if "ocr_low_confidence" in flag:
                        c["right_but_low_confidence"] += 1
                else:
                    wrong.append((key, value, got, flag))
                    c["wrong"] += 1
                    c["wrong_only_ocr" if flag == "ocr" else "wrong_flagged"] += 1
                    c["wrong_na" if got == "" else "wrong_value"] += 1
            runs.append({"scan": scan.name, "status": res["status"], "cpu_s": res["cpu_s"],
                         "table_pages": res["table_pages"],
                         "cpu_per_table_page_s": round(res["cpu_s"] / max(1, res["table_pages"]), 2),
                         "peak_rss_mib": res["peak_rss_mib"], "ocr_confidence": res["ocr_confidence"],
                         "wrong": wrong})
            print(f"{scan.name}: {len(wrong)} wrong, cpu {res['cpu_s']} s", file=sys.stderr)
    summary = {dpi: {**c, "share_right": round(c["right"] / c["cells"], 4)} for dpi, c in per_dpi.items()}
    print(json.dumps({"by_dpi": summary, "runs": runs}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
