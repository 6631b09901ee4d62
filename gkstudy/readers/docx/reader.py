"""DOCX reader: Word files -> Document (paragraph lines, table cells with real grid positions).

The archive is checked by :mod:`zipguard` (bombs, DTD/entity markup) before python-docx parses
any of it; python-docx then only opens the package, and we read the body XML ourselves
(:mod:`docx_blocks`) so merged cells come out once, at their grid column.
"""

from __future__ import annotations

import io

from gkstudy.core.document import Document, ReportError, grids_to_tokens
from gkstudy.core.normalize import one_line
from gkstudy.readers.docx.blocks import read_blocks
from gkstudy.readers.zipguard import DEFAULT_LIMITS, ZipLimits, guard_zip


def open_word(data: bytes):
    """python-docx's document for bytes that passed the zip guard; ReportError if it is not Word."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise ReportError("failed", "corrupt DOCX: no Office package inside the zip") from None
    except KeyError as exc:
        raise ReportError("failed", f"corrupt DOCX: missing part {exc}") from None
    except ValueError as exc:
        if "content type" in str(exc):  # e.g. an .xlsx or .pptx renamed .docx
            raise ReportError("failed", "not a Word document: the package holds another Office file type") from None
        raise ReportError("failed", f"corrupt DOCX: {one_line(exc)}") from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and kin: damaged XML parts
        raise ReportError("failed", f"corrupt DOCX: damaged XML ({type(exc).__name__})") from None


def read_docx(path: str, data: bytes, limits: ZipLimits = DEFAULT_LIMITS) -> Document:
    guard_zip(data, limits, "DOCX")
    word = open_word(data)
    blocks = read_blocks(word.element.body)
    grids = [g for g in blocks.grids if g]
    pictures = len(word.element.body.findall(".//" + PIC)) if not grids else 0
    doc = Document(path=path, format="docx", lines=blocks.lines, tokens=grids_to_tokens(grids),
                   pictures=list(range(1, pictures + 1)))
    if pictures:  # tables pasted as pictures: OCR them
        from gkstudy.readers.ocr.sources import ocr_docx_pictures

        ocr_docx_pictures(doc, word)
    return doc


PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
