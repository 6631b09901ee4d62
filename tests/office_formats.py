"""Report fixtures in the other office formats real folders hold: spreadsheets (.xlsx written by
openpyxl with the official merges; .xls and .ods saved from it by LibreOffice) and legacy or other
word-processor files (.doc, .rtf, .odt saved by LibreOffice from the DOCX builders' reports).

The files in tests/fixtures/formats/ were made by ``python tests/office_formats.py`` (LibreOffice
needed); the tests read the committed files, so they run without it.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from builders import META_2019, META_2021, build_docx_2019, fill_template_2021, known_values  # noqa: E402
from builders import place, t2_layout, t3_layout, t4_layout  # noqa: E402

OUT = Path(__file__).resolve().parent / "fixtures" / "formats"
META = {"2021": META_2021, "2019": META_2019}


def _number(text: str):
    """A cell's text as the spreadsheet stores it: numbers as numbers, the rest as text."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def build_xlsx(edition: str, values: dict, one_sheet: bool = False) -> bytes:
    """The report's three tables as a workbook, one sheet per table (or all on one sheet), with
    the title in the first row of the first sheet and the official merged cells."""
    import openpyxl

    meta = META[edition]
    wb = openpyxl.Workbook()
    layouts = [("表二", t2_layout(edition, values)), ("表三", t3_layout(edition, values)), ("表四", t4_layout(values))]
    ws = wb.active
    ws.title = "年报" if one_sheet else layouts[0][0]
    ws.cell(1, 1, f"{meta.agency}{meta.year}年政府信息公开工作年度报告")
    top = 3
    for k, (name, layout) in enumerate(layouts):
        if k and not one_sheet:
            ws, top = wb.create_sheet(name), 1
        for r, c, cell in place(layout):
            ws.cell(top + r, 1 + c, _number(cell.text))
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(start_row=top + r, start_column=1 + c,
                               end_row=top + r + cell.rowspan - 1, end_column=c + cell.colspan)
        top += max(r + cell.rowspan for r, _, cell in place(layout)) + 2
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def word_source(edition: str) -> bytes:
    values = known_values(edition)
    return fill_template_2021(values) if edition == "2021" else build_docx_2019(values, ruled=True)


# file name -> (edition, source bytes maker, source suffix, LibreOffice --convert-to target)
FILES = {
    "report_2021.xls": ("2021", lambda: build_xlsx("2021", known_values("2021")), "xlsx", "xls"),
    "report_2019.ods": ("2019", lambda: build_xlsx("2019", known_values("2019"), one_sheet=True), "xlsx", "ods"),
    "report_2021.doc": ("2021", lambda: word_source("2021"), "docx", "doc:MS Word 97"),
    "report_2019.rtf": ("2019", lambda: word_source("2019"), "docx", "rtf"),
    "report_2019.odt": ("2019", lambda: word_source("2019"), "docx", "odt"),
}


def build(name: str) -> bytes:
    from libreoffice import soffice  # noqa: F401 - the same LibreOffice the other fixtures use
    import shutil
    import subprocess
    import tempfile

    _edition, make, suffix, target = FILES[name]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in" / f"report.{suffix}"
        src.parent.mkdir()
        src.write_bytes(make())
        exe = soffice() or shutil.which("soffice")
        subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", target,
                        "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        return (Path(tmp) / f"report.{target.split(':')[0]}").read_bytes()


if __name__ == "__main__":

    OUT.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        (OUT / name).write_bytes(build(name))
        print("wrote", OUT / name)
