"""Visible text of WordprocessingML elements, read straight from the XML.

python-docx's own text properties miss content controls, tracked insertions and text boxes, and
its elements repeat text under ``itertext()``; so we walk the tags ourselves, keeping what Word
shows: no deleted or moved-away text, no field instructions, and only one branch of each
``mc:AlternateContent`` (Word stores a text box twice, once per branch).
"""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Subtrees whose text Word does not show in the document flow.
_HIDDEN = {W + "delText", W + "instrText", W + "del", W + "moveFrom", MC + "Fallback",
           W + "pPr", W + "rPr", W + "footnoteReference", W + "endnoteReference"}
_CHARS = {W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
TEXTBOX = W + "txbxContent"


def paragraph_text(p) -> tuple[str, list]:
    """(text of paragraph ``p``, text-box containers anchored in it, to be read as blocks)."""
    parts: list[str] = []
    boxes: list = []
    _collect(p, parts, boxes)
    return "".join(parts), boxes


def _collect(el, parts: list[str], boxes: list) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            continue  # comments, processing instructions, hidden subtrees
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
        elif tag == TEXTBOX:
            boxes.append(child)
        elif tag == MC + "AlternateContent":
            branches = [c for c in child if c.tag in (MC + "Choice", MC + "Fallback")]
            if branches:
                _collect(branches[0], parts, boxes)
        else:
            _collect(child, parts, boxes)
