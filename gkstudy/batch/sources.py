"""Where each input file came from: the SOURCES.csv files ``gkstudy collect`` wrote under the inputs
give a report its ``source_url`` (the address the file was finally served from, after redirects) and
``retrieved_at``. Files without a SOURCES.csv row get neither (NA), never a guess."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gkstudy.core.sources import SOURCES_FILE, read_sources


def provenance_by_file(inputs: Iterable[str | Path]) -> dict[Path, dict[str, str]]:
    """Resolved file path -> {source_url, retrieved_at}, from every SOURCES.csv under a folder input
    or beside (or above) a file input. When two rows name one file (identical bytes found at two
    URLs), the first row wins."""
    found: dict[Path, dict[str, str]] = {}
    for sources in _sources_files(inputs):
        for row in read_sources(sources):
            if not row.get("file"):
                continue
            path = (sources.parent / row["file"]).resolve()
            found.setdefault(path, {"source_url": row.get("final_url") or row.get("url", ""),
                                    "retrieved_at": row.get("retrieved_at", "")})
    return found


def _sources_files(inputs: Iterable[str | Path]) -> list[Path]:
    seen: dict[Path, None] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            candidates = sorted(path.rglob(SOURCES_FILE))
        else:
            candidates = [folder / SOURCES_FILE for folder in path.resolve().parents]
        for candidate in candidates:
            if candidate.is_file():
                seen.setdefault(candidate.resolve(), None)
    return list(seen)
