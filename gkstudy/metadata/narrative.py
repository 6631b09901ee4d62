"""Figures the narrative restates: how many information requests the report says it received.

Section 一、总体情况 (and sometimes 三) often says "共收到政府信息公开申请 N 件". Some reports count
the requests carried over from last year in the same figure ("…申请 N 件（含上年结转 M 件）"), so each
statement says which table quantity it restates: ``received`` or ``received+carried_in``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gkstudy.core.normalize import nfkc
from gkstudy.metadata.sections import find_sections

NARRATIVE_SECTIONS = (1, 3)
_NUM = r"(\d{1,3}(?:,\d{3})+|\d+|[零〇一二两三四五六七八九十百]+)"
# 收到/受理/新收/接收 … 申请 … N 件, within one clause; the number is the first after 申请.
_RECEIVED = re.compile(
    r"(?P<verb>共收到|收到|共受理|受理|新收|共接收|接收|共计收到|累计收到)"
    r"(?P<mid>[^。；;，,\d]{0,24}?申请(?:[^。；;，,\d]{0,8}?))"
    r"(?:共计|共|合计|总计|总数为?|数为?|为)?\s*" + _NUM + r"\s*(?:件|个|条|份|宗)")
_NONE = re.compile(r"(?:未收到|没有收到|无)(?:任何)?(?:政府信息公开|依申请公开)?(?:申请|事项)")
_WITH_CARRIED = re.compile(r"含(?:上年度?|2\d{3}年度?)?结转|包括(?:上年度?)?结转")
_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Statement:
    value: int
    quantity: str  # received | received+carried_in
    section: int  # 1..6, 0 when sections were not found
    line: int
    text: str  # the clause quoted


def chinese_number(s: str) -> int | None:
    """Digits or a small Chinese numeral (三, 十二, 一百零五) as an int."""
    s = s.replace(",", "")
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _CN:
            current = _CN[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _scan(line: str, section: int, index: int) -> list[Statement]:
    text = nfkc(line)
    out = []
    for m in _RECEIVED.finditer(text):
        value = chinese_number(m.group(len(m.groups())))
        if value is None:
            continue
        clause_end = re.search(r"[。；;]", text[m.end():])
        tail = text[m.end():m.end() + (clause_end.start() if clause_end else 30)]
        carried = bool(_WITH_CARRIED.search(m.group("mid") + tail[:20]))
        if "结转" in m.group("mid") and not carried:
            continue  # "收到上年结转申请 N 件" states carried_in alone, not the total received
        out.append(Statement(value, "received+carried_in" if carried else "received", section, index,
                             m.group(0) + tail[:20]))
    if not out and _NONE.search(text):
        out.append(Statement(0, "received", section, index, _NONE.search(text).group(0)))
    return out


def request_statements(lines: list[str]) -> list[Statement]:
    """Statements of the number of requests received, from sections 一 and 三 (the whole text
    when neither heading was found). Table lines (tab-separated cells) are not narrative."""
    sections = find_sections(lines)
    spans = [(n, sections[n].line, sections[n].end) for n in NARRATIVE_SECTIONS if n in sections]
    if not spans:
        spans = [(0, 0, len(lines))]
    out = []
    for number, start, end in spans:
        for i in range(start, end):
            if "\t" in lines[i].strip():
                continue
            out.extend(_scan(lines[i], number, i))
    return out
