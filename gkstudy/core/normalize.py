"""Text normalization shared by readers and the mapper.

NFKC folds full-width digits, brackets and punctuation to ASCII and repairs the Kangxi-radical
look-alikes some PDFs contain; whitespace inside table labels is noise (``结 果 维 持``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Invisible characters that survive NFKC and break matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_WHITESPACE = re.compile(r"\s+")
# Quote variants: keep one form so “三安全一稳定” matches "三安全一稳定".
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_DASHES = str.maketrans({"—": "-", "–": "-", "−": "-", "─": "-", "―": "-"})


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE)


def clean_cell(text: str) -> str:
    """A cell's text with NFKC applied and outer whitespace stripped (inner kept)."""
    return _WHITESPACE.sub(" ", nfkc(text)).strip()


_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}]) | (?=[{_CJK}])")


def tidy(text: str) -> str:
    """Collapse whitespace; none at all next to a CJK character or full-width punctuation.

    Word breaks one header word over paragraphs or spans (商业 / 企业); joined, it reads as one."""
    return _SPACE_BY_CJK.sub("", _WHITESPACE.sub(" ", text)).strip()


def one_line(text: object) -> str:
    """``text`` (an error, a cell's text) on one line: every run of whitespace one space, none at the
    ends, so that a CSV field or a reason stays one line."""
    return " ".join(str(text).split())


@functools.lru_cache(maxsize=50_000)
def compact(text: str) -> str:
    """Label key: NFKC, no whitespace at all, unified quotes, dashes and enumeration commas."""
    s = _WHITESPACE.sub("", nfkc(text)).translate(_QUOTES).translate(_DASHES)
    return s


_CN_NUMERALS = "一二三四五六七八九十"
_TOP = re.compile(rf"^([{_CN_NUMERALS}]{{1,2}})[、.,，]")
_GROUP = re.compile(rf"^\(([{_CN_NUMERALS}]{{1,2}})\)[、.,]?")
_SUB = re.compile(r"^\(?(\d{1,2})(?:[.、,)]|(?=[^\d.]))")


@dataclass(frozen=True)
class Numbered:
    """A label split into its enumeration parts: ``三、`` top, ``(一)`` group, ``1.`` sub, and text."""

    top: int | None
    group: int | None
    sub: int | None
    text: str

    @property
    def enumerated(self) -> bool:
        """Whether the label starts with any enumeration (a row of its own)."""
        return self.top is not None or self.group is not None or self.sub is not None


def cn_numeral(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUMERALS.index(s[1]) + 1
    if len(s) == 2 and s[1] == "十":
        return (_CN_NUMERALS.index(s[0]) + 1) * 10
    return _CN_NUMERALS.index(s[0]) + 1


def split_numbering(label: str) -> Numbered:
    """Split leading enumerations off a compacted label.

    ``三、本年度办理结果(一)予以公开`` -> top=3, group=1, text ``本年度办理结果予以公开`` is not wanted,
    so text after a group marker replaces the text before it: the innermost label is what names the row.
    """
    s = compact(label)
    top = group = sub = None
    m = _TOP.match(s)
    if m:
        top = cn_numeral(m.group(1))
        s = s[m.end():]
    # A group or sub marker may follow the top label's own text: 三、本年度办理结果(一)予以公开
    inner = re.search(rf"\(([{_CN_NUMERALS}]{{1,2}})\)", s)
    if inner and (inner.start() == 0 or top is not None):
        group = cn_numeral(inner.group(1))
        s = s[inner.end():].lstrip("、.,")
    m = _SUB.match(s)
    if m and not re.match(r"^\d+(\.\d+)?(万元|元|件|项)?$", s):
        sub = int(m.group(1))
        s = s[m.end():]
    return Numbered(top, group, sub, s)
