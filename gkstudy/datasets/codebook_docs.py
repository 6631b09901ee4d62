"""The codebook of the exported datasets: every column of every file, with its Stata name, labels in
Chinese and English, unit, type and allowed values. Built from the package codebook (cell variables)
and the variable registry (everything else); written as codebook.csv / codebook.json beside the data
and as docs/codebook.md (``codebook_markdown``; a test fails when the committed file is stale).
"""

from __future__ import annotations

import pandas as pd

from gkstudy.core import codebook, variables
from gkstudy.datasets import harmonize
from gkstudy.datasets.stata_names import stata_name
from gkstudy.datasets.tables import DATASETS, table_codes

FIELDS = ("dataset", "name", "stata_name", "label_zh", "label_en", "unit", "type", "values", "note")
CODEBOOK_DATASET = "codebook"

# Which variable groups each dataset draws its non-cell columns from.
DATASET_GROUPS = {
    "reports_table": ("meta", "report"),
    "cells_long": ("meta", "cell"),
    "checks_table": ("meta", "check"),
    "t2_wide": ("meta",),
    "t3_wide": ("meta",),
    "t4_wide": ("meta",),
    "harmonized_panel": ("meta", "harmonized"),
    CODEBOOK_DATASET: ("codebook",),
}

DATASET_TITLES = {
    "reports_table": ("报告表", "one row per input file: metadata, extraction status, counts of NA cells and failed checks"),
    "cells_long": ("单元格长表", "one row per report × canonical cell: value, printed text, flag, where it was found"),
    "checks_table": ("校验表", "one row per arithmetic check run on a report"),
    "t2_wide": ("表二宽表", "表二 主动公开政府信息情况: one row per report, one column per cell of either edition"),
    "t3_wide": ("表三宽表", "表三 收到和处理政府信息公开申请情况: one row per report, one column per cell of either edition"),
    "t4_wide": ("表四宽表", "表四 行政复议、行政诉讼情况: one row per report, one column per cell"),
    "harmonized_panel": ("协调面板", "one row per report: only the cells comparable across the 2019 and 2021 editions "
                         "(rules: docs/harmonization.md)"),
    CODEBOOK_DATASET: ("变量说明", "this codebook: one row per dataset × variable"),
}


def cell_codes(dataset: str) -> list[str]:
    if dataset.endswith("_wide"):
        return table_codes(dataset.split("_")[0])
    if dataset == "harmonized_panel":
        return harmonize.harmonized_codes()
    return []


def _editions(code: str) -> str:
    found = [c.edition for c in codebook.all_cells() if c.code == code]
    return "both editions" if len(found) > 1 else f"{found[0]} edition only"


def describe(dataset: str, column: str) -> dict | None:
    """The codebook row of one column, or None when neither codebook nor registry documents it."""
    if column in cell_codes(dataset):
        table, rest = column.split(".", 1)
        row, col = rest.rsplit(".", 1)
        spec = codebook.any_edition_cell(table, row, col)
        note = _editions(column)
        if dataset == "harmonized_panel":
            rule = next(r for r in harmonize.RULES if column in r.codes())
            note = f"harmonized: {rule.name} ({rule.method})"
        return {"dataset": dataset, "name": column, "stata_name": stata_name(column),
                "label_zh": codebook.label(column, "zh"), "label_en": codebook.label(column, "en"),
                "unit": spec.unit, "type": "number", "values": "", "note": note}
    var = variables.find(column, DATASET_GROUPS[dataset])
    if var is None:
        return None
    return {"dataset": dataset, "name": column, "stata_name": stata_name(column), "label_zh": var.label_zh,
            "label_en": var.label_en, "unit": var.unit, "type": var.type, "values": var.values, "note": var.note}


def static_columns(dataset: str) -> list[str]:
    """The documented columns of a dataset (real files may lack metadata columns a run did not produce)."""
    names = [v.name for g in DATASET_GROUPS[dataset] for v in variables.group(g)]
    if dataset == "cells_long":  # the cell key sits after the metadata, as in the exported file
        names = [n for n in names if n in variables.names("meta")] + [n for n in names if n not in variables.names("meta")]
    return list(dict.fromkeys(names + cell_codes(dataset)))


