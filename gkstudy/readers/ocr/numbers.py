"""Confusable glyphs in numeric cells: O/0, l/I/1, S/5, B/8, full-width digits, stray dots.

Applied only to a cell whose whole text is a number once they are replaced; a label keeps its
letters (``O`` in a label is a letter)."""

from __future__ import annotations

import re
import unicodedata

_CONFUSABLE = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "○": "0",
                             "l": "1", "I": "1", "|": "1", "i": "1", "!": "1", "丨": "1",
                             "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "G": "6", "b": "6",
                             "g": "9", "q": "9"})
# Specks the recogniser reads as punctuation around a number (".0", "0'", "，3"); a leading minus
# is a sign (table 二's 增/减 columns print -3), never noise.
_EDGE_NOISE = re.compile(r"^[.,'`‘’:;·、，。_~]+|[.,'`‘’:;·、，。_\-~]+$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
MAX_NUMBER_LEN = 9  # longer runs are labels or codes, never a count of this format


def numeric_text(text: str) -> str:
    """The number a cell holds, confusables normalised; any other text unchanged."""
    plain = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\u2212", "-")
    if not plain or len(plain) > MAX_NUMBER_LEN:
        return text
    candidate = _EDGE_NOISE.sub("", plain.translate(_CONFUSABLE))
    if _NUMBER.fullmatch(candidate) and any(ch.isdigit() for ch in plain):
        return candidate
    if _NUMBER.fullmatch(candidate) and len(plain) <= 2:  # "O" or "l" alone in a value cell
        return candidate
    return text
