"""Font descriptors that mislead camelot 2.x's text layer (playa).

LibreOffice writes ``/Ascent 0 /Descent 0`` into some font descriptors. playa then places CJK
glyphs as zero-height boxes at the baseline, so camelot assigns labels to the row below while
digits stay put: rows silently swap labels. pdfminer (pdfplumber) sizes glyphs from the font
size and is not affected, so on such pages pdfplumber's grid leads and camelot only cross-checks.
"""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdftypes import resolve1


def _descriptors(font: dict):
    font = resolve1(font) or {}
    desc = resolve1(font.get("FontDescriptor"))
    if isinstance(desc, dict):
        yield desc
    for child in resolve1(font.get("DescendantFonts")) or []:
        yield from _descriptors(child)


def _zero_metrics(desc: dict) -> bool:
    ascent, descent = resolve1(desc.get("Ascent")), resolve1(desc.get("Descent"))
    return ascent is not None and descent is not None and float(ascent) == 0 and float(descent) == 0


def zero_ascent_pages(data: bytes, pages: list[int]) -> set[int]:
    """1-based pages (of ``pages``) using a font whose descriptor says Ascent 0 and Descent 0."""
    found: set[int] = set()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in pages:
            resources = resolve1(pdf.pages[number - 1].page_obj.resources) or {}
            fonts = resolve1(resources.get("Font")) or {}
            if any(_zero_metrics(d) for f in fonts.values() for d in _descriptors(f)):
                found.add(number)
    return found
