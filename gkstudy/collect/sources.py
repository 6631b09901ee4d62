"""The collector's record of a folder: SOURCES.csv (one row per URL tried, schema in core.sources) and a
hidden state file with what a conditional request needs (ETag, Last-Modified) and the links a listing
page had, so a listing that answers 304 Not Modified is not downloaded again.

A row changes only when what was retrieved changed: a rerun that gets the same bytes or the same
failure keeps the old row, retrieved_at included, so an unchanged site gives a byte-identical file.
"""

from __future__ import annotations

import json
from pathlib import Path

from gkstudy.batch.inputs import sha256_of_file
from gkstudy.core.atomic import atomic_target, write_csv_atomic
from gkstudy.core.sources import SOURCES_COLUMNS, SOURCES_FILE, read_sources

STATE_FILE = ".collect-state.json"


class SourcesLog:
    def __init__(self, folder: Path, extra_columns: list[str]):
        self.folder = Path(folder)
        self.rows: dict[str, dict[str, str]] = {row["url"]: row for row in read_sources(self.folder / SOURCES_FILE)
                                                if row.get("url")}
        old_extra = [c for row in self.rows.values() for c in row if c not in SOURCES_COLUMNS]
        self.columns = list(dict.fromkeys([*SOURCES_COLUMNS, *old_extra, *extra_columns]))
        self.state: dict[str, dict] = _read_json(self.folder / STATE_FILE)
        self.by_sha: dict[str, str] = {}  # sha256 -> file already in the folder with those bytes
        self.taken: set[str] = {SOURCES_FILE.lower(), STATE_FILE.lower()}
        self._index_files()

    def _index_files(self) -> None:
        """Names in use and the bytes already saved: files of rows (trusted when their size matches) and
        files without a row (left by a run that was killed before it wrote SOURCES.csv), hashed."""
        known: dict[str, str] = {}
        for row in self.rows.values():
            path = self.folder / row["file"] if row.get("file") else None
            if path is None:
                continue
            if path.is_file() and str(path.stat().st_size) == row.get("bytes"):
                known[row["file"]] = row["sha256"]
                self.by_sha.setdefault(row["sha256"], row["file"])
            else:  # deleted or changed by hand: fetch it again
                row["file"] = ""
        for path in sorted(p for p in self.folder.iterdir() if p.is_file()):
            self.taken.add(path.name.lower())
            if path.name not in known and path.name.lower() not in (SOURCES_FILE.lower(), STATE_FILE.lower()) \
                    and not path.name.startswith("."):
                self.by_sha.setdefault(sha256_of_file(path), path.name)

    def saved(self, url: str) -> dict[str, str] | None:
        """The row of ``url`` if its file is in the folder (nothing to fetch), else None."""
        row = self.rows.get(url)
        return row if row and row.get("file") else None

    def put(self, row: dict[str, str]) -> None:
        """Record ``row`` for its URL. The old row stays if only retrieved_at would change; input
        columns (agency, year …) an earlier run was given are kept when this run has none."""
        old = {c: "" for c in self.columns} | self.rows.get(row["url"], {})
        new = {c: "" if row.get(c) is None else str(row[c]) for c in self.columns}
        for c in self.columns:
            if c not in SOURCES_COLUMNS and not new[c]:
                new[c] = old[c]
        if row["url"] in self.rows and {**new, "retrieved_at": old["retrieved_at"]} == old:
            return
        self.rows[row["url"]] = new

    def write(self) -> None:
        write_csv_atomic(self.folder / SOURCES_FILE, self.columns, self.rows.values())
        _write_json(self.folder / STATE_FILE, self.state)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}  # a damaged state only costs full requests instead of conditional ones


def _write_json(path: Path, data: dict) -> None:
    with atomic_target(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
