"""The six mandatory sections of an annual report, found by their headings in the text.

Headings are numbered 一、… 六、 in the format; converters often turn the numbering into
``1、`` or drop it. A heading is a short line that starts with such a number (or with the title
itself) and carries the section's key words; sub-headings numbered （一） or (三) are not
headings of sections. The table rows 一、本年新收… never match, as their words differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gkstudy.core.normalize import nfkc

# number, the title as printed in the format, and words that identify it (any one suffices).
SECTIONS = (
    (1, "一、总体情况", ("总体情况",)),
    (2, "二、主动公开政府信息情况", ("主动公开政府信息情况", "主动公开政府信息")),
    (3, "三、收到和处理政府信息公开申请情况", ("收到和处理政府信息公开申请", "依申请公开")),
    (4, "四、政府信息公开行政复议、行政诉讼情况", ("行政复议", "行政诉讼")),
    (5, "五、存在的主要问题及改进情况", ("存在的主要问题", "问题及改进", "主要问题和改进")),
    (6, "六、其他需要报告的事项", ("其他需要报告的事项", "其他需要报告")),
)
MAX_HEADING = 40  # characters; a longer line is prose that mentions the title
_NUMBER = re.compile(r"^(?:第?[一二三四五六]\s*[、.．:：]?|[1-6]\s*[、.．]|[1-6]\s+)\s*")
_SUBHEADING = re.compile(r"^[（(]")


@dataclass(frozen=True)
class Section:
    number: int
    title: str  # the format's title
    line: int  # index in doc.lines of the heading
    end: int  # index of the next section's heading (or the end of the text)


_NUMERALS = "一二三四五六"


def _compact(line: str) -> str:
    return nfkc(line).strip().replace(" ", "").replace("\u3000", "")


def _heading(line: str) -> tuple[int, bool] | None:
    """(section number, numbered as that section) for a heading line, else None."""
    text = _compact(line)
    if not text or len(text) > MAX_HEADING or _SUBHEADING.match(text) or "\t" in line.strip():
        return None
    body = _NUMBER.sub("", text, count=1)
    prefix = text[:len(text) - len(body)]
    numbered = bool(prefix)
    for number, _title, words in SECTIONS:
        if any(body.startswith(w) or (numbered and w in body[:len(w) + 6]) for w in words):
            own = str(number) in prefix or _NUMERALS[number - 1] in prefix
            return number, own
    return None


def find_sections(lines: list[str]) -> dict[int, Section]:
    """Sections 1–6 that have a heading, in reading order; each found at most once.

    Headings numbered as their own section (三、 or 3、 before 收到和处理…) are taken first, each at
    its first occurrence after the previous one; a heading numbered otherwise or not at all (a
    sub-heading ``1.收到和处理…`` inside 一, or a bare title) only fills a section still missing,
    and only between its neighbours; a section missing after that takes its first heading
    numbered otherwise anywhere (tables in an appendix numbered 一/二/三).
    """
    found = [(i, h) for i, line in enumerate(lines) if (h := _heading(line)) is not None]
    starts: dict[int, int] = {}
    last_line = -1
    for i, (number, own) in found:
        if own and number not in starts and i > last_line and all(n < number for n in starts):
            starts[number] = i
            last_line = i
    for i, (number, _own) in found:
        if number in starts:
            continue
        before = max((starts[n] for n in starts if n < number), default=-1)
        after = min((starts[n] for n in starts if n > number), default=len(lines))
        if before < i < after:
            starts[number] = i
    # Tables put in an appendix numbered anew (一、主动公开… 二、收到和处理… after the narrative):
    # a section still missing takes its first heading numbered otherwise, wherever it stands.
    taken = set(starts.values())
    for i, (number, _own) in found:
        if number not in starts and i not in taken and _NUMBER.match(_compact(lines[i])):
            starts[number] = i
            taken.add(i)
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    out = {}
    for k, (number, line) in enumerate(ordered):
        end = ordered[k + 1][1] if k + 1 < len(ordered) else len(lines)
        out[number] = Section(number, SECTIONS[number - 1][1], line, end)
    return out


def section_text(lines: list[str], section: Section) -> list[str]:
    return lines[section.line + 1:section.end]
