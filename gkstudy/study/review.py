"""The review page: every NA or doubtful cell beside its source, so a person can decide once.

For each report (those with failed error-level checks first) and each cell that is NA, flagged, or
part of an identity that failed, the page shows a picture of the source region (PDF: the page
rendered with pypdfium2, cropped to the cell's row with the row label and the table's header in
view, the cell outlined; DOCX, HTML and TXT: the table row's text with the cell marked), the kit's
reading and the other PDF reader's, the identities the cell takes part in with the value each would
imply, and a ready line for the corrections file (gkstudy.checks.corrections). Self-contained:
pictures are data: URIs, nothing is fetched, all text is escaped.

Beside the page, ``corrections_todo.csv`` holds the same lines with the value empty, for the
reviewer to fill and append to ``data/corrections.csv``.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

from gkstudy.checks import corrections as corr
from gkstudy.checks.identities import identities
from gkstudy.core import codebook, flags
from gkstudy.datasets.tables import is_duplicate, load_text
from gkstudy.core.atomic import write_csv_atomic
from gkstudy.study.review_pictures import NOT_LOCATED, pdf_pictures

PAGE_FILE = "review.html"
TODO_FILE = "corrections_todo.csv"
CONTEXT_LINES = 6  # text files with one cell a line: lines shown above the cell (its row label)


class ReviewError(Exception):
    """A processed folder the page cannot be made from (one line)."""


@dataclass
class Doubt:
    cell: dict
    why: list[str]
    implied: list[tuple[str, float | int | None]] = field(default_factory=list)
    picture: str = ""  # data: URI of the crop, PDF only
    row_html: str = ""  # DOCX/HTML/TXT: the row's text with the cell marked
    missing: str = ""  # why there is no picture

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.cell["table"], self.cell["row"], self.cell["col"])


@dataclass
class ReviewResult:
    page: Path
    todo: Path
    reports: int = 0
    cells: int = 0
    pictures: int = 0
    body: str = ""  # the page's content without <html>/<head>, for showing inside a notebook page


def _number(text: str) -> float | int | None:
    if text in ("", None):
        return None
    value = float(text)
    return int(value) if value == int(value) else value


def read_processed(processed_dir: str | Path) -> tuple[list[dict], dict[str, list[dict]], dict[str, list[dict]]]:
    """reports.csv rows (duplicates left out), and cells.csv and checks.csv rows by report_id, as text."""
    d = Path(processed_dir)
    missing = [n for n in ("reports.csv", "cells.csv", "checks.csv") if not (d / n).is_file()]
    if missing:
        raise ReviewError(f"{d}: no {', '.join(missing)} (run gkstudy extract ... --out {d} first)")
    p = load_text(d)  # the contract files as text, as every reader of them
    cells: dict[str, list[dict]] = {}
    for c in p.cells.to_dict("records"):
        cells.setdefault(c["report_id"], []).append(c)
    checks: dict[str, list[dict]] = {}
    for c in p.checks.to_dict("records"):
        checks.setdefault(c["report_id"], []).append(c)
    reports = p.reports[~is_duplicate(p.reports)].to_dict("records")
    return reports, cells, checks


def doubtful_cells(edition: str, cells: list[dict], checks: list[dict]) -> list[Doubt]:
    """Cells that are NA, flagged, or in an identity that failed, with the value each identity implies."""
    values = {(c["table"], c["row"], c["col"]): _number(c["value"]) for c in cells}
    failed = {c["check"] for c in checks if c["passed"] == "false" and c["severity"] == "error"}
    idents = identities(edition, values) if edition in codebook.EDITIONS else []
    out = []
    for c in cells:
        key = (c["table"], c["row"], c["col"])
        mine = [i for i in idents if key in i.keys]
        broken = [i for i in mine if i.check in failed and _fails(i, values)]
        why = flags.split(c["flag"]) + (["NA"] if c["value"] == "" and not c["flag"] else [])
        why += [f"fails {i.check}" for i in broken]
        if not why:
            continue
        out.append(Doubt(c, list(dict.fromkeys(why)), [(i.check, _implied(i, key, values)) for i in mine]))
    # Cells in a failed identity first: they are where a printed error hides.
    return sorted(out, key=lambda d: not any(w.startswith("fails ") for w in d.why))


def _fails(identity, values) -> bool:
    known = [values[k] for k in identity.keys]
    if any(v is None for v in known):
        return False
    return abs(sum(values[k] for k in identity.left) - sum(values[k] for k in identity.right)) > 1e-9


def _implied(identity, key, values) -> float | int | None:
    """The value of ``key`` that makes the identity hold given the other cells; None if one is NA."""
    others = [k for k in identity.keys if k != key]
    if any(values[k] is None for k in others):
        return None
    left = sum(values[k] for k in identity.left if k != key)
    right = sum(values[k] for k in identity.right if k != key)
    return right - left if key in identity.left else left - right


def suggested_value(doubt: Doubt) -> float | int | None:
    """The value every computable identity implies, when they agree and it can be a count (≥ 0,
    whole unless an amount in 万元); else None: the person decides from the source."""
    found = {v for _check, v in doubt.implied if v is not None}
    if len(found) != 1:
        return None
    value = found.pop()
    spec = codebook.any_edition_cell(*doubt.key)
    whole = spec is None or spec.unit != "万元"
    return value if value >= 0 and (value == int(value) or not whole) else None


def correction_row(report: dict, doubt: Doubt, value) -> dict:
    c = doubt.cell
    note = "value implied by " + ", ".join(ch for ch, v in doubt.implied if v is not None) if value is not None else ""
    return {"sha256": report["sha256"], "table": c["table"], "row": c["row"], "col": c["col"],
            "value": "" if value is None else value, "note": note, "by": "", "date": "",
            "file": Path(report["source_file"]).name}


def source_bytes(report: dict) -> tuple[bytes | None, str]:
    """The report's original file, or why it cannot be shown (missing, or changed since extract)."""
    path = Path(report["source_file"])
    try:
        data = path.read_bytes()
    except OSError:
        return None, f"source file {path} not found: no picture (run the review where extract ran)"
    if hashlib.sha256(data).hexdigest() != report["sha256"]:
        return None, f"source file {path} changed since it was extracted (sha256 differs): no picture"
    return data, ""


