"""Font descriptors that mislead camelot 2.x's text layer (playa).

LibreOffice writes ``/Ascent 0 /Descent 0`` into its font descriptors. playa then sizes every
glyph from the font's bounding box, which for CJK fonts reaches far above the line, so camelot
assigns CJK labels to the row below while digits stay put: rows silently swap labels.

Two defences, so that neither alone has to be right:
* ``zero_ascent_pages`` finds such pages: there the second reading (pdfium, which places each
  character by its drawn outline and is not affected) leads and camelot only cross-checks;
* ``use_default_metrics_for_zero_fonts`` makes playa size such glyphs with the default CJK
  metrics (Ascent 880, Descent -120: what playa itself assumes when a descriptor gives none),
  which puts camelot's text back in its row, so its cross-check compares like with like (a
  character at a tight row boundary can still land one row off, so camelot does not lead).
The page detection reads font resources with pdfminer (through pdfplumber), a third parser.
"""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdftypes import resolve1

# playa's own defaults for a descriptor without Ascent/Descent (Adobe's DW2 metrics).
DEFAULT_ASCENT, DEFAULT_DESCENT = 880, -120


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


def use_default_metrics_for_zero_fonts() -> None:
    """Make playa (camelot's text layer) give fonts whose descriptor says Ascent 0 / Descent 0 the
    default metrics instead of their bounding box. Installed once per process and only touches
    such fonts. Nothing happens where the installed playa has no such hook (the page-level
    defence above still applies)."""
    try:
        import playa.font as playa_font
        from playa.pdftypes import num_value
    except ImportError:
        return
    font_class = getattr(playa_font, "Font", None)
    if font_class is None or getattr(font_class.__init__, "_gkstudy_zero_metrics", False):
        return
    original = font_class.__init__

    def __init__(self, descriptor, *args, **kwargs):
        original(self, descriptor, *args, **kwargs)
        try:
            zero = (num_value(descriptor.get("Ascent", DEFAULT_ASCENT)) == 0
                    and num_value(descriptor.get("Descent", DEFAULT_DESCENT)) == 0)
        except (TypeError, ValueError, AttributeError):
            return
        if zero and hasattr(self, "ascent") and hasattr(self, "descent"):
            self.ascent, self.descent = DEFAULT_ASCENT, DEFAULT_DESCENT

    __init__._gkstudy_zero_metrics = True
    font_class.__init__ = __init__
