"""Export the analysis tables in the formats researchers use (CSV with BOM, Parquet, Stata, Excel), with
the bilingual codebook and a Frictionless datapackage.json. ``export_processed`` is what
``gkstudy export`` and the notebooks call."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from gkstudy.datasets.codebook_docs import CODEBOOK_DATASET, DATASET_TITLES, codebook_frame, undocumented
from gkstudy.datasets.datapackage import build_datapackage, write_datapackage
from gkstudy.datasets.excel import write_xlsx
from gkstudy.core.atomic import atomic_target
from gkstudy.datasets.files import write_csv, write_parquet
from gkstudy.datasets.stata import write_dta
from gkstudy.datasets.stata_names import stata_names
from gkstudy.datasets.tables import DATASETS, all_tables, load_processed, without_duplicates

FORMATS = ("csv", "parquet", "dta", "xlsx")
WORKBOOK = "gkstudy_tables.xlsx"


class ExportError(ValueError):
    """A problem with the export request (unknown format, missing input)."""


@dataclass
class ExportResult:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    undocumented: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # files of an earlier export this one did not rewrite
    duplicates_left_out: int = 0  # rows of reports.csv left out as copies of another report

    def line(self) -> str:
        removed = f"; removed {len(self.removed)} files of an earlier export" if self.removed else ""
        copies = (f"; left out {self.duplicates_left_out} duplicate input files (reports.csv duplicate_of)"
                  if self.duplicates_left_out else "")
        return f"wrote {len(self.files)} files -> {self.out_dir}{copies}{removed}"


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    items = [f.strip().lower() for f in (text.split(",") if isinstance(text, str) else text) if f.strip()]
    unknown = [f for f in items if f not in FORMATS]
    if unknown or not items:
        raise ExportError(f"unknown format {', '.join(unknown) or '(none)'}; allowed: {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(items))


def export_processed(in_dir: str | Path, out_dir: str | Path | None = None,
                     formats: str | Iterable[str] = FORMATS) -> ExportResult:
    """Read DIR/reports.csv, cells.csv, checks.csv (from ``gkstudy extract``) and export every table,
    leaving out the copies of another report (reports.csv ``duplicate_of``; the count is in the result
    and in datapackage.json)."""
    formats = parse_formats(formats)
    in_dir = Path(in_dir)
    missing = [n for n in ("reports.csv", "cells.csv", "checks.csv") if not (in_dir / n).is_file()]
    if missing:
        raise ExportError(f"{in_dir} lacks {', '.join(missing)}; run 'gkstudy extract ... --out {in_dir}' first")
    processed, copies = without_duplicates(load_processed(in_dir))
    return export_tables(all_tables(processed), out_dir or in_dir / "datasets", formats, duplicates_left_out=copies)


def export_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path,
                  formats: str | Iterable[str] = FORMATS, duplicates_left_out: int = 0) -> ExportResult:
    """Write ``tables`` in ``formats`` into ``out_dir`` with the codebook and datapackage.json (which
    lists every file written); files an earlier export wrote there and this one did not are removed."""
    formats = parse_formats(formats)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = ExportResult(out, undocumented=undocumented(tables), duplicates_left_out=duplicates_left_out)
    if result.undocumented:
        warnings.warn(f"columns missing from the codebook: {', '.join(result.undocumented)}", stacklevel=2)
    codebook = codebook_frame(tables)
    everything = {**tables, CODEBOOK_DATASET: codebook}
    result.files.append(_write_json(codebook, out / "codebook.json"))
    if "csv" in formats:
        for name, frame in everything.items():
            result.files.append(write_csv(frame, out / f"{name}.csv"))
    else:  # the codebook CSV goes with every export
        result.files.append(write_csv(codebook, out / "codebook.csv"))
    if "parquet" in formats:
        for name, frame in tables.items():
            result.files.append(write_parquet(frame, out / f"{name}.parquet"))
    if "dta" in formats:
        for name, frame in tables.items():
            rows = codebook[codebook["dataset"] == name].set_index("name")
            result.files.append(write_dta(frame, out / f"{name}.dta", stata_names(list(frame.columns)),
                                          rows["label_zh"].to_dict(), DATASET_TITLES[name][0]))
    if "xlsx" in formats:
        result.files.append(write_xlsx(everything, out / WORKBOOK))
    package = build_datapackage(codebook, {p.stem: p.name for p in result.files if p.suffix == ".csv"},
                                [p.name for p in result.files if p.suffix != ".csv"], duplicates_left_out)
    result.files.append(write_datapackage(package, out))
    result.removed = remove_stale(out, set(DATASETS) | set(tables), {p.name for p in result.files})
    return result


def export_file_names(datasets: Iterable[str]) -> set[str]:
    """Every file name an export of ``datasets`` can write (and so may remove when it no longer does)."""
    names = {WORKBOOK, "datapackage.json", "codebook.json", f"{CODEBOOK_DATASET}.csv"}
    for name in datasets:
        names |= {f"{name}.csv", f"{name}.parquet", f"{name}.dta"}
    return names


def remove_stale(out: Path, datasets: Iterable[str], written: set[str]) -> list[Path]:
    """Remove the files of an earlier export in ``out`` that this one did not write (a Stata user must
    not open last month's .dta beside this month's CSV). Other files in the folder are left alone."""
    removed = []
    for name in sorted(export_file_names(datasets) - written):
        path = out / name
        if path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def _write_json(codebook: pd.DataFrame, path: Path) -> Path:
    records = codebook.astype(object).to_dict(orient="records")
    with atomic_target(path) as tmp:
        tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
