"""The ``gkstudy export`` subcommand: argument definitions and the call into ``gkstudy.datasets.export``."""

from __future__ import annotations

import argparse
import sys

from gkstudy.datasets.export import FORMATS, ExportError, export_processed

EPILOG = f"""Reads DIR/reports.csv, cells.csv and checks.csv written by 'gkstudy extract' and writes the
analysis tables (reports_table, cells_long, checks_table, t2_wide, t3_wide, t4_wide,
harmonized_panel) in each format asked for, plus codebook.csv/codebook.json and datapackage.json
(listing every file written). Copies of another report (reports.csv duplicate_of) are left out, and
files an earlier export wrote to the folder that this one does not are removed.
Formats: {', '.join(FORMATS)}.

example:
  gkstudy export --formats csv,parquet,dta,xlsx --in data/processed --out data/processed/datasets
"""


def add_export_parser(sub) -> None:
    ex = sub.add_parser("export", help="export the tables as CSV, Parquet, Stata and Excel with a codebook",
                        description="Export analysis tables with a bilingual codebook and a Frictionless data package.",
                        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("--formats", default=",".join(FORMATS), metavar="LIST",
                    help=f"comma-separated formats (default: {','.join(FORMATS)})")
    ex.add_argument("--in", dest="in_dir", default="data/processed", metavar="DIR",
                    help="folder with the output of gkstudy extract (default: data/processed)")
    ex.add_argument("--out", dest="out_dir", default=None, metavar="DIR",
                    help="output folder (default: DIR/datasets under --in)")


def run_export(args, usage_error: type[Exception]) -> int:
    """Run the subcommand; request problems are re-raised as the CLI's one-line usage error."""
    try:
        result = export_processed(args.in_dir, args.out_dir, args.formats)
    except ExportError as exc:
        raise usage_error(str(exc)) from None
    print(result.line(), file=sys.stderr)
    if result.undocumented:
        print(f"gkstudy: warning: not in the codebook: {', '.join(result.undocumented)}", file=sys.stderr)
    return 0
