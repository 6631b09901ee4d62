"""Spreadsheet reader: statistics published as a workbook (.xlsx, .xls, .ods, and WPS's .et)
-> a Document whose grids are the sheets, read with python-calamine (no office program needed).

Each sheet is one grid, its cells at their real row and column. A cell covered by a merge (known
for .xlsx and .xls; calamine does not report the merges of .ods) is absent, as in the Word reader,
so a merged label or value is read once; any other empty cell is a blank cell. Numbers come as
numbers: a whole float (3.0) is printed as 3. The text lines (for the title, year and agency) are
the sheets' rows, their filled cells joined by a tab.
"""

from __future__ import annotations

import io

from gkstudy.core.document import Document, ReportError, grids_to_tokens
from gkstudy.core.normalize import one_line
from gkstudy.readers.zipguard import DEFAULT_LIMITS, ZipLimits, guard_zip

# An annual report's tables fill well under 100 rows; rows beyond this are not read (a sheet of
# raw records would otherwise cost memory for nothing).
MAX_ROWS = 2000
MAX_COLS = 60
ZIP_MAGIC = b"PK\x03\x04"


def cell_text(value) -> str:
    """A cell's value as the report prints it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def sheet_grid(sheet) -> list[list[str | None]]:
    """The sheet's cells (None where a merge covers them), empty rows and right-hand columns cut."""
    rows = []
    full_width = 0
    for k, row in enumerate(sheet.iter_rows()):
        if k >= MAX_ROWS:
            break
        full_width = max(full_width, len(row))
        rows.append([cell_text(v) for v in row[:MAX_COLS]])
    grid: list[list[str | None]] = [list(r) for r in rows]
    # calamine yields rows from the sheet's first row but columns from its first used column, while
    # merges are given in absolute positions: the offsets follow from where the used area ends.
    end_row, end_col = sheet.end or (len(rows) - 1, 0)
    r0 = end_row + 1 - len(rows) if len(rows) < MAX_ROWS else 0
    c0 = end_col + 1 - full_width if full_width else 0
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or ():
        for r in range(top - r0, bottom - r0 + 1):
            for c in range(left - c0, right - c0 + 1):
                if (r, c) != (top - r0, left - c0) and 0 <= r < len(grid) and 0 <= c < len(grid[r]):
                    grid[r][c] = None
    width = max((c + 1 for row in grid for c, t in enumerate(row) if t), default=0)
    return [row[:width] for row in grid if any(row)]


def read_spreadsheet(path: str, data: bytes, kind: str, limits: ZipLimits = DEFAULT_LIMITS) -> Document:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    if data.startswith(ZIP_MAGIC):  # .xlsx and .ods are zip archives: bombs and DTDs refused first
        guard_zip(data, limits, kind.upper())
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = [sheet_grid(book.get_sheet_by_name(name)) for name in book.sheet_names]
    except PasswordError:
        raise ReportError("failed", f"encrypted spreadsheet (.{kind}): open it with its password and save it "
                                    "again without one") from None
    except (CalamineError, ValueError, OSError) as exc:
        raise ReportError("failed", f"not a readable .{kind} spreadsheet ({_one_line(exc)}); "
                                    "open it and save it as .xlsx") from None
    grids = [g for g in grids if g]
    lines = ["\t".join(t for t in row if t) for grid in grids for row in grid]
    return Document(path=path, format=kind, lines=lines, tokens=grids_to_tokens(grids))


def _one_line(exc: BaseException) -> str:
    return one_line(exc)[:200]
