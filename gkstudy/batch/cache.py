"""Finished extractions kept on disk, one small JSON shard per file content, so a rerun skips
unchanged files and an interrupted run loses nothing that finished.

Shards live under ``DIR/.cache/<version>/``: the version joins ``EXTRACTOR_VERSION`` with a
fingerprint of the kit's own code and data, so a new kit (or a locally edited one) re-extracts
instead of replaying results an older extractor produced. A shard is keyed by the file's sha256 and
its type (the same bytes named .txt and .html are read by different readers); the path shown in the
output is filled in when the shard is read back.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from gkstudy import EXTRACTOR_VERSION
from gkstudy.contract import CELL_COLUMNS, CHECK_COLUMNS
from gkstudy.extract import Extraction
from gkstudy.checks.recheck import list_to_statement, statement_to_list
from gkstudy.readers.ocr.sources import ocr_enabled

_PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of every module and data file of the installed kit."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".csv", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def result_key(sha256: str, source: str) -> str:
    """What an extraction depends on besides the kit: the file's content, its type, and whether
    OCR may run (--no-ocr)."""
    key = f"{sha256}-{Path(source).suffix.lower().lstrip('.') or 'none'}"
    return key if ocr_enabled() else key + "-noocr"


def sha256_of_key(key: str) -> str:
    return key[:64]


def cache_version() -> str:
    return f"{EXTRACTOR_VERSION}-{code_fingerprint()}"


class ResultCache:
    def __init__(self, root: str | Path, version: str | None = None):
        self.dir = Path(root) / (version or cache_version())

    def _shard(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        try:
            return self._shard(key).stat().st_size > 0
        except OSError:
            return False

    def drop(self, key: str) -> None:
        self._shard(key).unlink(missing_ok=True)

    def get(self, key: str, source: str) -> Extraction | None:
        """The cached extraction of this key, shown under ``source``; None if absent or unreadable."""
        try:
            data = json.loads(self._shard(key).read_text(encoding="utf-8"))
            report = data["report"]
            cells = [dict(zip(CELL_COLUMNS, row)) for row in data["cells"]]
            checks = [dict(zip(CHECK_COLUMNS, row)) for row in data["checks"]]
            statements = [list_to_statement(item) for item in data.get("statements", [])]
            more = [dict(r, source_file=source) for r in data.get("more_reports", [])]  # a compilation's parts
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged shard is re-extracted, never trusted
        report["source_file"] = source
        return Extraction(report, cells, checks, statements, more)

    def put(self, key: str, extraction: Extraction) -> None:
        """Write the shard atomically: a reader never sees half of one."""
        path = self._shard(key)
        body = json.dumps({
            "report": extraction.report,
            # rows as lists, in column order: a third of the size of dicts, and as fast to read back
            "cells": [[c.get(k, "") for k in CELL_COLUMNS] for c in extraction.cells],
            "checks": [[c.get(k, "") for k in CHECK_COLUMNS] for c in extraction.checks],
            "statements": [statement_to_list(st) for st in extraction.statements],
            **({"more_reports": extraction.more_reports} if extraction.more_reports else {}),
        }, ensure_ascii=False, separators=(",", ":"))
        self._write(path, body)

    @staticmethod
    def _write(path: Path, body: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put_part(self, name: str, body: dict) -> None:
        """A part of a file's reading (batch.pages: some pages' OCR), kept until the file is done."""
        self._write(self._shard(name), json.dumps(body, ensure_ascii=False, separators=(",", ":")))

    def get_part(self, name: str) -> dict | None:
        try:
            return json.loads(self._shard(name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
