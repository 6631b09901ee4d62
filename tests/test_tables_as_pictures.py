"""Reports whose tables were pasted as pictures (common: a screenshot of the table in Word): the
narrative is text, the tables are not. OCR reads such pictures (tests/test_ocr_scans.py); where it
cannot run (turned off here, as with --no-ocr) the status is needs_ocr with where the pictures are
and why, and the report's own metadata still read — never "failed" without a reason, never an
empty "ok"."""

import io

import pytest

from builders import META_2021, SECTIONS
from gkstudy.extract import extract_bytes

TITLE = f"{META_2021.agency}{META_2021.year}年政府信息公开工作年度报告"
NO_OCR = "; OCR turned off (--no-ocr)"


@pytest.fixture(autouse=True)
def no_ocr(monkeypatch):
    from gkstudy.readers.ocr.sources import OFF_ENV

    monkeypatch.setenv(OFF_ENV, "1")


def _table_picture() -> bytes:
    """A picture of a table (the real report's page 3 rendered to pixels)."""
    from pathlib import Path

    import pypdfium2 as pdfium

    real = Path(__file__).resolve().parent / "pdfs" / "淮安市洪泽区人民政府_2024.pdf"
    image = pdfium.PdfDocument(real.read_bytes())[2].render(scale=1).to_pil().convert("RGB")
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def _pdf_with_table_pictures() -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("STSong-Light", 12)
    for k, line in enumerate([TITLE, *SECTIONS[:3], "本机关全年收到政府信息公开申请若干件。"]):
        c.drawString(60, 780 - 24 * k, line)
    c.showPage()
    c.drawImage(ImageReader(io.BytesIO(_table_picture())), 40, 150, width=515, height=600)
    c.setFont("STSong-Light", 12)
    c.drawString(60, 100, META_2021.published)
    c.showPage()
    c.save()
    return buf.getvalue()


def _docx_with_table_pictures() -> bytes:
    import docx
    from docx.shared import Cm

    doc = docx.Document()
    for line in [TITLE, *SECTIONS]:
        doc.add_paragraph(line)
    doc.add_picture(io.BytesIO(_table_picture()), width=Cm(15))
    doc.add_paragraph(META_2021.agency)
    doc.add_paragraph(META_2021.published)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_pdf_whose_tables_are_pictures_needs_ocr_and_keeps_its_metadata():
    r = extract_bytes("report.pdf", _pdf_with_table_pictures()).report
    assert r["status"] == "needs_ocr"
    assert r["error"] == ("no table 三 in the text, and large pictures on page 2: "
                          "the tables are probably images, needs OCR" + NO_OCR)
    assert (r["year"], r["agency"]) == (META_2021.year, META_2021.agency)


def test_word_file_whose_tables_are_pictures_needs_ocr():
    r = extract_bytes("report.docx", _docx_with_table_pictures()).report
    assert r["status"] == "needs_ocr"
    assert r["error"].startswith("no table 三 in the text, and pictures in the file (1)") and r["error"].endswith(NO_OCR)
    assert r["year"] == META_2021.year


def test_web_page_whose_tables_are_pictures_needs_ocr():
    page = (f"<html><head><meta charset='utf-8'></head><body><div class='nav'>首页 &gt; 政务公开</div>"
            f"<div class='article'><h1>{TITLE}</h1>" + "".join(f"<p>{s}</p>" for s in SECTIONS)
            + "<p><img src='table3.png' width='600'></p>"
            f"<p>{META_2021.agency}</p><p>{META_2021.published}</p></div></body></html>")
    r = extract_bytes("report.html", page.encode("utf-8")).report
    assert r["status"] == "needs_ocr"
    assert r["error"].startswith("no table 三 in the text, and pictures in the file (1)")
    assert r["year"] == META_2021.year


def test_web_page_whose_table_picture_is_elsewhere_needs_ocr_even_with_ocr_on(monkeypatch):
    """A picture that is not here (on the web server) is never fetched: it stays needs_ocr, saying so."""
    from gkstudy.readers.ocr.sources import OFF_ENV

    monkeypatch.setenv(OFF_ENV, "0")
    page = (f"<html><head><meta charset='utf-8'></head><body><h1>{TITLE}</h1>" + "".join(f"<p>{s}</p>" for s in SECTIONS)
            + "<p><img src='http://example.org/table3.png'></p></body></html>")
    r = extract_bytes("report.html", page.encode("utf-8")).report
    assert r["status"] == "needs_ocr"
    assert r["error"].endswith("; no picture of the file could be opened here")
