"""Report metadata read from the text: year covered, publishing agency, date printed, places."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gkstudy.core.normalize import nfkc

TITLE_LINES = 12
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_TITLE = re.compile(r"(?P<agency>[^\d]*?)\s*(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?:的)?\s*政府信息公开(?:工作)?(?:年度)?报告")
_PERIOD = re.compile(r"统计期限(?:为|是)?自?\s*((?:19|20)\d{2})\s*年")
# The period written out without the word 统计期限: 2023年1月1日（起）至（2023年）12月31日
_WHOLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*起?\s*至\s*(?:\1\s*年\s*)?12\s*月\s*31\s*日")
# The body named in the opening paragraph when the title does not name it (a title in a cover
# image, or a title without the body): 本报告由某某局编制 / …，某某局编制了本报告 /
# 现将某某局2023年度政府信息公开工作情况报告如下. Only names that end as a body's name are taken.
_AGENCY_END = r"(?:人民政府|办事处|管委会|管理委员会|委员会|局|厅|办公室|中心|院|署|委)"
_OPENING = (
    re.compile(r"由(?P<agency>[\u4e00-\u9fff（）()]{2,40}?" + _AGENCY_END + r")(?:根据|依据|按照|编制|撰写|起草|负责)"),
    re.compile(r"(?:^|[，。；：,;:])(?P<agency>[\u4e00-\u9fff（）()]{2,40}?" + _AGENCY_END + r")(?:编制|撰写|起草)了?本"),
    re.compile(r"(?:现将|^)(?P<agency>[\u4e00-\u9fff（）()]{2,40}?" + _AGENCY_END + r")(?:19|20)\d{2}\s*年度?政府信息公开"),
)
# The year the opening paragraph names: …2023年度政府信息公开工作情况… / 2023年，我局…
_OPENING_YEAR = (
    re.compile(r"((?:19|20)\d{2})\s*年度?政府信息公开工作"),
    re.compile(r"^((?:19|20)\d{2})\s*年(?:度|以来)?[，,]"),
)
# A title that names the body but not the year: 某某局政府信息公开工作年度报告
_TITLE_NO_YEAR = re.compile(r"^(?P<agency>[\u4e00-\u9fff（）()]{2,40}?)(?:的)?政府信息公开(?:工作)?年度报告$")
OPENING_LINES = 20  # non-empty lines read for the opening paragraph
_PROSE = re.compile(r"[，。；,;]")  # a title has no sentence punctuation; a line with it is prose
_POSTED = re.compile(r"(?:发布时间|发布日期|成文日期|发文日期)\s*[:：]?\s*((?:19|20)\d{2})[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})")
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|-(\d{1,2})-(\d{1,2})\b)")
# A signature line at the end names the agency when the title does not: 某某县财政局
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}(?:人民政府|办事处|管委会|管理委员会|委员会|局|厅|办公室|中心|院|署|委)$")
_CHROME = re.compile(r"^.*?(?:您的位置|当前位置|首页)\s*[:：>].*?>\s*")
# Agency names end in one of these; a place name alone (白奎镇) is a short form of its government.
_GOVERNMENT_FORMS = ("人民政府", "街道办事处", "办事处", "管委会", "管理委员会")
_AGENCY_LINE = re.compile(r"[\u4e00-\u9fff（）()]{2,40}")


@dataclass
class Metadata:
    year: int | None = None
    agency: str = ""
    published: str = ""  # YYYY-MM-DD


def first_text_lines(lines: list[str], n: int) -> list[str]:
    """The first ``n`` lines that hold text, spaces tidied: a title may follow any number of blank
    lines or blank pages (a cover page, a scanned stamp), so blank lines are skipped, not counted."""
    head: list[str] = []
    for line in lines:
        text = _SPACES.sub(" ", nfkc(line)).strip()
        if text:
            head.append(text)
            if len(head) == n:
                break
    return head


def title_text(lines: list[str]) -> str:
    """The title, joined across the lines it was broken over, from the top of the report."""
    head = first_text_lines(lines, TITLE_LINES)
    for k, line in enumerate(head):
        m = _TITLE.search(line.replace(" ", ""))
        if m and _PROSE.search(m.group("agency")):  # a sentence that names the report, not its title
            continue
        if m:
            # The agency on a line of its own above "2024 年政府信息公开工作年度报告" (PDF title pages).
            if not m.group("agency").strip() and k > 0 and _AGENCY_LINE.fullmatch(head[k - 1].replace(" ", "")):
                return head[k - 1] + line
            return line
    for k in range(len(head) - 1):  # a title broken over two lines
        if _TITLE.search((head[k] + head[k + 1]).replace(" ", "")):
            return head[k] + head[k + 1]
    return ""


def is_title_line(lines: list[str], k: int, agency_only: bool = False) -> bool:
    """Whether line ``k`` is a report's title (alone, or with the next line it was broken over);
    with ``agency_only``, whether it is only a body's name (printed above the title)."""
    line = _SPACES.sub("", nfkc(lines[k]))
    if agency_only:
        return bool(_AGENCY_LINE.fullmatch(line)) and "报告" not in line and len(line) <= 40
    if not line or len(line) > 60:
        return False
    m = _TITLE.search(line)
    if m is None and k + 1 < len(lines):
        m = _TITLE.search(line + _SPACES.sub("", nfkc(lines[k + 1])))
        if m and m.start("year") >= len(line) and m.group("agency").strip() == "":
            return False  # the whole title is on the next line
    return m is not None and not _PROSE.search(m.group("agency"))


