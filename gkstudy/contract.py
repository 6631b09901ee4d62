"""The columns of the three CSV files `gkstudy extract` writes, in order: the one place they are
defined (their meaning is in docs/DATA_CONTRACT.md). Readers of the files, the cache and the
exports take the column lists from here."""

from __future__ import annotations

from gkstudy.metadata.agency import PLACE_COLUMNS

_BASE_REPORT_COLUMNS = ("report_id", "source_file", "sha256", "format", "status", "error", "edition", "year",
                        "agency", "province", "city", "county", "published", "edition_source", "cells_na",
                        "cells_flagged", "checks_failed")
# How many cells OCR read, and their mean recogniser score (empty for text formats).
OCR_REPORT_COLUMNS = ("ocr_cells", "ocr_confidence")
# What one file's extraction yields (cached per file) ...
REPORT_COLUMNS = (_BASE_REPORT_COLUMNS + tuple(c for c in PLACE_COLUMNS if c not in _BASE_REPORT_COLUMNS)
                  + OCR_REPORT_COLUMNS)
# ... and what the batch adds once it has seen every file.
BATCH_REPORT_COLUMNS = ("duplicate_of",)
REPORTS_CSV_COLUMNS = REPORT_COLUMNS + BATCH_REPORT_COLUMNS
CELL_COLUMNS = ("report_id", "table", "row", "col", "value", "raw", "flag", "page", "grid", "grid_row", "grid_col")
CHECK_COLUMNS = ("report_id", "check", "table", "row", "col", "expected", "observed", "passed", "severity", "detail")
