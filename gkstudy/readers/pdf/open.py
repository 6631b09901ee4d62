"""Open a PDF's bytes for the text pass, or say in one line why it cannot be read."""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from gkstudy.core.document import ReportError

# The PDF spec lets a header appear within the first 1024 bytes (some servers prepend junk).
HEADER_WINDOW = 1024
_TAG = re.compile(rb"<\s*(!doctype\s+html|html|head|body|\?xml)", re.IGNORECASE)


def sniff(data: bytes) -> None:
    """Reject files that are not PDFs before any parser sees them."""
    head = data[:HEADER_WINDOW]
    if b"%PDF-" in head:
        return
    tag = _TAG.search(head.lstrip()[:200])
    if tag:
        name = tag.group(1).decode("ascii", "replace").lower()
        raise ReportError("failed", f"not a PDF: file starts with <{name}> (a web page saved as .pdf?)")
    raise ReportError("failed", "not a PDF: no %PDF- header in the first 1024 bytes")


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """A pypdfium2 document, or ReportError naming the problem (password, truncation, damage)."""
    sniff(data)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            raise ReportError("failed", "encrypted PDF: needs a password") from None
        if b"%%EOF" not in data[-2048:] or b"startxref" not in data[-4096:]:
            raise ReportError("failed", "truncated PDF: no cross-reference table or %%EOF at the end "
                                        "(incomplete download?)") from None
        raise ReportError("failed", f"damaged PDF: pdfium cannot open it ({exc})") from None
