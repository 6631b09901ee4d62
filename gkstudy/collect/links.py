"""A fetched web page -> the links that matter for collecting: report links and next-page links on a
listing page (the 年报 column), attachments of a report page's article; and what kind of page it is.

Site chrome (navigation, header, footer, breadcrumbs, share and related-links boxes) is removed before
looking for attachments and report links, so a 政府信息公开指南.doc in a sidebar is not taken for a
report's attachment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

from gkstudy.readers.html.charset import decode_html

ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".zip")
_YEAR = re.compile(r"(?:19|20)\d\d")
_REPORT_WORDS = re.compile(r"年度报告|年报|年度工作报告|信息公开.*报告")
# Words a report page's statistical tables always print (2019 and 2021 formats alike).
_TABLE_MARKERS = ("收到和处理政府信息公开申请情况", "主动公开政府信息情况", "政府信息公开行政复议、行政诉讼情况")
_NEXT_TEXT = re.compile(r"^\W*(下一页|下页|后一页|下一頁|next\s*page|next)\W*$", re.I)
_PAGED_NAME = re.compile(r"/index_\d+\.s?html?$", re.I)
# TRS-style CMS write their pager in script: createPageHTML(pages, current, "index", "html").
_CREATE_PAGE = re.compile(r"""createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']""")
# A class or id token naming page chrome rather than the article.
_CHROME = re.compile(r"(^|[-_])(nav|navbar|menu|header|head|footer|foot|sidebar|side|breadcrumbs?|crumbs?|position|"
                     r"location|share|related|xgwz|xgxx|friendlinks?|yqlj|top|bottom|login)([-_\d]|$)", re.I)
_CHROME_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript")
# A navigation item is a short label (首页, 机构职能); an article title is a sentence. Links in the
# article with at least this many Chinese characters that are not reports are recorded as such.
TITLE_MIN_HAN = 8
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Link:
    url: str
    text: str  # the link's text, or its title attribute when that says more


@dataclass
class Page:
    url: str
    title: str
    kind: str  # "listing" or "report"
    report_links: list[Link] = field(default_factory=list)
    next_links: list[Link] = field(default_factory=list)
    attachments: list[Link] = field(default_factory=list)
    other_titles: list[Link] = field(default_factory=list)  # article-like links that are not reports


def is_report_title(text: str) -> bool:
    """Does a link text or title name an annual report of a given year (…2023年…年度报告 / 年报)?"""
    return bool(_YEAR.search(text) and _REPORT_WORDS.search(text))


def is_attachment_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(ATTACHMENT_SUFFIXES)


def same_host(url: str, other: str) -> bool:
    """Same host name (http and https count as one site; the port is not compared)."""
    return (urlsplit(url).hostname or "").lower() == (urlsplit(other).hostname or "").lower()


def clean_url(url: str) -> str:
    """The URL without its #fragment (the same document); surrounding spaces removed."""
    return urldefrag(url.strip())[0]


def read_page(data: bytes, url: str) -> Page:
    """Parse the bytes of the page at ``url`` (any charset) into its title, kind and links."""
    text, _encoding = decode_html(data)
    soup = BeautifulSoup(text, "lxml")
    base = url
    tag = soup.find("base", href=True)
    if tag is not None:
        base = urljoin(url, tag["href"])
    title = _page_title(soup)
    next_links = _next_links(soup, text, base, url)
    _strip_chrome(soup)
    content = _links(soup, base)
    attachments = [lk for lk in content if is_attachment_url(lk.url)] + _embedded(soup, base)
    attachments = list({lk.url: lk for lk in reversed(attachments)}.values())[::-1]
    reports = [lk for lk in content if is_report_title(lk.text) and lk.url != url]
    others = [lk for lk in content if lk not in attachments and lk not in reports and lk.url != url
              and len(_HAN.findall(lk.text)) >= TITLE_MIN_HAN]
    body = soup.get_text(" ", strip=True)
    if any(m in body for m in _TABLE_MARKERS) or (is_report_title(title) and attachments) or not reports:
        kind = "report"
    else:
        kind = "listing"
    return Page(url, title, kind, reports, next_links, attachments, others)


def _page_title(soup: BeautifulSoup) -> str:
    for name in ("h1", "title"):
        tag = soup.find(name)
        if tag is not None and tag.get_text(strip=True):
            return " ".join(tag.get_text(" ", strip=True).split())
    return ""


def _link_text(tag) -> str:
    text = " ".join(tag.get_text(" ", strip=True).split())
    title = " ".join((tag.get("title") or "").split())
    # Listings cut long titles short ("…工作年度…") and keep the whole one in title=.
    return title if len(title) > len(text.rstrip(".…").rstrip()) else text


def _absolute(href: str, base: str) -> str | None:
    href = href.strip()
    if not href or href.lower().startswith(("javascript:", "mailto:", "tel:", "#")):
        return None
    url = clean_url(urljoin(base, href))
    return url if urlsplit(url).scheme in ("http", "https") else None


def _links(soup: BeautifulSoup, base: str) -> list[Link]:
    """Every <a href> as an absolute http(s) URL, once each (the first text that says something)."""
    found: dict[str, Link] = {}
    for tag in soup.find_all("a", href=True):
        url = _absolute(tag["href"], base)
        if url is None:
            continue
        text = _link_text(tag)
        if url not in found or (not found[url].text and text):
            found[url] = Link(url, text)
    return list(found.values())


def _embedded(soup: BeautifulSoup, base: str) -> list[Link]:
    """Documents shown in the page itself (<iframe src=…pdf>, <embed>, <object data=…>)."""
    out = []
    for tag in soup.find_all(("iframe", "embed", "object")):
        url = _absolute(tag.get("src") or tag.get("data") or "", base)
        if url and is_attachment_url(url):
            out.append(Link(url, ""))
    return out


def _next_links(soup: BeautifulSoup, text: str, base: str, url: str) -> list[Link]:
    """下一页 links, index_N.html page links and the pages of a createPageHTML(...) pager."""
    out: dict[str, Link] = {}
    for tag in soup.find_all("a", href=True):
        link_url = _absolute(tag["href"], base)
        if link_url and link_url != url and (_NEXT_TEXT.match(_link_text(tag))
                                             or _PAGED_NAME.search(urlsplit(link_url).path)):
            out.setdefault(link_url, Link(link_url, _link_text(tag)))
    for m in _CREATE_PAGE.finditer(text):
        pages, stem, suffix = int(m.group(1)), m.group(3), m.group(4)
        for n in range(1, pages):
            link_url = clean_url(urljoin(base, f"{stem}_{n}.{suffix}"))
            if link_url != url:
                out.setdefault(link_url, Link(link_url, f"page {n + 1}"))
    return list(out.values())


def _strip_chrome(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        tokens = [*(tag.get("class") or []), tag.get("id") or ""]
        if any(_CHROME.search(t) for t in tokens if t):
            tag.decompose()
