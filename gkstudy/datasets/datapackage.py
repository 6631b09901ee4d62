"""A Frictionless data package (datapackage.json) describing every exported file: each CSV as a tabular
resource (field types from the codebook, primary keys, foreign keys on report_id), the other formats
(Parquet, Stata, Excel, codebook.json) as file resources; licenses and sources."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from gkstudy import __version__
from gkstudy.datasets.codebook_docs import CODEBOOK_DATASET, DATASET_TITLES
from gkstudy.core.atomic import atomic_target

PRIMARY_KEYS = {
    "reports_table": ["report_id"],
    "cells_long": ["report_id", "table", "row", "col"],
    "t2_wide": ["report_id"],
    "t3_wide": ["report_id"],
    "t4_wide": ["report_id"],
    "harmonized_panel": ["report_id"],
    "codebook": ["dataset", "name"],
}  # checks_table has none: a check's row/col is empty where it does not apply

LICENSES = [{
    "name": "MIT",
    "path": "https://opensource.org/license/mit",
    "title": "MIT License: the gkstudy software and what it adds (structure, codes, flags, checks, codebook). "
             "It grants nothing over the reports themselves, see description.",
}]

DESCRIPTION = (
    "Statistical tables of China's government information disclosure annual reports (政府信息公开工作年度报告), "
    "extracted by gkstudy. The figures are public government information: each report is published by the "
    "government body named in reports_table.agency, as 《中华人民共和国政府信息公开条例》 requires; the "
    "publishers attach no license of their own. Cite the publishing body and report as well as gkstudy. "
    "Values are as printed (NA where a cell is blank, unreadable or printed as —, / or 无), with flags and "
    "arithmetic checks; they are not corrected."
)

SOURCES = [
    {"title": "政府信息公开工作年度报告 — annual reports published by the government bodies listed in "
              "reports_table (columns agency, source_file, sha256)"},
    {"title": f"gkstudy {__version__} (extraction software; CITATION.cff)"},
]


def _field(row: pd.Series) -> dict:
    field = {"name": row["name"], "type": row["type"] or "string"}
    if row["label_en"]:
        field["title"] = row["label_en"]
    description = " — ".join(x for x in (row["label_zh"], row["unit"] and f"unit: {row['unit']}", row["note"]) if x)
    if description:
        field["description"] = description
    if row["values"] and row["name"] not in ("flag", "values"):  # flag holds ;-joined lists, not one code
        field["constraints"] = {"enum": row["values"].split(";")}
    if field["type"] == "date":
        field["format"] = "%Y-%m-%d"
    return field


MEDIATYPES = {".parquet": "application/vnd.apache.parquet", ".dta": "application/x-stata-dta",
              ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              ".json": "application/json"}


def duplicates_sentence(left_out: int) -> str:
    if not left_out:
        return ""
    files = "1 input file was" if left_out == 1 else f"{left_out} input files were"
    return (f" {files} left out as a copy of another report (the same bytes, or the same agency, year and "
            "cells; reports.csv column duplicate_of of the extraction).")


def _file_resource(file_name: str) -> dict:
    path = Path(file_name)
    return {"name": f"{path.stem}-{path.suffix.lstrip('.')}".lower().replace("_", "-"), "path": file_name,
            "format": path.suffix.lstrip("."), "mediatype": MEDIATYPES.get(path.suffix, "application/octet-stream"),
            "profile": "data-resource"}


def build_datapackage(codebook: pd.DataFrame, csv_names: dict[str, str], other_files: list[str] = (),
                      duplicates_left_out: int = 0) -> dict:
    """``codebook``: rows as ``codebook_frame``; ``csv_names``: dataset → CSV file name in the package;
    ``other_files``: the other files exported beside them (each listed as a file resource)."""
    resources = []
    for dataset, file_name in csv_names.items():
        rows = codebook[codebook["dataset"] == dataset]
        schema = {"fields": [_field(r) for _, r in rows.iterrows()], "missingValues": [""]}
        if dataset in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[dataset]
        if dataset not in ("reports_table", CODEBOOK_DATASET):
            schema["foreignKeys"] = [{"fields": ["report_id"],
                                      "reference": {"resource": "reports_table", "fields": ["report_id"]}}]
        zh, en = DATASET_TITLES[dataset]
        resources.append({"name": dataset, "title": f"{zh} — {en}", "path": file_name, "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8-sig", "profile": "tabular-data-resource",
                          "schema": schema})
    resources += [_file_resource(name) for name in other_files]
    return {
        # a tabular package holds only tabular resources; Parquet, Stata and Excel files make it a plain one
        "profile": "data-package" if other_files else "tabular-data-package",
        "name": "gkstudy-disclosure-annual-reports",
        "title": "政府信息公开工作年度报告 statistical tables (gkstudy)",
        "description": DESCRIPTION + duplicates_sentence(duplicates_left_out),
        "version": __version__,
        "licenses": LICENSES,
        "sources": SOURCES,
        "resources": resources,
    }


def write_datapackage(package: dict, directory: str | Path) -> Path:
    path = Path(directory) / "datapackage.json"
    with atomic_target(path) as tmp:
        tmp.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
