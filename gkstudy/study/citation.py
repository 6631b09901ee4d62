"""How to cite the kit and the reports: one source for the footer of the pages in reports/ and for
CITATION.cff readers. The reports are the primary sources; the kit only reads them."""

from __future__ import annotations

import html

from gkstudy import __version__

KIT = "gkstudy developers. gkstudy: a reproducible study kit for China's government information disclosure annual reports (政府信息公开工作年度报告), version {version}. Software, MIT License."
REPORTS_EN = ("Cite the underlying reports as primary sources: the publishing body, the report's title "
              "(e.g. 《XX 2023年政府信息公开工作年度报告》), its year and date of publication, and where you "
              "obtained it (web address and date accessed). The reports are public government information "
              "published under 《中华人民共和国政府信息公开条例》; figures here are as printed, with NA where a "
              "cell could not be read, and are not corrected.")
REPORTS_ZH = "引用时请同时注明原始年度报告：发布机关、报告标题、年度、发布日期及获取来源（网址与访问日期）。"


def kit_citation(version: str = __version__) -> str:
    return KIT.format(version=version)


def footer_text(version: str = __version__) -> str:
    """Plain-text footer (Markdown-safe)."""
    return f"How to cite / 引用: {kit_citation(version)} See CITATION.cff. {REPORTS_EN} {REPORTS_ZH}"


def footer_html(version: str = __version__) -> str:
    """HTML footer for the pages in reports/: how to cite the kit and the underlying reports."""
    e = html.escape
    return (
        '<footer class="gkstudy-citation">\n'
        f"  <p><strong>How to cite / 引用</strong>: {e(kit_citation(version))} "
        "Citation metadata: <code>CITATION.cff</code>.</p>\n"
        f"  <p>{e(REPORTS_EN)}</p>\n"
        f'  <p lang="zh">{e(REPORTS_ZH)}</p>\n'
        "</footer>\n"
    )
