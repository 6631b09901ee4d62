"""Saved web pages: Word-exported report bodies inside site chrome, in lying charsets.

* 2021 edition, GB18030 bytes under ``<meta charset=utf-8>``, ``.html``;
* 2019 edition, UTF-8 bytes under a ``gb2312`` declaration, ``.htm``.
Both carry navigation, a breadcrumb, share/print links, a related-links list naming another
year's report, a footer with 版权所有/网站标识码, and a script holding table-like decoy text.
"""

import pytest

from builders import META_2019, META_2021, known_values, report_html
from gkstudy.core import codebook
from gkstudy.extract import extract_bytes
from gkstudy.readers.html.reader import read_html
from gkstudy.readers.html.charset import believable, decode_html, declared_charset
from gkstudy.readers.html.tables import table_grid

CASES = {
    "2021": (META_2021, "utf-8", "gb18030", "淮阴区交通运输局 2023.html"),
    "2019": (META_2019, "gb2312", "utf-8", "花沟镇2020年报.htm"),
}


def page(edition: str) -> bytes:
    meta, declared, actual, _name = CASES[edition]
    return report_html(edition, known_values(edition), meta, declared, meta.iso).encode(actual)


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    edition = request.param
    meta, _declared, _actual, name = CASES[edition]
    return edition, meta, extract_bytes(name, page(edition))


def test_report_metadata(case):
    edition, meta, got = case
    r = got.report
    assert (r["status"], r["error"]) == ("ok", "")
    assert (r["format"], r["edition"], r["year"], r["agency"], r["published"]) == (
        "html", edition, meta.year, meta.agency, meta.iso)


def test_every_canonical_cell(case):
    edition, _meta, got = case
    values = known_values(edition)
    cells = {(c["table"], c["row"], c["col"]): c for c in got.cells}
    assert set(cells) == {(c.table, c.row, c.col) for c in codebook.cells(edition)}
    for key, cell in cells.items():
        assert cell["value"] == pytest.approx(values[key]), key
        assert cell["flag"] == "", key


def test_page_chrome_is_not_in_the_text():
    doc = read_html("p.html", page("2021"))
    text = "\n".join(doc.lines)
    for chrome in ("您的位置", "版权所有", "网站标识码", "分享到", "打印本页", "互动交流", "相关链接", "999",
                   f"{META_2021.year - 1}年政府信息公开"):
        assert chrome not in text, chrome
    assert [x for x in doc.lines if x][0] == f"{META_2021.agency}{META_2021.year}年政府信息公开工作年度报告"
    assert all("联系我们" not in t.text for t in doc.tokens)


def test_word_split_header_words_are_joined():
    doc = read_html("p.html", page("2021"))
    texts = {t.text for t in doc.tokens}
    assert {"商业企业", "科研机构", "结果维持", "一、本年新收政府信息公开申请数量"} <= texts


def test_spans_expand_to_grid_columns_without_copies():
    from lxml import html

    table = html.fromstring(
        "<table><tr><td rowspan=2 colspan=2>A</td><td colspan=3>B</td></tr>"
        "<tr><td>1</td><td>2</td><td>3</td></tr>"
        "<tr><td colspan=2>C</td><td>4</td><td>5</td><td rowspan=0>6</td></tr>"
        "<tr><td>D</td><td colspan=0>x</td></tr></table>")
    assert table_grid(table) == [
        ["A", None, "B", None, None],
        [None, None, "1", "2", "3"],
        ["C", None, "4", "5", "6"],
        ["D", "x", None, None, None],
    ]


@pytest.mark.parametrize("text,declared,actual,expected", [
    ('<meta charset="utf-8">年度报告', "utf-8", "gb18030", "gb18030"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">年度报告', "gb18030", "utf-8", "utf-8"),
    ('<meta charset="iso-8859-1">年度报告', "iso8859-1", "gbk", "gb18030"),
    ('<meta charset="GBK">年度报告', "gb18030", "gbk", "gb18030"),
])
def test_declared_charset_must_agree_with_the_bytes(text, declared, actual, expected):
    data = f"<html><head>{text}</head><body>淮安市人民政府2024年政府信息公开工作年度报告</body></html>".encode(actual)
    assert declared_charset(data) == declared
    decoded, used = decode_html(data)
    assert "政府信息公开工作年度报告" in decoded
    assert used == expected


def test_ascii_page_keeps_its_declaration():
    assert believable(b"<html>plain</html>", "windows-1252") == "windows-1252"


def test_error_page_is_not_a_report():
    got = extract_bytes("404.html", "<html><body><h1>404 页面不存在</h1><p>您访问的页面不存在</p></body></html>".encode())
    assert got.report["status"] == "not_report"


def test_markup_free_bytes_and_empty_pages_fail_cleanly():
    got = extract_bytes("blank.htm", b"   \n  ")
    assert got.report["status"] in ("failed", "not_report")
    assert got.report["error"] and "\n" not in got.report["error"]
