"""PDFs that cannot be read as reports get a status and a one-line reason, never an empty "ok"."""

import io
from pathlib import Path

import pytest

from gkstudy.extract import extract_bytes

PDFS = Path(__file__).resolve().parent / "pdfs"
REAL = PDFS / "淮安市洪泽区人民政府_2024.pdf"


def _image_only_pdf() -> bytes:
    """A real report page rendered to pixels and saved as a PDF: what a scanner produces."""
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(REAL.read_bytes())
    images = [doc[i].render(scale=1).to_pil().convert("RGB") for i in range(2)]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:])
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(REAL))
    writer = pypdf.PdfWriter()
    for page in reader.pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _result(data: bytes, name: str = "report.pdf") -> dict:
    return extract_bytes(name, data).report


def test_scanned_pdf_needs_ocr_when_ocr_is_off(monkeypatch):
    """Scans are read by OCR (tests/test_ocr_scans.py); with OCR off they stay needs_ocr, saying why."""
    from gkstudy.readers.ocr.sources import OFF_ENV

    monkeypatch.setenv(OFF_ENV, "1")
    r = _result(_image_only_pdf())
    assert r["status"] == "needs_ocr"
    assert r["error"] == "scanned PDF: no text layer, needs OCR; OCR turned off (--no-ocr)"


def test_encrypted_pdf_asks_for_a_password():
    r = _result(_encrypted_pdf())
    assert (r["status"], r["error"]) == ("failed", "encrypted PDF: needs a password")


def test_truncated_pdf_is_named_truncated():
    data = REAL.read_bytes()
    r = _result(data[: len(data) // 3])
    assert r["status"] in ("failed", "partial")
    if r["status"] == "failed":
        assert r["error"].startswith(("truncated PDF", "damaged PDF"))
    assert "\n" not in r["error"]


def test_web_page_saved_as_pdf():
    r = _result(b"<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>")
    assert r["status"] == "failed"
    assert r["error"].startswith("not a PDF: file starts with <")


def test_random_bytes():
    r = _result(bytes(range(256)) * 8)
    assert (r["status"], r["error"]) == ("failed", "not a PDF: no %PDF- header in the first 1024 bytes")


def test_pdf_without_tables_is_not_ok():
    """A text PDF with no statistical tables (here: the narrative page alone) is never 'ok'."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(REAL))
    writer = pypdf.PdfWriter()
    writer.add_page(reader.pages[0])
    buf = io.BytesIO()
    writer.write(buf)
    r = _result(buf.getvalue())
    assert r["status"] in ("failed", "not_report")
    assert r["error"]
