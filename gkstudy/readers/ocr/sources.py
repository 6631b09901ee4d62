"""Where page images come from: scanned PDF pages, image files (multi-page TIFF), pictures inside
Word files and web pages. Each returns what the OCR reader needs, or why it cannot."""

from __future__ import annotations

import os
from pathlib import Path

from gkstudy.core.document import Document, ReportError
from gkstudy.readers.ocr.engine import unavailable_reason

# PDF pages are rendered at this resolution: the one the accuracy figures were measured at.
RENDER_DPI = 200
OFF_ENV = "GKSTUDY_NO_OCR"  # set (to 1) by `--no-ocr`; worker processes inherit it
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def turn_ocr_off() -> None:
    """For this process and the workers it starts (they inherit the environment)."""
    os.environ[OFF_ENV] = "1"


def ocr_enabled() -> bool:
    return os.environ.get(OFF_ENV, "") in ("", "0")


def why_not_ocr() -> str | None:
    """None when OCR may run; else the one-line reason (turned off, or not installed)."""
    if not ocr_enabled():
        return "OCR turned off (--no-ocr)"
    return unavailable_reason()


def render_pages(data: bytes, pages: list[int] | None = None, dpi: int = RENDER_DPI) -> list:
    """RGB arrays of PDF pages (1-based numbers; all when None)."""
    import numpy as np
    import pypdfium2 as pdfium

    out = []
    with pdfium.PdfDocument(data) as pdf:
        numbers = pages or list(range(1, len(pdf) + 1))
        for n in numbers:
            page = pdf[n - 1]
            out.append(np.array(page.render(scale=dpi / 72).to_pil().convert("RGB")))
            page.close()
    return out


def read_scanned_pdf(path: str, data: bytes) -> Document:
    """A PDF with no text layer, read by OCR; needs_ocr with the reason when OCR cannot run."""
    reason = why_not_ocr()
    if reason:
        raise ReportError("needs_ocr", f"scanned PDF: no text layer, needs OCR; {reason}")
    from gkstudy.readers.ocr.reader import ocr_document

    return ocr_document(path, "pdf", render_pages(data))


def read_image_file(path: str, data: bytes) -> Document:
    """A picture of report pages (scan, phone photo, multi-page TIFF), read by OCR."""
    reason = why_not_ocr()
    if reason:
        raise ReportError("needs_ocr", f"image file: needs OCR; {reason}")
    from gkstudy.readers.ocr.images import decode_pages
    from gkstudy.readers.ocr.reader import ocr_document

    try:
        pages = decode_pages(data)
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        raise ReportError("failed", f"unreadable image: {type(exc).__name__}: {' '.join(str(exc).split())}") from None
    return ocr_document(path, "image", pages)


def ocr_page_count(path: str, data: bytes, at_least: int = 0) -> int:
    """The pages of a file its reader reads wholly by OCR (a scanned PDF, an image file), so that
    a batch may spread them over workers; 0 for any other file, for one of fewer pages than
    ``at_least`` (a text PDF's text is then not extracted twice), or when OCR cannot run or the
    file cannot be opened (its reading in one piece then says why)."""
    suffix = Path(path).suffix.lower()
    # Cheap tests first: asking whether OCR can run imports it (hundreds of MB for a text file).
    if suffix not in IMAGE_SUFFIXES + (".pdf",):
        return 0
    try:
        if suffix in IMAGE_SUFFIXES:
            from gkstudy.readers.ocr.images import frame_count

            count = frame_count(data)
        else:
            from gkstudy.readers.pdf.open import open_pdf
            from gkstudy.readers.pdf.text import has_text_layer, page_texts

            pdf = open_pdf(data)
            try:
                count = 0 if len(pdf) < at_least or has_text_layer(page_texts(pdf)) else len(pdf)
            finally:
                pdf.close()
    except Exception:  # noqa: BLE001 - a damaged file is read in one piece, which reports it
        return 0
    return 0 if count < at_least or why_not_ocr() else count


def read_ocr_part(path: str, data: bytes, first: int, last: int, page_count: int):
    """The OcrReading of pages ``first``…``last`` of a file of ``page_count`` pages read wholly by
    OCR: joined in page order (reader.join_readings), the parts equal the reading in one piece."""
    from gkstudy.readers.ocr.reader import read_pages

    numbers = list(range(first, last + 1))
    if Path(path).suffix.lower() in IMAGE_SUFFIXES:
        from gkstudy.readers.ocr.images import decode_pages

        images = decode_pages(data, numbers)
    else:
        images = render_pages(data, numbers)
    return read_pages(images, numbers, page_count=page_count)


def document_of_parts(path: str, parts: list, page_count: int) -> Document:
    """The Document of a file read by OCR in parts (their OcrReadings, in page order)."""
    from gkstudy.readers.ocr.reader import join_readings, reading_to_document

    fmt = "image" if Path(path).suffix.lower() in IMAGE_SUFFIXES else "pdf"
    return reading_to_document(path, fmt, join_readings(parts), page_count)


def ocr_picture_tokens(doc: Document, images_of, numbers: list[int] | None = None) -> None:
    """Fill a text document's tokens, in place, from pictures of its tables (``images_of()`` gives
    them); its own lines stay (the title and date are text). Says in a note why not, when not."""
    reason = why_not_ocr()
    if reason:
        doc.notes.append(reason)
        return
    from gkstudy.readers.ocr.reader import NO_RULED_TABLE, read_pages, reading_to_tokens

    try:
        images = images_of()
        reading = read_pages(images, numbers=numbers, whole_pages=()) if images else None
    except Exception as exc:  # noqa: BLE001 - a picture OCR chokes on must not lose the text read
        doc.notes.append(f"OCR failed on the pictures: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
        return
    if reading is None or not reading.grids:
        doc.notes.append(NO_RULED_TABLE if images else "no picture of the file could be opened here")
        return
    doc.tokens = reading_to_tokens(reading)


def ocr_pdf_pictures(doc: Document, data: bytes, pages: list[int]) -> None:
    """A text PDF whose table pages are pictures: those pages rendered and OCR'd."""
    ocr_picture_tokens(doc, lambda: render_pages(data, pages), pages)


def ocr_docx_pictures(doc: Document, word) -> None:
    """A Word file whose tables are pasted pictures (word/media)."""
    from gkstudy.readers.ocr.embedded import docx_picture_images

    ocr_picture_tokens(doc, lambda: docx_picture_images(word))


def ocr_html_pictures(doc: Document, body) -> None:
    """A web page whose tables are images (data: URIs, files in NAME_files/ beside it)."""
    from gkstudy.readers.ocr.embedded import html_picture_images

    ocr_picture_tokens(doc, lambda: html_picture_images(doc.path, body))


def page_assets_dir(page: str | Path) -> Path:
    """Where a browser saves a web page's pictures: NAME_files/ beside NAME.html."""
    page = Path(page)
    return page.with_name(page.stem + "_files")


def is_page_asset(path: str | Path) -> bool:
    """An image saved with a web page (inside NAME_files/ beside NAME.html): read with the page,
    not as a report of its own."""
    path = Path(path)
    folder = path.parent
    if path.suffix.lower() not in IMAGE_SUFFIXES or not folder.name.endswith("_files"):
        return False
    stem = folder.name[: -len("_files")]
    return any((folder.parent / f"{stem}{ext}").exists() for ext in (".html", ".htm"))
