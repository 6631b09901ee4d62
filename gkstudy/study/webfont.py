"""Embed the CJK font, cut down to the characters a page uses, into the page itself.

Readers' browsers may lack a Chinese font (this is common on servers and minimal Linux desktops),
and linking a web font would break the one-file, offline page. A subset of Noto Sans CJK SC with
only the page's own characters is small (tens of kB) and makes the text readable everywhere.
"""

from __future__ import annotations

import base64
import html
import io
import re

from gkstudy.study.fonts import cjk_font_path

_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
FAMILY = "gkstudy CJK"


def page_characters(page: str) -> str:
    """Non-ASCII characters of the visible text and attributes of an HTML page (sorted, unique)."""
    text = html.unescape(_TAG.sub(" ", page))
    return "".join(sorted({ch for ch in text if ord(ch) > 0x7F}))


def font_face_css(characters: str) -> str:
    """A @font-face rule with the subset font as a data: URL; '' if there is nothing to embed."""
    if not characters:
        return ""
    from fontTools import subset

    options = subset.Options()
    options.flavor = None  # plain OpenType: woff2 would need brotli, which is not a dependency
    options.desubroutinize = True
    font = subset.load_font(str(cjk_font_path()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f"@font-face {{ font-family: '{FAMILY}'; src: url(data:font/otf;base64,{data}) format('opentype'); font-weight: 100 900; }}\n"
            f":root {{ --jp-content-font-family: '{FAMILY}', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;"
            f" --jp-ui-font-family: var(--jp-content-font-family); }}\n"
            f"body, body *:not(code):not(pre) {{ font-family: var(--jp-content-font-family) !important; }}\n")


def embed_cjk_font(page: str) -> str:
    css = font_face_css(page_characters(page))
    if not css:
        return page
    return page.replace("</head>", f"<style>\n{css}</style>\n</head>", 1)