def undocumented(tables: dict[str, pd.DataFrame]) -> list[str]:
    """'dataset.column' for every exported column the codebook does not describe."""
    return [f"{name}:{column}" for name, frame in tables.items() for column in frame.columns
            if describe(name, column) is None]


def codebook_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Codebook rows for the columns of the given datasets (undocumented ones get empty labels)."""
    rows = []
    for name, frame in tables.items():
        for column in frame.columns:
            rows.append(describe(name, column) or {"dataset": name, "name": column, "stata_name": stata_name(column),
                                                   "note": "UNDOCUMENTED: add it to gkstudy/data/variables.csv"})
    for column in FIELDS:  # the codebook describes itself too
        rows.append(describe(CODEBOOK_DATASET, column))
    return pd.DataFrame(rows, columns=list(FIELDS)).fillna("").astype("string")


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def codebook_markdown() -> str:
    """The text of docs/codebook.md: every documented variable of every dataset."""
    out = ["# Codebook of the gkstudy datasets / 数据集变量说明", "",
           "<!-- generated by gkstudy.datasets.codebook_docs.codebook_markdown(); do not edit by hand -->", "",
           "`gkstudy export` writes each dataset as CSV (UTF-8 with BOM), Parquet, Stata .dta (version 118) and "
           "a sheet of one Excel workbook, plus `codebook.csv`/`codebook.json` (this table, machine-readable) "
           "and `datapackage.json`. NA (missing) is an empty CSV field, a null in Parquet, `.` in Stata and an "
           "empty Excel cell — never 0. Cell values are in the unit shown (万元 for amounts).", "",
           "Stata names: cell codes such as `t3.not_processed.confirmation.natural_person` become "
           "`t3_notproc_confirm_person` (dots → `_`, fixed abbreviations in `gkstudy/datasets/stata_names.py`). "
           "Stata variable labels are the Chinese labels, shortened to 80 characters where needed.", ""]
    head = ["| name | Stata name | 标签 | label | unit | type | values | note |", "|---|---|---|---|---|---|---|---|"]
    for dataset in (*DATASETS, CODEBOOK_DATASET):
        zh, en = DATASET_TITLES[dataset]
        codes = set(cell_codes(dataset))
        out += [f"## `{dataset}` — {zh}", "", f"{en[0].upper()}{en[1:]}.", ""] + head
        for column in static_columns(dataset):
            if column in codes:
                continue
            d = describe(dataset, column)
            out.append("| " + " | ".join(_md(d[k]) if k not in ("name", "stata_name") else f"`{d[k]}`"
                                         for k in FIELDS[1:]) + " |")
        if codes:
            out += ["", f"Plus {len(codes)} cell variables, listed below: "
                    + ("the harmonized cells (`harmonized` column)." if dataset == "harmonized_panel"
                       else f"every cell of table {dataset[:2]} in either edition.")]
        out.append("")
    out += ["## Cell variables / 单元格变量", "",
            "| name | Stata name | 标签 | label | unit | editions | harmonized |", "|---|---|---|---|---|---|---|"]
    harmonized = set(harmonize.harmonized_codes())
    for table in codebook.TABLES:
        for code in table_codes(table):
            d = describe(f"{table}_wide", code)
            out.append(f"| `{code}` | `{d['stata_name']}` | {_md(d['label_zh'])} | {_md(d['label_en'])} | {d['unit']} "
                       f"| {d['note']} | {'yes' if code in harmonized else ''} |")
    return "\n".join(out) + "\n"


def generated_docs() -> dict[str, str]:
    """docs/ file name → generated text (codebook.md, harmonization.md)."""
    return {"codebook.md": codebook_markdown(), "harmonization.md": harmonize.harmonization_markdown()}


if __name__ == "__main__":  # python -m gkstudy.datasets.codebook_docs docs  — regenerate the committed docs
    import sys
    from pathlib import Path

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    for name, text in generated_docs().items():
        (target / name).write_text(text, encoding="utf-8")
        print(f"wrote {target / name}")