def text_rows(source: str, data: bytes, doubts: list[Doubt]) -> None:
    """DOCX/HTML/TXT (and PDF tables without rules): each doubt's table row as text, its cell marked."""
    from gkstudy.readers import read_document

    try:
        doc = read_document(source, data)
    except Exception as exc:  # noqa: BLE001 - the page says why instead of failing
        for d in doubts:
            d.missing = f"the source could not be read again: {' '.join(str(exc).split())}"
        return
    rows: dict[tuple[int, int], list] = {}
    for t in doc.tokens:
        rows.setdefault((t.grid, t.row), []).append(t)
    for d in doubts:
        c = d.cell
        if c["grid_row"] == "":
            d.missing = f"{NOT_LOCATED} in the file (the row was not read)"
            continue
        grid, row, col = int(c["grid"] or 0), int(c["grid_row"]), int(c["grid_col"])
        lines = [row]
        if len(rows.get((grid, row), [])) <= 1:  # one cell a line (text files): the lines above give the label
            lines = [r for r in range(row - CONTEXT_LINES, row + 2) if (grid, r) in rows]
        d.row_html = "<br>".join(" │ ".join(f"<mark>{html.escape(t.text) or '&nbsp;'}</mark>"
                                            if (r, t.col) == (row, col) else html.escape(t.text)
                                            for t in rows[(grid, r)]) for r in lines if (grid, r) in rows)
        d.row_html = d.row_html or "(row not found)"


def _order(report: dict) -> tuple:
    return (-int(report.get("checks_failed") or 0), report["source_file"])


