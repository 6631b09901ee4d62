"""SOURCES.csv: where each collected file came from. Written by ``gkstudy collect`` into the folder it
fills, read by ``gkstudy extract`` to give every report its ``source_url`` and ``retrieved_at``.

The schema lives here, below both stages, so that the collector (which writes the file) and the
batch (which reads it) share one definition without importing each other."""

from __future__ import annotations

import csv
from pathlib import Path

SOURCES_FILE = "SOURCES.csv"
# One row per URL tried; extra columns of an input CSV (agency, year, ...) follow these.
SOURCES_COLUMNS = ("url", "final_url", "file", "sha256", "bytes", "content_type", "retrieved_at", "status",
                   "found_on", "link_text")


def read_sources(path: str | Path) -> list[dict[str, str]]:
    """The rows of a SOURCES.csv (every column as text); [] when the file does not exist."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return [dict(row) for row in csv.DictReader(fh)]
    except FileNotFoundError:
        return []
