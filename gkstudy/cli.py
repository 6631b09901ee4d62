"""Command line: a thin layer over the library. Library errors become one line, no traceback."""

from __future__ import annotations

import argparse
import sys

from gkstudy import __version__
from gkstudy.batch.runner import UsageError, extract_to_dir
from gkstudy.checks.corrections import CorrectionsError
from gkstudy.cli_export import add_export_parser, run_export
from gkstudy.batch.limits import DEFAULT_MAX_INPUT_MB, DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, Limits
from gkstudy.readers import FORMATS
from gkstudy.readers.ocr.sources import turn_ocr_off

EPILOG_MAIN = """examples:
  gkstudy extract data/raw --out data/processed
  gkstudy extract report2023.pdf more_reports/ --out out --jobs 2
  gkstudy export --formats csv,parquet,dta,xlsx
  gkstudy collect https://www.example.gov.cn/zwgk/ndbg/ --out data/raw/example --contact me@example.org
  gkstudy review data/processed
"""

EPILOG_EXTRACT = """Writes DIR/reports.csv (one row per input), DIR/cells.csv (one row per canonical cell)
and DIR/checks.csv (one row per arithmetic check), and the files that compare reports:
DIR/crossyear.csv (checks against the year before) and DIR/conflicts.csv (one agency and
year, different cells; copies with the same cells are marked duplicate_of in reports.csv).
Exits 0 when every input was processed,
even if some failed (their rows say why). Finished files are kept in DIR/.cache, so a rerun
extracts only new or changed files and an interrupted run resumes where it stopped
(--no-cache extracts everything again).

--corrections FILE applies a person's decisions (a CSV: sha256,table,row,col,value,note,by,date)
after reading and before the checks: the value is replaced, the cell flagged `corrected`, `raw` and
`value_read` keep what is printed and what was read; DIR/corrections_report.csv says what became of
each line. A changed corrections file is re-applied without reading the files again.

examples:
  gkstudy extract data/raw --out data/processed --jobs 2
  gkstudy extract scans/ --out out --no-ocr      # scans and table pictures stay needs_ocr
  gkstudy extract data/raw/2025 --out data/processed --no-cache
  gkstudy extract data/raw --out data/processed --corrections data/corrections.csv
  gkstudy extract data/raw --out data/processed --max-input-size 1000
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
                        description=f"Extract the statistical tables of report files ({' '.join(FORMATS)}; "
                                    ".doc .wps .rtf .odt need LibreOffice; scans and photos are read by OCR).",
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
    ex.add_argument("--max-input-size", type=_positive_int, default=DEFAULT_MAX_INPUT_MB, metavar="MB",
                    help=f"files larger than this are not read; their row says so (default: {DEFAULT_MAX_INPUT_MB})")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="run on an existing Dask distributed cluster instead of local workers")
    ex.add_argument("--no-cache", dest="use_cache", action="store_false",
                    help="extract every file again instead of reusing DIR/.cache (the cache is rewritten)")
    ex.add_argument("--corrections", metavar="FILE",
                    help="apply this corrections file (see docs/DATA_CONTRACT.md), e.g. data/corrections.csv")
    ex.add_argument("--no-ocr", action="store_true",
                    help="do not OCR scans and table pictures (they stay needs_ocr), e.g. for a quick first pass")
    add_export_parser(sub)
    add_run_parser(sub)
    add_collect_parser(sub)
    add_review_parser(sub)
    return parser


EPILOG_COLLECT = """A URL may be a listing page (the site's 年报 column: report links and next pages are
followed, same host only), a report page (the page and its article's attachments are saved) or an
attachment. FILE holds one URL a line (# comments) or is a CSV with a url column whose other
columns (agency, year ...) are carried into DIR/SOURCES.csv, which gets one row per URL tried:
url, final_url, file, sha256, bytes, content_type, retrieved_at, status, found_on, link_text.
robots.txt is obeyed; a rerun fetches only what is not saved yet. Be gentle: keep the delay.

examples:
  gkstudy collect https://www.example.gov.cn/zwgk/ndbg/ --out data/raw/example --contact me@example.org
  gkstudy collect portals.csv --out data/raw/2025 --delay 2
"""


def add_collect_parser(sub) -> None:
    from gkstudy.collect.crawl import DEFAULT_MAX_PAGES
    from gkstudy.collect.fetch import DEFAULT_DELAY_S, DEFAULT_MAX_MB, DEFAULT_RETRIES

    co = sub.add_parser("collect", help="download reports from web sites, with SOURCES.csv",
                        description="Download annual reports from government web sites into a folder, "
                        "recording where every file came from.",
                        epilog=EPILOG_COLLECT, formatter_class=argparse.RawDescriptionHelpFormatter)
    co.add_argument("inputs", nargs="+", metavar="URL|FILE", help="URLs, files of URLs, or CSV files with a url column")
    co.add_argument("--out", required=True, metavar="DIR", help="folder for the files and SOURCES.csv")
    co.add_argument("--delay", type=float, default=DEFAULT_DELAY_S, metavar="SECONDS",
                    help=f"wait between two requests to one host (default {DEFAULT_DELAY_S:g}; "
                    "a larger robots.txt Crawl-delay wins)")
    co.add_argument("--contact", default="", metavar="EMAIL|URL",
                    help="how site operators can reach you; sent in the User-Agent")
    co.add_argument("--max-mb", type=_positive_int, default=DEFAULT_MAX_MB, metavar="MB",
                    help=f"refuse files larger than this (default {DEFAULT_MAX_MB})")
    co.add_argument("--max-pages", type=_positive_int, default=DEFAULT_MAX_PAGES, metavar="N",
                    help=f"listing pages followed per start URL (default {DEFAULT_MAX_PAGES})")
    co.add_argument("--retries", type=int, choices=range(0, 6), default=DEFAULT_RETRIES, metavar="N",
                    help=f"retries after a 5xx answer or a timeout, with backoff (default {DEFAULT_RETRIES}, at most 5)")
    co.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="show a progress bar (default: only on a terminal)")


def run_collect(args) -> int:
    from gkstudy.collect.crawl import collect_to_dir
    from gkstudy.collect.fetch import Settings, check_contact
    from gkstudy.collect.inputs import InputError

    if not args.delay >= 0:
        raise UsageError(f"--delay must be 0 or more, got {args.delay:g}")
    try:
        settings = Settings(delay_s=args.delay, contact=check_contact(args.contact),
                            max_bytes=args.max_mb * 1024 * 1024, retries=args.retries)
        summary = collect_to_dir(args.inputs, args.out, settings, max_pages=args.max_pages, progress=args.progress)
    except (InputError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write to {args.out}: {exc.strerror or exc}") from None
    print(summary.line(), file=sys.stderr)
    return 0


EPILOG_REVIEW = """Writes one self-contained HTML page (default PROCESSED_DIR/review.html) listing, report by
report (those with failed error checks first), every NA or doubtful cell: a picture of the source
(PDF) or the table row's text, the kit's and the other reader's reading, the identities the cell
takes part in and the value each implies, and a ready line for the corrections file. Beside it,
corrections_todo.csv holds the same lines with the value empty. Needs the report files where
reports.csv's source_file says they are (run it where you ran extract).

examples:
  gkstudy review data/processed
  gkstudy review data/processed --out reports/review.html
"""


REVIEW_ARGUMENTS = (
    (("processed_dir",), {"metavar": "PROCESSED_DIR", "help": "the folder gkstudy extract wrote"}),
    (("--out",), {"metavar": "FILE", "help": "the HTML page (default PROCESSED_DIR/review.html)"}),
)


def add_review_parser(sub) -> None:
    rv = sub.add_parser("review", help="a page of the doubtful cells beside their source, for corrections",
                        description="Write the review page of every NA or doubtful cell.", epilog=EPILOG_REVIEW,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    for names, options in REVIEW_ARGUMENTS:
        rv.add_argument(*names, **options)


EPILOG_RUN = """Executes notebooks/01_extract … 05_review in order through papermill (kernel python3,
working directory = the project folder) and renders each to REPORTS/<name>.html without code.
01_extract applies data/corrections.csv when it exists (-p corrections FILE names another).

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
    run.add_argument("--lang", choices=("zh", "en"), help="language of every page: prose, tables and charts (default zh)")
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
            limits = Limits(timeout_s=args.timeout, max_memory_mb=args.max_memory, max_input_mb=args.max_input_size)
            summary = extract_to_dir(args.inputs, args.out, jobs=args.jobs, progress=args.progress,
                                     limits=limits, scheduler=args.scheduler, use_cache=args.use_cache,
                                     corrections=args.corrections)
            print(summary.line(), file=sys.stderr)
            return 0
        if args.command == "collect":
            return run_collect(args)
        if args.command == "review":
            from gkstudy.study.review import ReviewError, write_review

            try:
                done = write_review(args.processed_dir, args.out)
            except ReviewError as exc:
                raise UsageError(str(exc)) from None
            print(f"gkstudy: {done.cells} cells to review in {done.reports} reports ({done.pictures} pictures) "
                  f"-> {done.page}; lines to fill: {done.todo}", file=sys.stderr)
            return 0
        if args.command == "run":
            from gkstudy.study.run import StudyError, StudyUsageError, run_study

            try:
                result = run_study(run_parameters(args), reports_dir=args.reports_dir, only=args.only,
                                   progress=args.progress)
            except StudyError as exc:
                print(f"gkstudy: error: {exc}", file=sys.stderr)
                return 2 if isinstance(exc, StudyUsageError) else 1
            print(f"gkstudy: {len(result.html)} pages in {args.reports_dir}/ ({result.seconds:.0f}s)", file=sys.stderr)
            return 0
    except (UsageError, CorrectionsError) as exc:
        print(f"gkstudy: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("gkstudy: interrupted; finished outputs were left as they were", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
