"""Pictures inside other formats, as page images for OCR: a Word file's body pictures (word/media)
and a web page's images (``data:`` URIs, or files saved beside the page in NAME_files/).
Nothing is fetched: a picture on another server is left unread."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote

from gkstudy.readers.ocr.images import decode_pages

BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
MAX_PICTURES = 12  # a report's tables fit in a few pictures; more are photos of events


def _frames(blobs: list[bytes]) -> list:
    out = []
    for blob in blobs[:MAX_PICTURES]:
        try:
            out += decode_pages(blob)
        except Exception:  # noqa: BLE001 - an EMF/WMF or broken picture is not a table we can read
            continue
    return out


def docx_picture_images(word) -> list:
    """RGB arrays of the pictures in a python-docx document's body, in reading order."""
    blobs = []
    for blip in word.element.body.iter(BLIP):
        part = word.part.related_parts.get(blip.get(EMBED))
        if part is not None:
            blobs.append(part.blob)
    return _frames(blobs)


def html_picture_images(path: str, body) -> list:
    """RGB arrays of a web page's body images that are here: data: URIs and files in the page's
    own folder (a browser's NAME_files/)."""
    folder = Path(path).resolve().parent
    blobs = []
    for img in body.iter("img"):
        src = (img.get("src") or "").strip()
        if src.startswith("data:"):
            head, _, payload = src.partition(",")
            try:
                blobs.append(base64.b64decode(payload) if head.endswith(";base64") else unquote(payload).encode("latin-1"))
            except (binascii.Error, ValueError):
                continue
        elif src and "://" not in src and not src.startswith("//"):
            file = (folder / unquote(src.split("?")[0])).resolve()
            if file.is_relative_to(folder) and file.is_file():
                blobs.append(file.read_bytes())
    return _frames(blobs)
