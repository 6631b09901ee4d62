"""Find the report inside a saved web page and drop the page chrome around it.

Chrome (navigation, breadcrumbs such as 您的位置：首页 > 政务公开, share buttons, footers with
版权所有/主办单位/网站标识码, scripts) must not reach the text or the tables. Three layers:
1. elements that are never content (script, style, nav, forms, hidden elements) are removed;
   elements whose class/id names them chrome are removed when they hold no table and no
   section heading (so an oddly named content wrapper survives);
2. the report body is the smallest element holding the report's own anchors: its section
   headings (一、总体情况 … 六、其他需要报告的事项), its tables, and the title nearest before them;
3. short lines that are unmistakably chrome are dropped from the body's text.
"""

from __future__ import annotations

import re

from gkstudy.readers.html.tables import has_nested_table, tidy

NEVER_CONTENT = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
                 "nav", "form", "button", "select", "textarea", "input", "link", "meta", "map")
_CHROME_NAME = re.compile(r"nav|menu|crumb|bread|share|bdshare|jiathis|footer|copyright|sidebar|"
                          r"related|toolbar|fontsize|topbar|banner|weizhi|position|location|print", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
SECTION = re.compile(r"^[一二三四五六][、.．]\s*(总体情况|主动公开政府信息|收到和处理政府信息公开申请|"
                     r"政府信息公开行政复议|存在的主要问题|其他需要报告)")
TITLE = re.compile(r"(19|20)\d{2}\s*年\s*度?\s*(的)?\s*政府信息公开(工作)?(年度)?报告")
REPORT_TABLE = re.compile(r"第二十条|本年新收|上年结转|行政复议|申请人情况")
_CHROME_LINE = re.compile(
    r"^(您的位置|您现在的位置|当前位置|所在位置|首页\s*[>＞»]|分享到|【?打印|【?关闭|关闭窗口|【?字体|字号|"
    r"浏览次数|阅读次数|访问量|扫一扫|上一篇|下一篇)|版权所有|主办单位|承办单位|网站标识码|ICP备|公网安备|技术支持")
MAX_ANCHOR_TEXT = 120
MAX_CHROME_LINE = 120


def strip_chrome(root) -> None:
    for el in list(root.iter(*NEVER_CONTENT)):
        _drop(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
            _drop(el)
        elif el.tag in ("header", "footer", "aside") or _CHROME_NAME.search(f"{el.get('class', '')} {el.get('id', '')}"):
            if not _holds_content(el):
                _drop(el)


def _holds_content(el) -> bool:
    if any(True for _ in el.iter("table")):
        return True
    text = tidy(el.text_content())
    return bool(TITLE.search(text)) and len(text) < MAX_ANCHOR_TEXT or any(
        SECTION.match(tidy(x.text_content())) for x in el.iter() if isinstance(x.tag, str))


def _drop(el) -> None:
    """Remove ``el`` but keep the text that follows it (its tail belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def find_body(root):
    """The smallest element holding the report's title, section headings and tables."""
    body = root.find(".//body")
    body = body if body is not None else root
    sections, titles, tables = [], [], []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "table":
            if not has_nested_table(el) and REPORT_TABLE.search(el.text_content()):
                tables.append(el)
            continue
        text = tidy(el.text_content())
        if not text or len(text) > MAX_ANCHOR_TEXT:
            continue
        if SECTION.match(text):
            sections.append(el)
        elif TITLE.search(text):
            titles.append(el)
    anchors = sections + tables
    if not anchors:
        return body
    order = {el: k for k, el in enumerate(body.iter())}
    first = min(order[a] for a in anchors)
    before = [t for t in titles if order[t] < first]
    if before:
        anchors.append(max(before, key=lambda t: order[t]))
    return _common_ancestor(anchors)


def _common_ancestor(elements):
    paths = [list(reversed([e, *e.iterancestors()])) for e in elements]
    common = paths[0][0]
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


def is_chrome_line(line: str) -> bool:
    return len(line) <= MAX_CHROME_LINE and bool(_CHROME_LINE.search(line))
