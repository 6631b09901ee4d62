"""One Excel workbook: a sheet per dataset plus the codebook sheet. NA is an empty cell."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .export_files import atomic_target

MAX_ROWS = 1_048_576 - 1  # Excel's row limit, less the header row


def _cell_value(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar → Python
        value = value.item()
    if isinstance(value, str):
        # Control characters cannot be stored in an .xlsx file; they never carry meaning in a report.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _row(ws, values):
    out = []
    for v in values:
        v = _cell_value(v)
        if isinstance(v, str) and v.startswith("="):
            cell = WriteOnlyCell(ws, value=v)
            cell.data_type = "s"  # text, never a formula
            out.append(cell)
        else:
            out.append(v)
    return out


def sheet_names(name: str, rows: int) -> list[str]:
    """A dataset too long for one sheet continues on 'name (2)', 'name (3)', …"""
    parts = max(1, math.ceil(rows / MAX_ROWS))
    return [name if i == 0 else f"{name} ({i + 1})"[:31] for i in range(parts)]


def write_xlsx(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    wb = Workbook(write_only=True)
    for name, frame in tables.items():
        for i, sheet in enumerate(sheet_names(name, len(frame))):
            ws = wb.create_sheet(sheet[:31])
            ws.freeze_panes = "A2"
            ws.append(list(frame.columns))
            chunk = frame.iloc[i * MAX_ROWS:(i + 1) * MAX_ROWS]
            for values in chunk.astype(object).itertuples(index=False, name=None):
                ws.append(_row(ws, values))
    with atomic_target(path) as tmp:
        wb.save(tmp)
    return Path(path)
