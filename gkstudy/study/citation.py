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


def cff_fields(path) -> dict[str, str]:
    """title, version, license and the authors' names from a CITATION.cff file (the few top-level
    fields a citation needs; a small reader, so no YAML library is required). {} if there is none."""
    from pathlib import Path

    p = Path(path)
    if not p.is_file():
        return {}
    fields: dict[str, str] = {}
    authors: list[str] = []
    in_authors = False
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.startswith(" ") and ":" in line:
            key, _, value = line.partition(":")
            in_authors = key == "authors"
            if key in ("title", "version", "license", "type") and value.strip():
                fields[key] = value.strip().strip('"')
        elif in_authors and line.strip().startswith(("- name:", "name:", "- family-names:", "family-names:")):
            authors.append(line.split(":", 1)[1].strip().strip('"'))
    if authors:
        fields["authors"] = ", ".join(authors)
    return fields


def cite_this_run(cff_path, *, commit: str, datasets: dict[str, str], date: str) -> str:
    """Plain text to cite one run: the kit as CITATION.cff names it, the commit, the date, and the
    sha256 of the datasets the page was computed from."""
    f = cff_fields(cff_path)
    who = f.get("authors", "gkstudy developers")
    title = f.get("title", "gkstudy")
    version = f.get("version", __version__)
    sums = "; ".join(f"{name} sha256 {sha}" for name, sha in datasets.items()) or "no datasets"
    return (f"{who}. {title}, version {version} ({commit}). Software"
            f"{', ' + f['license'] + ' License' if f.get('license') else ''}. Run on {date}; datasets: {sums}.")
