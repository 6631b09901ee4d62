"""Hypothesis strategies that damage real PDFs the ways files off the internet are damaged: bit
flips, truncation, and dictionary values swapped between keys (a /Count where a /Length was, a
/Kids array under /Contents). Shared by tests/test_fuzz_pdf.py and bench/hostile_folder.py."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

PDFS = sorted((Path(__file__).resolve().parent / "pdfs").glob("*.pdf"))
# A key and its value in a dictionary written in the clear (not inside a compressed stream).
_ENTRY = re.compile(rb"/(Length|Count|Type|Kids|Parent|Size|Root|Filter|Subtype|MediaBox|Contents|Resources|"
                    rb"Font|XObject|Width|Height|BitsPerComponent|Prev|First|N|W|Index|DecodeParms)"
                    rb"\s*(\[[^\]\n]{0,60}\]|\d+ \d+ R|/\w+|-?\d+)")


def flip(data: bytes, bits: list[int]) -> bytes:
    out = bytearray(data)
    for bit in bits:
        out[(bit // 8) % len(out)] ^= 1 << (bit % 8)
    return bytes(out)


def cut(data: bytes, share: float) -> bytes:
    return data[: max(1, int(len(data) * share))]


def swap(data: bytes, a: int, b: int) -> bytes:
    """The values of the a-th and b-th dictionary entries (mod their count) exchanged."""
    entries = list(_ENTRY.finditer(data))
    if len(entries) < 2:
        return data
    first, second = sorted({entries[a % len(entries)], entries[b % len(entries)]}, key=lambda m: m.start())[:2] \
        if a % len(entries) != b % len(entries) else (entries[0], entries[-1])
    v1, v2 = first.span(2), second.span(2)
    return data[:v1[0]] + data[v2[0]:v2[1]] + data[v1[1]:v2[0]] + data[v1[0]:v1[1]] + data[v2[1]:]


def mutations(sources: list[Path] = PDFS):
    """A damaged copy of one of ``sources``: (how it was damaged, bytes)."""
    source = st.sampled_from(sources).map(lambda p: p.read_bytes())
    flips = st.tuples(source, st.lists(st.integers(0, 1 << 24), min_size=1, max_size=64)).map(
        lambda t: ("bit flips", flip(*t)))
    cuts = st.tuples(source, st.floats(0.0, 0.999)).map(lambda t: ("truncated", cut(*t)))
    swaps = st.tuples(source, st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)),
                                       min_size=1, max_size=4)).map(
        lambda t: ("swapped values", _swaps(t[0], t[1])))
    return st.one_of(flips, cuts, swaps)


def _swaps(data: bytes, pairs: list[tuple[int, int]]) -> bytes:
    for a, b in pairs:
        data = swap(data, a, b)
    return data