def read_year(lines: list[str]) -> int | None:
    m = _TITLE.search(title_text(lines).replace(" ", ""))
    if m:
        return int(m.group("year"))
    text = nfkc("\n".join(lines[:200]))
    m = _PERIOD.search(text) or _WHOLE_YEAR.search(text.replace(" ", ""))
    if m:
        return int(m.group(1))
    for line in _opening_lines(lines):
        for pattern in _OPENING_YEAR:
            m = pattern.search(line)
            if m:
                return int(m.group(1))
    return None


def read_agency(lines: list[str]) -> str:
    m = _TITLE.search(title_text(lines).replace(" ", ""))
    agency = _CHROME.sub("", m.group("agency")).strip(" :：-—>《》“”\"") if m else ""
    if not m:
        agency = _title_without_year(lines)
    if not agency:
        return _signature(lines) or opening_agency(lines)
    text = nfkc("\n".join(lines)).replace(" ", "")
    if not agency.endswith(_GOVERNMENT_FORMS):
        for form in _GOVERNMENT_FORMS:
            if agency + form in text:  # the report names itself in full somewhere
                return _with_parent_place(agency + form, text)
        return agency
    return _with_parent_place(agency, text)


def read_published(lines: list[str]) -> str:
    """The date printed on the report: a posting date, else the date under the signature at the end."""
    text = nfkc("\n".join(lines))
    m = _POSTED.search(text)
    if m:
        return _iso(*m.groups())
    tail = [nfkc(x) for x in lines if x.strip()][-8:]
    for line in reversed(tail):  # a date standing alone under the signature, not one inside a sentence
        m = _DATE.fullmatch(line.strip().replace(" ", "").rstrip("。."))
        if m:
            return _date_of(m)
    head = [nfkc(x) for x in lines if x.strip()][:6]
    for line in head:
        m = _DATE.fullmatch(line.strip().replace(" ", "")) or _DATE.fullmatch(line.strip())
        if m:
            return _date_of(m)
    return ""


def _date_of(m: re.Match) -> str:
    y, mo, d, mo2, d2 = m.groups()
    return _iso(y, mo or mo2, d or d2)


def _with_parent_place(agency: str, text: str) -> str:
    """The fuller name the report also uses (洪泽区人民政府 -> 淮安市洪泽区人民政府), where the
    longer prefix is a real province or city name from the gazetteer."""
    from gkstudy.metadata.gazetteer import by_name

    if not agency.endswith(_GOVERNMENT_FORMS):
        return agency
    at = text.find(agency)
    while at != -1:
        for width in range(2, 9):
            prefix = text[max(0, at - width):at]
            if len(prefix) == width and prefix in by_name() and not agency.startswith(prefix):
                return prefix + agency
        at = text.find(agency, at + 1)
    return agency


def _signature(lines: list[str]) -> str:
    for line in reversed([nfkc(x).strip().replace(" ", "") for x in lines if x.strip()][-8:]):
        if _SIGNATURE.match(line):
            return line
    return ""


def _opening_lines(lines: list[str]) -> list[str]:
    return [nfkc(x).strip().replace(" ", "").replace("\u3000", "") for x in lines if x.strip()][:OPENING_LINES]


def _title_without_year(lines: list[str]) -> str:
    for line in _opening_lines(lines)[:TITLE_LINES]:
        m = _TITLE_NO_YEAR.match(line)
        if m:
            return m.group("agency")
    return ""


def opening_agency(lines: list[str]) -> str:
    """The body the opening paragraph names as the report's author, or ''."""
    for line in _opening_lines(lines):
        for pattern in _OPENING:
            m = pattern.search(line)
            if m:
                return m.group("agency").lstrip("（(").strip()
    return ""


def _iso(y: str, m: str, d: str) -> str:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def read_metadata(lines: list[str]) -> Metadata:
    return Metadata(year=read_year(lines), agency=read_agency(lines), published=read_published(lines))
