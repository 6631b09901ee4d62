"""The columns of the three CSV files `gkstudy extract` writes, in order: the one place they are
defined (their meaning is in docs/DATA_CONTRACT.md). Readers of the files, the cache and the
exports take the column lists from here."""

from __future__ import annotations

from gkstudy.metadata.agency import PLACE_COLUMNS

_BASE_REPORT_COLUMNS = ("report_id", "source_file", "sha256", "format", "status", "error", "edition", "year",
                        "agency", "province", "city", "county", "published", "edition_source", "cells_na",
                        "cells_flagged", "checks_failed")
# A compilation's reports: which part of the file, and its pages (empty for a file of one report).
COMPILATION_COLUMNS = ("part", "pages")
# How many cells OCR read, and their mean recogniser score (empty for text formats).
OCR_REPORT_COLUMNS = ("ocr_cells", "ocr_confidence")
# What one file's extraction yields (cached per file) ...
REPORT_COLUMNS = (_BASE_REPORT_COLUMNS + tuple(c for c in PLACE_COLUMNS if c not in _BASE_REPORT_COLUMNS)
                  + COMPILATION_COLUMNS + OCR_REPORT_COLUMNS)
# ... and what the batch adds once it has seen every file.
# source_url, retrieved_at: from the SOURCES.csv of `gkstudy collect` (batch/sources.py).
BATCH_REPORT_COLUMNS = ("duplicate_of", "source_url", "retrieved_at", "source_file_encoding")
REPORTS_CSV_COLUMNS = REPORT_COLUMNS + BATCH_REPORT_COLUMNS
BOX_COLUMNS = ("x0", "y0", "x1", "y1")  # a cell's box on its PDF page (points, from the top-left corner)
CELL_COLUMNS = ("report_id", "table", "row", "col", "value", "raw", "flag", "page", "grid", "grid_row", "grid_col",
                "value_read", "alt") + BOX_COLUMNS
CHECK_COLUMNS = ("report_id", "check", "table", "row", "col", "expected", "observed", "passed", "severity", "detail")

# Files the batch writes beside the three, once it has seen every input (docs/DATA_CONTRACT.md).
# Cross-year checks compare a report with another one, so they live apart from checks.csv: adding a
# file never changes the rows of checks.csv that earlier files produced.
CROSSYEAR_CSV = "crossyear.csv"  # columns: CHECK_COLUMNS
CONFLICTS_CSV = "conflicts.csv"
CONFLICT_COLUMNS = ("report_id", "source_file", "other_report_id", "other_source_file", "agency", "year",
                    "cells_differing", "detail")
