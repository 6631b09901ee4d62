"""What to collect, from the command line: URLs, files of URLs (one a line, ``#`` comments) and CSV files
with a ``url`` column whose other columns (agency, year …) are carried into SOURCES.csv."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from gkstudy.collect.links import clean_url
from gkstudy.core.sources import SOURCES_COLUMNS


class InputError(ValueError):
    """An argument that is neither an http(s) URL nor a readable file of them."""


@dataclass(frozen=True)
class Seed:
    url: str
    extra: dict[str, str] = field(default_factory=dict)  # the input CSV's other columns for this URL


def is_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def seeds_from_args(args: list[str]) -> tuple[list[Seed], list[str]]:
    """(seeds in the order given, each URL once; the extra column names of input CSVs)."""
    seeds: dict[str, Seed] = {}
    extra: list[str] = []
    for arg in args:
        if is_url(arg):
            found = [Seed(clean_url(arg))]
        else:
            found, columns = _seeds_from_file(Path(arg))
            extra += [c for c in columns if c not in extra]
        for seed in found:
            seeds.setdefault(seed.url, seed)
    return list(seeds.values()), extra


def _seeds_from_file(path: Path) -> tuple[list[Seed], list[str]]:
    if not path.is_file():
        raise InputError(f"not a URL (http:// or https://) nor a file: {path}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    header = next(csv.reader([lines[0]]), []) if lines else []
    if "url" in [h.strip().lower() for h in header]:
        return _seeds_from_csv(path, "\n".join(lines))
    seeds = []
    for number, line in enumerate(lines, 1):
        if not is_url(line):
            raise InputError(f"{path}: line {number} is not an http(s) URL: {line[:80]}")
        seeds.append(Seed(clean_url(line)))
    return seeds, []


def _seeds_from_csv(path: Path, text: str) -> tuple[list[Seed], list[str]]:
    reader = csv.DictReader(io.StringIO(text))
    names = {h: h.strip() for h in reader.fieldnames or []}
    url_column = next(h for h, n in names.items() if n.lower() == "url")
    columns = [n for h, n in names.items() if h != url_column and n]
    clash = [c for c in columns if c in SOURCES_COLUMNS]
    if clash:
        raise InputError(f"{path}: column {clash[0]!r} is one SOURCES.csv writes itself; rename it")
    seeds = []
    for number, row in enumerate(reader, 2):
        url = (row.get(url_column) or "").strip()
        if not is_url(url):
            raise InputError(f"{path}: row {number} has no http(s) URL in column {url_column!r}")
        seeds.append(Seed(clean_url(url), {names[h]: (v or "").strip() for h, v in row.items()
                                            if h in names and h != url_column and names[h]}))
    return seeds, columns
