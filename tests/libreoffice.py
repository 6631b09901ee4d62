"""PDFs made the way many agencies make them: a Word file exported by LibreOffice.

LibreOffice writes ``/Ascent 0 /Descent 0`` into its font descriptors (the camelot 2.x row
shift) and, for tables without borders, gives the unruled-table reader real work. The PDFs in
tests/pdfs/libreoffice_*.pdf were made by ``python tests/libreoffice.py``; tests that remake them
skip where LibreOffice is not installed.
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
CASES = {
    "libreoffice_2021_ruled": ("2021", lambda v: fill_template_2021(v)),
    "libreoffice_2019_ruled": ("2019", lambda v: build_docx_2019(v, ruled=True)),
    "libreoffice_2021_unruled": ("2021", lambda v: without_borders(fill_template_2021(v))),
    "libreoffice_2019_unruled": ("2019", lambda v: build_docx_2019(v)),
}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: float = 120) -> bytes:
    """Convert with a private LibreOffice profile, so parallel runs do not share one."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx)
        subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=timeout)
        return (Path(tmp) / "report.pdf").read_bytes()


def build(name: str) -> bytes:
    edition, make = CASES[name]
    return docx_to_pdf(make(known_values(edition)))


if __name__ == "__main__":
    for case in CASES:
        (PDFS / f"{case}.pdf").write_bytes(build(case))
        print("wrote", PDFS / f"{case}.pdf")
