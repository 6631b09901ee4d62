"""Render an executed notebook to one self-contained HTML page for readers: outputs only — no code
cells, no prompts, no parameter cells — with figures embedded as base64 PNG; prose cells of the other
language left out; a real <title>. Also the student handout of the lesson and reports/index.html."""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import nbformat

from gkstudy.study.webfont import embed_cjk_font

HIDDEN_TAGS = ("parameters", "injected-parameters", "remove")
LANG_TAGS = {"zh": "lang-en", "en": "lang-zh"}  # the tag dropped for each page language
ANSWER_TAG = "answer"  # lesson cells with the answers: on the teacher's page, not in the handout
# A cell whose output shows the answer (a step run with the worked solution): left off the handout
# page, kept (without outputs) in the handout notebook, where it runs on the students' answers.
SHOWS_ANSWER_TAG = "shows-answer"
HANDOUT = "04_teaching_handout"
# The page should open offline: drop the scripts nbconvert links from CDNs (MathJax, require.js);
# the study pages contain no equations or widgets that need them.
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I)
PAGES = {  # file stem -> what the page is for (zh, en), in reading order
    "01_extract": ("原始报告 → 数据集：读了什么、哪些文件读不出", "raw reports → datasets: what was read, what could not be"),
    "02_validate": ("数据质量：未通过的核对、残差、需要人工查看的报告", "data quality: failed checks, residuals, reports to open by hand"),
    "03_findings": ("研究发现：申请量、办理结果、理由、申请人、复议诉讼、积压、及时性", "findings: demand, outcomes, reasons, applicants, redress, backlog, timeliness"),
    "04_teaching": ("教学：教师版（含答案）", "lesson: teacher's page (with answers)"),
    HANDOUT: ("教学：学生讲义（无答案）；可填写的 notebook：04_teaching_handout.ipynb",
              "lesson: student handout (no answers); notebook to fill in: 04_teaching_handout.ipynb"),
    "05_review": ("审核：每个 NA 或存疑单元格与原件并列，附可直接填入更正文件的行",
                  "review: every NA or doubtful cell beside its source, with a ready line for the corrections file"),
}


# Tables read left to right like the printed report (nbconvert right-aligns every cell by default).
PAGE_CSS = (":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td, :not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon th,"
            " :not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon tr { text-align: left !important; vertical-align: top; }\n"
            ".gk-provenance { font-size: 0.9em; color: #333; border-left: 3px solid #ccc; padding-left: 0.8em; }\n")


def page_lang(nb) -> str:
    """The page's language: the ``lang`` parameter papermill injected, else the notebook's default."""
    params = nb.metadata.get("papermill", {}).get("parameters", {}) or {}
    if params.get("lang") in LANG_TAGS:
        return params["lang"]
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            m = re.search(r"^lang\s*=\s*['\"](\w+)['\"]", cell.source, re.M)
            if m and m.group(1) in LANG_TAGS:
                return m.group(1)
    return "zh"


def page_title(nb) -> str:
    """The first '# ' heading of the page's prose, for <title>."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return f"{m.group(1).strip()} — gkstudy"
    return "gkstudy"


def reader_cells(nb, drop_tags=()) -> "nbformat.NotebookNode":
    """A copy with the cells a reader does not see removed (other language, given tags)."""
    out = copy.deepcopy(nb)
    drop = {LANG_TAGS[page_lang(nb)], *drop_tags}
    out.cells = [c for c in out.cells if not drop & set(c.metadata.get("tags", []))]
    return out


def render_html(notebook_path: str | Path, html_path: str | Path, drop_tags=(), title_suffix: str = "") -> Path:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config, exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, embed_images=True)
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    nb = reader_cells(nbformat.read(str(notebook_path), as_version=4), drop_tags)
    nb.metadata["title"] = page_title(nb).replace(" — gkstudy", f"{title_suffix} — gkstudy")
    body, _resources = exporter.from_notebook_node(nb)
    body = re.sub(r"<html[^>]*>", f'<html lang="{"zh-Hans" if page_lang(nb) == "zh" else "en"}">', body, count=1)
    body = body.replace("</head>", f"<style>\n{PAGE_CSS}</style>\n</head>", 1)
    body = embed_cjk_font(_REMOTE_SCRIPT.sub("", body))
    out = Path(html_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


def write_handout(executed: str | Path, out_dir: str | Path) -> list[Path]:
    """The lesson without its answers: reports/04_teaching_handout.html, and the notebook students
    fill in (reports/04_teaching_handout.ipynb: the same parameters, no answers, no outputs)."""
    out_dir = Path(out_dir)
    nb = nbformat.read(str(executed), as_version=4)
    suffix = "（学生讲义）" if page_lang(nb) == "zh" else " (student handout)"
    page = render_html(executed, out_dir / f"{HANDOUT}.html", drop_tags=(ANSWER_TAG, SHOWS_ANSWER_TAG),
                       title_suffix=suffix)
    nb = nbformat.read(str(executed), as_version=4)
    nb.cells = [c for c in nb.cells if ANSWER_TAG not in c.metadata.get("tags", [])]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nb.metadata.pop("papermill", None)
    notebook = out_dir / f"{HANDOUT}.ipynb"
    nbformat.write(nb, str(notebook))
    return [page, notebook]


def _title_of(page: Path) -> str:
    m = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
    return html.unescape(m.group(1)) if m else page.stem


def write_index(out_dir: str | Path, lang: str = "zh") -> Path:
    """reports/index.html: every page present, with its title and one line on what it is for."""
    out_dir = Path(out_dir)
    e = html.escape
    items = []
    for stem, (zh, en) in PAGES.items():
        page = out_dir / f"{stem}.html"
        if page.is_file():
            title = _title_of(page).removesuffix(" — gkstudy")
            line = e(zh if lang == "zh" else en)
            if stem == HANDOUT and (out_dir / f"{HANDOUT}.ipynb").is_file():  # the notebook students fill in
                line = line.replace(f"{HANDOUT}.ipynb", f'<a href="{HANDOUT}.ipynb">{HANDOUT}.ipynb</a>')
            items.append(f'<li><a href="{e(page.name)}">{e(title)}</a> — {line}</li>')
    heading = "gkstudy 研究页面" if lang == "zh" else "gkstudy study pages"
    body = (f'<!DOCTYPE html>\n<html lang="{"zh-Hans" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{e(heading)}</title>\n<style>body{{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;"
            f"line-height:1.5}}</style>\n</head>\n<body>\n<h1>{e(heading)}</h1>\n<ul>\n" + "\n".join(items) +
            "\n</ul>\n</body>\n</html>\n")
    path = out_dir / "index.html"
    path.write_text(embed_cjk_font(body), encoding="utf-8")
    return path
