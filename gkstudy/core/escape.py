"""Escape report text before it is shown as HTML (findings pages, validation pages).

Report text comes from files off the internet: an agency name may hold ``<script>``. The notebooks'
HTML helpers (``study/nbsupport.py``) put every text they write into HTML through :func:`html_text`
(element content and quoted attribute values alike); tables go through pandas' ``to_html(escape=True)``.
"""

from __future__ import annotations

import html


def html_text(value: object) -> str:
    """``value`` as text safe inside HTML element content or a quoted attribute; None becomes ''."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)
