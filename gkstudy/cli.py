"""Command line: a thin layer over the library. Library errors become one line, no traceback."""

from __future__ import annotations

import argparse
import sys

from gkstudy import __version__
from gkstudy.batch.runner import UsageError, extract_to_dir
from gkstudy.cli_export import add_export_parser, run_export
from gkstudy.batch.limits import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, Limits
from gkstudy.readers.ocr.sources import turn_ocr_off

EPILOG_MAIN = """examples:
  gkstudy extract data/raw --out data/processed
  gkstudy extract report2023.pdf more_reports/ --out out --jobs 2
  gkstudy export --formats csv,parquet,dta,xlsx
"""

EPILOG_EXTRACT = """Writes DIR/reports.csv (one row per input), DIR/cells.csv (one row per canonical cell)
and DIR/checks.csv (one row per arithmetic check). Exits 0 when every input was processed,
even if some failed (their rows say why). Finished files are kept in DIR/.cache, so a rerun
extracts only new or changed files and an interrupted run resumes where it stopped
(--no-cache extracts everything again).

examples:
  gkstudy extract data/raw --out data/processed --jobs 2
  gkstudy extract scans/ --out out --no-ocr      # scans and table pictures stay needs_ocr
  gkstudy extract data/raw/2025 --out data/processed --no-cache
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, no usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gkstudy", description="Turn government information disclosure annual reports "
                     "(政府信息公开工作年度报告) into validated data.",
                     epilog=EPILOG_MAIN, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"gkstudy {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    ex = sub.add_parser("extract", help="extract tables from report files into CSV",
                        description="Extract the statistical tables of report files (.pdf .docx .html .htm .txt, "
                                    "and scans .png .jpg .jpeg .tif .tiff read by OCR).",
                        epilog=EPILOG_EXTRACT, formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="report files or folders (walked recursively)")
    ex.add_argument("--out", required=True, metavar="DIR", help="output folder for the CSV files")
    ex.add_argument("--jobs", type=_positive_int, default=None, metavar="N",
                    help="worker processes (default: all cores)")
    ex.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="show a progress bar (default: only on a terminal)")
    ex.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                    help=f"give up on a file after this long (default: {DEFAULT_TIMEOUT_S:g})")
    ex.add_argument("--max-memory", type=_positive_int, default=DEFAULT_MAX_MEMORY_MB, metavar="MB",
                    help=f"memory one file may use in its worker (default: {DEFAULT_MAX_MEMORY_MB})")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="run on an existing Dask distributed cluster instead of local workers")
    ex.add_argument("--no-cache", dest="use_cache", action="store_false",
                    help="extract every file again instead of reusing DIR/.cache (the cache is rewritten)")
    ex.add_argument("--no-ocr", action="store_true",
                    help="do not OCR scans and table pictures (they stay needs_ocr), e.g. for a quick first pass")
    add_export_parser(sub)
    add_run_parser(sub)
    return parser


EPILOG_RUN = """Executes notebooks/01_extract … 04_teaching in order through papermill (kernel python3,
working directory = the project folder) and renders each to REPORTS/<name>.html without code.

examples:
  gkstudy run
  gkstudy run --years 2024 2025 --lang en
  gkstudy run --only 01_extract 03_findings --years 2025
  gkstudy run -p report_a 002_7989c5e8f70cbf62.txt
"""


def add_run_parser(sub) -> None:
    run = sub.add_parser("run", help="run the study notebooks and render reports/*.html",
                         description="Run the study: extract, validate, findings, teaching notebooks.",
                         epilog=EPILOG_RUN, formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("--raw-dir", metavar="DIR", help="report files (default data/raw)")
    run.add_argument("--processed-dir", metavar="DIR", help="datasets (default data/processed)")
    run.add_argument("--reports-dir", default="reports", metavar="DIR", help="HTML pages (default reports)")
    run.add_argument("--years", nargs="+", metavar="YEAR", help="report years to study (default: all)")
    run.add_argument("--provinces", nargs="+", metavar="NAME", help="provinces to study (default: all)")
    run.add_argument("--levels", nargs="+", metavar="LEVEL", help="levels of government (default: all)")
    run.add_argument("--lang", choices=("zh", "en"), help="chart label language (default zh)")
    run.add_argument("--jobs", type=_positive_int, metavar="N", help="extraction worker processes")
    run.add_argument("--only", nargs="+", metavar="NOTEBOOK", help="run only these notebooks, e.g. 03_findings")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                     help="any other notebook parameter (repeatable)")
    run.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="show cell progress bars (default: only on a terminal)")
    run.add_argument("--no-ocr", action="store_true", help="do not OCR scans and table pictures (they stay needs_ocr)")


def run_parameters(args) -> dict:
    """Parameters for the notebooks, as plain strings and numbers (lists become 'a b c')."""
    params: dict = {}
    for name, value in (("raw_dir", args.raw_dir), ("processed_dir", args.processed_dir), ("lang", args.lang),
                        ("jobs", args.jobs)):
        if value is not None:
            params[name] = value
    for name in ("years", "provinces", "levels"):
        if getattr(args, name):
            params[name] = " ".join(getattr(args, name))
    for name, value in args.parameter:
        params[name] = value
    return params


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected more than 0, got {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        if args.command == "export":
            return run_export(args, UsageError)
        if getattr(args, "no_ocr", False):
            turn_ocr_off()
        if args.command == "extract":
            limits = Limits(timeout_s=args.timeout, max_memory_mb=args.max_memory)
            summary = extract_to_dir(args.inputs, args.out, jobs=args.jobs, progress=args.progress,
                                     limits=limits, scheduler=args.scheduler, use_cache=args.use_cache)
            print(summary.line(), file=sys.stderr)
            return 0
        if args.command == "run":
            from gkstudy.study.run import StudyError, run_study

            try:
                result = run_study(run_parameters(args), reports_dir=args.reports_dir, only=args.only,
                                   progress=args.progress)
            except StudyError as exc:
                print(f"gkstudy: error: {exc}", file=sys.stderr)
                return 1
            print(f"gkstudy: {len(result.html)} pages in {args.reports_dir}/ ({result.seconds:.0f}s)", file=sys.stderr)
            return 0
    except UsageError as exc:
        print(f"gkstudy: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("gkstudy: interrupted; finished outputs were left as they were", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
