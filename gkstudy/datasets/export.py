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
from gkstudy.datasets.tables import all_tables, load_processed

FORMATS = ("csv", "parquet", "dta", "xlsx")
WORKBOOK = "gkstudy_tables.xlsx"


class ExportError(ValueError):
    """A problem with the export request (unknown format, missing input)."""


@dataclass
class ExportResult:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    undocumented: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"wrote {len(self.files)} files -> {self.out_dir}"


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    items = [f.strip().lower() for f in (text.split(",") if isinstance(text, str) else text) if f.strip()]
    unknown = [f for f in items if f not in FORMATS]
    if unknown or not items:
        raise ExportError(f"unknown format {', '.join(unknown) or '(none)'}; allowed: {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(items))


def export_processed(in_dir: str | Path, out_dir: str | Path | None = None,
                     formats: str | Iterable[str] = FORMATS) -> ExportResult:
    """Read DIR/reports.csv, cells.csv, checks.csv (from ``gkstudy extract``) and export every table."""
    formats = parse_formats(formats)
    in_dir = Path(in_dir)
    missing = [n for n in ("reports.csv", "cells.csv", "checks.csv") if not (in_dir / n).is_file()]
    if missing:
        raise ExportError(f"{in_dir} lacks {', '.join(missing)}; run 'gkstudy extract ... --out {in_dir}' first")
    return export_tables(all_tables(load_processed(in_dir)), out_dir or in_dir / "datasets", formats)


def export_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path,
                  formats: str | Iterable[str] = FORMATS) -> ExportResult:
    formats = parse_formats(formats)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = ExportResult(out, undocumented=undocumented(tables))
    if result.undocumented:
        warnings.warn(f"columns missing from the codebook: {', '.join(result.undocumented)}", stacklevel=2)
    codebook = codebook_frame(tables)
    everything = {**tables, CODEBOOK_DATASET: codebook}
    result.files.append(_write_json(codebook, out / "codebook.json"))
    if "csv" in formats:
        for name, frame in everything.items():
            result.files.append(write_csv(frame, out / f"{name}.csv"))
        package = build_datapackage(codebook, {name: f"{name}.csv" for name in everything})
        result.files.append(write_datapackage(package, out))
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
    return result


def _write_json(codebook: pd.DataFrame, path: Path) -> Path:
    records = codebook.astype(object).to_dict(orient="records")
    with atomic_target(path) as tmp:
        tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