def write_review(processed_dir: str | Path, out: str | Path | None = None, lang: str = "en") -> ReviewResult:
    """Write the review page (default PROCESSED_DIR/review.html, in ``lang``: en or zh) and
    corrections_todo.csv beside it."""
    reports, cells, checks = read_processed(processed_dir)
    page = Path(out) if out else Path(processed_dir) / PAGE_FILE
    result = ReviewResult(page=page, todo=page.parent / TODO_FILE)
    sections, todo = [], []
    for report in sorted(reports, key=_order):
        mine = cells.get(report["report_id"], [])
        doubts = doubtful_cells(report["edition"], mine, checks.get(report["report_id"], []))
        if not doubts:
            continue
        data, missing = source_bytes(report)
        if data is None:
            for d in doubts:
                d.missing = missing
        elif report["format"] == "pdf":
            pdf_pictures(data, doubts, mine)
            # No box (a table drawn without rules, read from word positions): its row's text instead.
            unboxed = [d for d in doubts if not d.picture and d.cell["grid_row"] != ""]
            if unboxed:
                text_rows(report["source_file"], data, unboxed)
        else:
            text_rows(report["source_file"], data, doubts)
        result.reports += 1
        result.cells += len(doubts)
        result.pictures += sum(1 for d in doubts if d.picture)
        lines = [correction_row(report, d, suggested_value(d)) for d in doubts]
        todo += [dict(line, value="", note="") for line in lines]
        sections.append(_report_html(report, missing, doubts, lines, lang))
    page.parent.mkdir(parents=True, exist_ok=True)
    result.body = f"<style>{STYLE}</style>{_intro(result, lang)}{''.join(sections)}"
    page.write_text(_page_html(result, lang), encoding="utf-8")
    write_csv_atomic(result.todo, corr.COLUMNS + corr.OPTIONAL_COLUMNS, todo)
    return result


def _csv_line(row: dict) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([row[k] for k in corr.COLUMNS + corr.OPTIONAL_COLUMNS])
    return buf.getvalue()


# The page's words in Chinese and English (the data's codes, flags and check names stay as they are).
TEXT = {
    "edition": ("格式版本", "edition"), "status": ("状态", "status"),
    "failed": ("{n} 项错误级核对未通过", "{n} failed error check(s)"),
    "fails": ("未通过 {check}", "fails {check}"), "page": ("第 {p} 页", "page {p}"),
    "kit_value": ("本工具的值", "kit's value"), "raw": ("印刷原文（raw）", "printed (raw)"),
    "read": ("本工具读到的（value_read）", "kit read"), "alt": ("另一读取器", "other reader"),
    "na_other": ("NA（另一单元格为 NA）", "NA (another cell is NA)"), "none": ("无", "none"),
    "implied": ("涉及的等式及各自推出的值：", "identities and the value each implies:"),
    "line": ("更正文件的行：", "corrections line:"),
    "unlocated": ("{n} 个单元格无法在页面或文件中定位", "{n} cells the kit could not place on the page or in the file"),
    "cell": ("单元格", "cell"), "why": ("原因", "why"), "printed": ("印刷", "printed"),
    "intro": ("{reports} 份报告中有 {cells} 个单元格待审核（有错误级核对未通过的报告在前）。对照原件核实数值后，把一行复制到 "
              "<code>data/corrections.csv</code>（表头 <code>{header}</code>），再运行提取：{command}。"
              "同样的行（数值留空）在 <code>{todo}</code> 中。",
              "{cells} cells to review in {reports} reports (failed error checks first). Copy a line into "
              "<code>data/corrections.csv</code> (header <code>{header}</code>) once you have checked the value "
              "against the source, then run the extraction again: {command}. The same lines, value empty, are "
              "in <code>{todo}</code>."),
    "title": ("待审核的单元格", "Cells to review"),
}


def _t(key: str, lang: str, **values) -> str:
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**values)


def _why(why: list[str], lang: str) -> str:
    return ", ".join(_t("fails", lang, check=w[len("fails "):]) if w.startswith("fails ") else w for w in why)


