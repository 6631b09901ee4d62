"""File names for collected files: from the link text or page title, safe on Windows, macOS and Linux,
short enough for every file system, and unique in their folder (compared without case, as Windows and
macOS do). The URL itself is kept in SOURCES.csv, so the name only has to be readable."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

# Stems are cut at this many characters: with a suffix and a " (99)" they stay far below the 255-byte
# limit of ext4/APFS even in 3-byte UTF-8 Chinese, and paths stay well within Windows' MAX_PATH.
MAX_STEM_CHARS = 60
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
# Link texts that say nothing about the file.
_GENERIC = re.compile(r"^(附件\s*\d*|下载|点击下载|点击查看|查看|详情|全文|原文|here|download|pdf|doc|docx|more|更多)$", re.I)
_ATTACHMENT_PREFIX = re.compile(r"^(附件\s*\d*\s*[:：.、]?\s*)")


def safe_stem(text: str) -> str:
    """``text`` as a file stem: no characters any system forbids, no leading/trailing dots or spaces,
    not a reserved Windows device name, at most MAX_STEM_CHARS characters; '' if nothing is left."""
    text = unicodedata.normalize("NFC", text)
    text = _FORBIDDEN.sub("_", text)
    text = " ".join(text.split())[:MAX_STEM_CHARS].strip(" ._")
    if text.split(".")[0].lower() in _WINDOWS_RESERVED:
        text = f"_{text}"
    return text


def stem_from(link_text: str, title: str, url: str, suffix: str) -> str:
    """The best stem for a file: the link text, else the page title, else the URL's last part."""
    for candidate in (link_text, title):
        candidate = _ATTACHMENT_PREFIX.sub("", candidate.strip())
        if candidate.lower().endswith(suffix.lower()) and suffix:
            candidate = candidate[: -len(suffix)]
        if candidate and not _GENERIC.match(candidate):
            stem = safe_stem(candidate)
            if stem:
                return stem
    last = PurePosixPath(unquote(urlsplit(url).path)).stem
    return safe_stem(last) or "download"


def unique_name(stem: str, suffix: str, taken: set[str]) -> str:
    """``stem + suffix``, or ``stem (2) + suffix`` … if a name equal without case is in ``taken``
    (lower-cased names); the chosen name is added to ``taken``."""
    name, n = f"{stem}{suffix}", 1
    while name.lower() in taken:
        n += 1
        name = f"{stem} ({n}){suffix}"
    taken.add(name.lower())
    return name
