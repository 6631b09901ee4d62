"""Reports made the way many agencies make them: a Word file exported by LibreOffice.

LibreOffice writes ``/Ascent 0 /Descent 0`` into its font descriptors (the camelot 2.x row
shift) and, for tables without borders, gives the unruled-table reader real work. Its web-page
and Word exports are written by another program than our own fixture builders, with its own
markup for merged cells. The files in tests/pdfs/libreoffice_*.pdf and tests/fixtures/libreoffice/
were made by ``python tests/libreoffice.py``; tests that remake them skip where LibreOffice is
not installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from builders import build_docx_2019, fill_template_2021, known_values, without_borders  # noqa: E402

PDFS = Path(__file__).resolve().parent / "pdfs"
OTHER = Path(__file__).resolve().parent / "fixtures" / "libreoffice"
# PDF cases: name -> (edition, Word file builder).
CASES = {
    "libreoffice_2021_ruled": ("2021", lambda v: fill_template_2021(v)),
    "libreoffice_2019_ruled": ("2019", lambda v: build_docx_2019(v, ruled=True)),
    "libreoffice_2021_unruled": ("2021", lambda v: without_borders(fill_template_2021(v))),
    "libreoffice_2019_unruled": ("2019", lambda v: build_docx_2019(v)),
}


# Other formats: file name -> (edition, Word file builder, LibreOffice filter).
EXPORTS = {
    "libreoffice_2021.html": ("2021", lambda v: fill_template_2021(v), "html"),
    "libreoffice_2019.html": ("2019", lambda v: build_docx_2019(v, ruled=True), "html"),
    "libreoffice_2021_xhtml.htm": ("2021", lambda v: fill_template_2021(v), "htm:XHTML Writer File:UTF8"),
    "libreoffice_2021.docx": ("2021", lambda v: fill_template_2021(v), "docx:MS Word 2007 XML"),
    "libreoffice_2019.docx": ("2019", lambda v: build_docx_2019(v), "docx:MS Word 2007 XML"),
}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def fixture_font_installed() -> bool:
    """The Chinese font the committed fixtures were laid out with (Noto Sans CJK). With another one,
    LibreOffice lays the same Word file out with other widths, so its PDF is not the fixture's."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    done = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    return done.returncode == 0 and "Noto Sans CJK" in done.stdout


def convert(docx: bytes, target: str = "pdf", timeout: float = 120) -> bytes:
    """Convert with a private LibreOffice profile, so parallel runs do not share one.
    ``target`` is LibreOffice's ``--convert-to`` argument (extension[:filter[:options]])."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in" / "report.docx"
        src.parent.mkdir()
        src.write_bytes(docx)
        subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", target, "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=timeout)
        return (Path(tmp) / f"report.{target.split(':')[0]}").read_bytes()


def build(name: str) -> bytes:
    """A PDF case (name without .pdf) or an export (file name) made afresh."""
    if name in CASES:
        edition, make = CASES[name]
        return convert(make(known_values(edition)))
    edition, make, target = EXPORTS[name]
    return convert(make(known_values(edition)), target)


if __name__ == "__main__":
    OTHER.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        (PDFS / f"{case}.pdf").write_bytes(build(case))
        print("wrote", PDFS / f"{case}.pdf")
    for name in EXPORTS:
        (OTHER / name).write_bytes(build(name))
        print("wrote", OTHER / name)
