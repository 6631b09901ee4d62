"""A Frictionless data package (datapackage.json) describing every exported CSV file: field types from
the codebook, primary keys, foreign keys on report_id, licenses and sources."""

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


def build_datapackage(codebook: pd.DataFrame, csv_names: dict[str, str]) -> dict:
    """``codebook``: rows as ``codebook_frame``; ``csv_names``: dataset → CSV file name in the package."""
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
    return {
        "profile": "tabular-data-package",
        "name": "gkstudy-disclosure-annual-reports",
        "title": "政府信息公开工作年度报告 statistical tables (gkstudy)",
        "description": DESCRIPTION,
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