def _report_html(report: dict, missing: str, doubts: list[Doubt], lines: list[dict], lang: str = "en") -> str:
    e = html.escape
    failed = int(report.get("checks_failed") or 0)
    head = (f"<h2>{e(report['agency'] or report['source_file'])} {e(report['year'])}</h2>"
            f"<p class=meta>{e(report['source_file'])} · {e(report['format'])} · {_t('edition', lang)} "
            f"{e(report['edition'] or '?')} · {_t('status', lang)} {e(report['status'])} · {_t('failed', lang, n=failed)}"
            f" · sha256 <code>{e(report['sha256'])}</code></p>")
    if missing:
        head += f"<p class=warn>{e(missing)}</p>"
    rows, unlocated = [], []
    for d, line in zip(doubts, lines):
        c = d.cell
        if d.missing and not d.picture and not d.row_html and d.missing.startswith(NOT_LOCATED):
            unlocated.append(f"<tr><td><code>{e('.'.join(d.key))}</code></td><td>{e(_why(d.why, lang))}</td>"
                             f"<td>{e(c['raw'])}</td><td><code>{e(_csv_line(line))}</code></td></tr>")
            continue
        spec = codebook.any_edition_cell(*d.key)
        label = f"{spec.row_label_zh} · {spec.col_label_zh}" if spec else ""
        if d.picture:
            source = f'<img alt="{e(".".join(d.key))}" src="{d.picture}">'
        elif d.row_html:
            source = f"<div class=row>{d.row_html}</div>"
        else:
            source = f"<p class=warn>{e(d.missing)}</p>"
        implied = "".join(f"<li>{e(ch)}: {_t('na_other', lang) if v is None else e(str(v))}</li>"
                          for ch, v in d.implied) or f"<li>{_t('none', lang)}</li>"
        where = _t("page", lang, p=c["page"]) if c["page"] else ""
        rows.append(
            f"<div class=cell><h3><code>{e('.'.join(d.key))}</code> {e(label)}</h3>"
            f"<p>{e(_why(d.why, lang))} {e(where)}</p>{source}"
            f"<table><tr><th>{_t('kit_value', lang)}</th><td>{e(c['value'] or 'NA')}</td></tr>"
            f"<tr><th>{_t('raw', lang)}</th><td>{e(c['raw'])}</td></tr>"
            f"<tr><th>{_t('read', lang)}</th><td>{e(c.get('value_read', '') or 'NA')}</td></tr>"
            f"<tr><th>{_t('alt', lang)}</th><td>{e(c.get('alt', '') or '—')}</td></tr></table>"
            f"<p>{_t('implied', lang)}</p><ul>{implied}</ul>"
            f"<p>{_t('line', lang)}</p><pre>{e(_csv_line(line))}</pre></div>")
    if unlocated:
        rows.append(f"<h3>{_t('unlocated', lang, n=len(unlocated))}</h3>"
                    f"<table><tr><th>{_t('cell', lang)}</th><th>{_t('why', lang)}</th><th>{_t('printed', lang)}</th>"
                    f"<th>{_t('line', lang).rstrip('：:')}</th></tr>{''.join(unlocated)}</table>")
    return f"<section>{head}{''.join(rows)}</section>"


STYLE = """body{font-family:sans-serif;max-width:70em;margin:auto;padding:1em}
.cell{border:1px solid #ccc;margin:1em 0;padding:.5em}.cell img{max-width:100%;border:1px solid #999}
.warn{color:#a40}.meta{color:#555}pre{background:#f4f4f4;padding:.3em;white-space:pre-wrap}
mark{background:#fd6}th{text-align:left;padding-right:1em}.row{font-family:monospace}"""


def _intro(result: ReviewResult, lang: str = "en") -> str:
    header = html.escape(",".join(corr.COLUMNS + corr.OPTIONAL_COLUMNS))
    command = "<code>gkstudy extract data/raw --out data/processed --corrections data/corrections.csv</code>"
    return f"<p>{_t('intro', lang, cells=result.cells, reports=result.reports, header=header, command=command, todo=TODO_FILE)}</p>"


def _page_html(result: ReviewResult, lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang={'zh-Hans' if lang == 'zh' else 'en'}><head><meta charset=utf-8>"
            f"<title>gkstudy review</title></head><body><h1>{_t('title', lang)}</h1>{result.body}</body></html>\n")
