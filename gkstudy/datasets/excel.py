"""One Excel workbook: a sheet per dataset plus the codebook sheet. NA is an empty cell.

The workbook is byte-identical on rerun: openpyxl stamps the save time into docProps/core.xml
and into every zip entry, so both are set to a fixed time (the Stata files' fixed time stamp)."""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from gkstudy.core.atomic import atomic_target

MAX_ROWS = 1_048_576 - 1  # Excel's row limit, less the header row
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


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
    buf = io.BytesIO()
    wb.save(buf)
    with atomic_target(path) as tmp:
        tmp.write_bytes(with_fixed_times(buf.getvalue()))
    return Path(path)


def with_fixed_times(xlsx: bytes) -> bytes:
    """The same workbook with the save time replaced by FIXED_TIME in its properties and zip."""
    stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % FIXED_TIME
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = _CORE_TIMES.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = item.external_attr
            dst.writestr(entry, data)
    return out.getvalue()
