"""Build DOCX and HTML report fixtures with known numbers, in the layouts real reports use.

The numbers are non-zero where the format allows, varied (so a value in the wrong cell shows)
and consistent with the format's identities (row totals, outcome sums, 一+二 = 三(七)+四).
Table layouts are written as HTML-style rows of cells with row/col spans; the same layout
renders to HTML and to a python-docx table with real merges.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from gkstudy.core import codebook

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEMPLATE_2021 = FIXTURES / "template_2021_blank.docx"

T3_COLS = ("natural_person", "commercial", "research", "nonprofit", "legal", "other_org", "total")
T4_COLS = ("upheld", "corrected", "other", "pending", "total")
T4_ROWS = ("review", "suit_direct", "suit_after_review")

# Row labels as printed in real reports (not the codebook's short forms).
T3_GROUPS = [
    ("（一）予以公开", [("granted", None)]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [("partly_granted", None)]),
    ("（三）不予公开", [
        ("denied.state_secret", "1.属于国家秘密"), ("denied.law_prohibited", "2.其他法律行政法规禁止公开"),
        ("denied.security_stability", "3.危及“三安全一稳定”"), ("denied.third_party", "4.保护第三方合法权益"),
        ("denied.internal_affairs", "5.属于三类内部事务信息"), ("denied.process_info", "6.属于四类过程性信息"),
        ("denied.enforcement_file", "7.属于行政执法案卷"), ("denied.inquiry", "8.属于行政查询事项")]),
    ("（四）无法提供", [
        ("unavailable.not_held", "1.本机关不掌握相关政府信息"), ("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
        ("unavailable.unclear", "3.补正后申请内容仍不明确")]),
    ("（五）不予处理", [
        ("not_processed.petition", "1.信访举报投诉类申请"), ("not_processed.duplicate", "2.重复申请"),
        ("not_processed.publication", "3.要求提供公开出版物"), ("not_processed.vexatious", "4.无正当理由大量反复申请"),
        ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息")]),
]
T3_OTHER_2021 = ("（六）其他处理", [
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他")])
T3_OTHER_2019 = ("（六）其他处理", [("other", None)])
T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_ORG = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")

# t2 blocks: numeral, [(row code, printed label)], [(col code, printed header)].
T2_BLOCKS = {
    "2021": [
        ("一", [("art20_1.regulations", "规章"), ("art20_1.normative_docs", "行政规范性文件")],
         [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")]),
        ("五", [("art20_5.licensing", "行政许可")], [("decisions", "本年处理决定数量")]),
        ("六", [("art20_6.penalty", "行政处罚"), ("art20_6.coercion", "行政强制")], [("decisions", "本年处理决定数量")]),
        ("八", [("art20_8.fees", "行政事业性收费")], [("amount", "本年收费金额（单位：万元）")]),
    ],
    "2019": [
        ("一", [("art20_1.regulations", "规章"), ("art20_1.normative_docs", "规范性文件")],
         [("new_made", "本年新制作数量"), ("new_published", "本年新公开数量"), ("total_published", "对外公开总数量")]),
        ("五", [("art20_5.licensing", "行政许可"), ("art20_5.other_services", "其他对外管理服务事项")],
         [("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]),
        ("六", [("art20_6.penalty", "行政处罚"), ("art20_6.coercion", "行政强制")],
         [("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]),
        ("八", [("art20_8.fees", "行政事业性收费")], [("prev_items", "上一年项目数量"), ("change", "本年增/减")]),
        ("九", [("art20_9.procurement", "政府集中采购")], [("projects", "采购项目数量"), ("amount", "采购总金额")]),
    ],
}

T2_VALUES = {
    "2021": {("art20_1.regulations", "issued"): 2, ("art20_1.regulations", "repealed"): 1,
             ("art20_1.regulations", "in_force"): 15, ("art20_1.normative_docs", "issued"): 12,
             ("art20_1.normative_docs", "repealed"): 4, ("art20_1.normative_docs", "in_force"): 87,
             ("art20_5.licensing", "decisions"): 1534, ("art20_6.penalty", "decisions"): 286,
             ("art20_6.coercion", "decisions"): 19, ("art20_8.fees", "amount"): 96.37},
    "2019": {("art20_1.regulations", "new_made"): 3, ("art20_1.regulations", "new_published"): 2,
             ("art20_1.regulations", "total_published"): 21, ("art20_1.normative_docs", "new_made"): 14,
             ("art20_1.normative_docs", "new_published"): 13, ("art20_1.normative_docs", "total_published"): 95,
             ("art20_5.licensing", "prev_items"): 48, ("art20_5.licensing", "change"): -3,
             ("art20_5.licensing", "decisions"): 1207, ("art20_5.other_services", "prev_items"): 12,
             ("art20_5.other_services", "change"): 2, ("art20_5.other_services", "decisions"): 330,
             ("art20_6.penalty", "prev_items"): 31, ("art20_6.penalty", "change"): 5,
             ("art20_6.penalty", "decisions"): 412, ("art20_6.coercion", "prev_items"): 7,
             ("art20_6.coercion", "change"): 1, ("art20_6.coercion", "decisions"): 9,
             ("art20_8.fees", "prev_items"): 6, ("art20_8.fees", "change"): -1,
             ("art20_9.procurement", "projects"): 25, ("art20_9.procurement", "amount"): 1768.91},
}
# How a value is printed where it is not a plain number (2019 amounts carry their unit).
T2_PRINTED = {"2019": {("art20_9.procurement", "amount"): "1768.91万元"}}


def t3_rows(edition: str) -> list[str]:
    return list(codebook.rows(edition, "t3"))


def known_values(edition: str) -> dict[tuple[str, str, str], int | float]:
    """Every canonical cell's value for a fixture of ``edition``."""
    values: dict[tuple[str, str, str], int | float] = {}
    for (row, col), v in T2_VALUES[edition].items():
        values[("t2", row, col)] = v
    outcomes = [r for r in t3_rows(edition) if r not in ("received", "carried_in", "total", "carried_out")]
    base = T3_COLS[:-1]
    per_col = {c: 0 for c in base}
    for i, row in enumerate(outcomes):
        for j, col in enumerate(base):
            v = 1 + (i * 5 + j * 3) % 9
            if row == "granted":
                v *= 23
            values[("t3", row, col)] = v
            per_col[col] += v
    for j, col in enumerate(base):
        carried_out, carried_in = 2 + j, 1 + (j * 2) % 5
        values[("t3", "total", col)] = per_col[col]
        values[("t3", "carried_out", col)] = carried_out
        values[("t3", "carried_in", col)] = carried_in
        values[("t3", "received", col)] = per_col[col] + carried_out - carried_in
    for row in ("received", "carried_in", *outcomes, "total", "carried_out"):
        values[("t3", row, "total")] = sum(values[("t3", row, c)] for c in base)
    for b, row in enumerate(T4_ROWS):
        parts = [1 + (b * 4 + k) % 5 for k in range(4)]
        for col, v in zip(T4_COLS, [*parts, sum(parts)]):
            values[("t4", row, col)] = v
    return values


def printed(edition: str, values: dict, key: tuple[str, str, str]) -> str:
    special = T2_PRINTED.get(edition, {}).get(key[1:]) if key[0] == "t2" else None
    return special or str(values[key])


# ---- layouts: rows of Cell, HTML style (a cell covered by a span is simply absent) ----

@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


def t2_layout(edition: str, values: dict) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for numeral, block_rows, cols in T2_BLOCKS[edition]:
        spans = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[len(cols)]
        rows.append([Cell(f"第二十条第（{numeral}）项", colspan=4, header=True)])
        rows.append([Cell("信息内容", header=True)] + [Cell(lab, colspan=s, header=True) for (_, lab), s in zip(cols, spans)])
        for code, lab in block_rows:
            rows.append([Cell(lab)] + [Cell(printed(edition, values, ("t2", code, c)), colspan=s)
                                       for (c, _), s in zip(cols, spans)])
    return rows


def t3_layout(edition: str, values: dict) -> list[list[Cell]]:
    def vals(row):
        return [Cell(str(values[("t3", row, c)])) for c in T3_COLS]

    groups = T3_GROUPS + [T3_OTHER_2021 if edition == "2021" else T3_OTHER_2019, ("（七）总计", [("total", None)])]
    n_results = sum(len(subs) for _, subs in groups)
    rows = [
        [Cell(T3_CORNER, rowspan=3, colspan=3, header=True), Cell("申请人情况", colspan=7, header=True)],
        [Cell("自然人", rowspan=2, header=True), Cell("法人或其他组织", colspan=5, header=True),
         Cell("总计", rowspan=2, header=True)],
        [Cell(x, header=True) for x in T3_ORG],
        [Cell("一、本年新收政府信息公开申请数量", colspan=3)] + vals("received"),
        [Cell("二、上年结转政府信息公开申请数量", colspan=3)] + vals("carried_in"),
    ]
    first = True
    for group, subs in groups:
        for k, (code, sub) in enumerate(subs):
            row = [Cell("三、本年度办理结果", rowspan=n_results)] if first else []
            first = False
            if sub is None:
                row.append(Cell(group, colspan=2))
            else:
                if k == 0:
                    row.append(Cell(group, rowspan=len(subs)))
                row.append(Cell(sub))
            rows.append(row + vals(code))
    rows.append([Cell("四、结转下年度继续办理", colspan=3)] + vals("carried_out"))
    return rows


def t4_layout(values: dict) -> list[list[Cell]]:
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        [Cell("行政复议", colspan=5, header=True), Cell("行政诉讼", colspan=10, header=True)],
        [Cell(x, rowspan=2, header=True) for x in leaves]
        + [Cell("未经复议直接起诉", colspan=5, header=True), Cell("复议后起诉", colspan=5, header=True)],
        [Cell(x, header=True) for x in leaves * 2],
        [Cell(str(values[("t4", r, c)])) for r in T4_ROWS for c in T4_COLS],
    ]


def place(layout: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """(row, grid column, cell) for each cell, resolving spans the way browsers do."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(layout):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out


# ---- report text ----

@dataclass(frozen=True)
class Meta:
    agency: str
    year: int
    published: str  # as printed, e.g. 2024年1月18日
    iso: str  # the same date as YYYY-MM-DD


META_2021 = Meta("淮安市淮阴区交通运输局", 2023, "2024年1月18日", "2024-01-18")
META_2019 = Meta("高青县花沟镇人民政府", 2020, "2021年1月26日", "2021-01-26")

SECTIONS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


def narrative(meta: Meta, values: dict) -> dict[str, list[str]]:
    """Paragraphs after each section heading (sections with tables get their table after them)."""
    received = values[("t3", "received", "total")]
    return {
        SECTIONS[0]: [f"{meta.year}年，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请"
                      f"{received}件，均在法定期限内答复。",
                      "本报告中所列数据的统计期限自当年1月1日起至12月31日止。"],
        SECTIONS[4]: ["一是公开内容的全面性有待加强；二是政策解读形式较为单一。下一步将加强培训、完善制度。"],
        SECTIONS[5]: ["本年度未收取信息处理费。"],
    }


# ---- DOCX ----

def _docx_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def fill_template_2021(values: dict, meta: Meta = META_2021) -> bytes:
    """The official blank 2021 template with title, narrative and every table cell filled in."""
    import docx

    doc = docx.Document(str(TEMPLATE_2021))
    texts = narrative(meta, values)
    paragraphs = doc.paragraphs
    for k, p in enumerate(paragraphs):
        if p.text == "政府信息公开工作年度报告格式模板":
            p.runs[0].text = f"{meta.agency}{meta.year}年政府信息公开工作年度报告"
        elif p.text.startswith("（文字描述"):
            heading = next(q.text for q in reversed(paragraphs[:k]) if q.text in SECTIONS)
            p.runs[0].text = "".join(texts[heading])
            for extra in p.runs[1:]:
                extra.text = ""
    doc.add_paragraph(meta.agency)
    doc.add_paragraph(meta.published)
    t2, t3, t4 = doc.tables
    _fill_by_layout(t2, t2_layout("2021", values))
    _fill_by_layout(t3, t3_layout("2021", values))
    _fill_by_layout(t4, t4_layout(values))
    return _docx_bytes(doc)


def without_borders(docx_bytes: bytes) -> bytes:
    """The same Word file with every table and cell border switched off (an unruled table)."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename in ("word/document.xml", "word/styles.xml"):
                data = re.sub(rb'(<w:(?:top|left|bottom|right|insideH|insideV|start|end)\b[^>]*w:val=")[a-z]+(")',
                              rb"\1nil\2", data)
            dst.writestr(item, data)
    return out.getvalue()


def _fill_by_layout(table, layout: list[list[Cell]]) -> None:
    """Write the data cells (non-header, non-label) of ``layout`` into the template's table."""
    for r, c, cell in place(layout):
        if cell.header or not _is_number(cell.text):
            continue
        _set_text(table.cell(r, c), cell.text)


def _is_number(text: str) -> bool:
    return text.lstrip("-").replace(".", "", 1).replace("万元", "").isdigit()


def _set_text(cell, text: str) -> None:
    p = cell.paragraphs[0]
    for run in p.runs:
        run.text = ""
    if p.runs:
        p.runs[0].text = text
    else:
        p.add_run(text)


def build_docx_2019(values: dict, meta: Meta = META_2019, ruled: bool = False) -> bytes:
    """A 2019-edition report built from scratch: merged cells throughout, t4 nested in a frame table.
    ``ruled`` draws every cell border (Word's "Table Grid" style); without it the tables have none."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(f"{meta.agency}{meta.year}年政府信息公开工作年度报告")
    texts = narrative(meta, values)
    for heading in SECTIONS:
        doc.add_paragraph(heading)
        for para in texts.get(heading, []):
            doc.add_paragraph(para)
        if heading == SECTIONS[1]:
            _add_layout_table(doc, t2_layout("2019", values), ruled)
        elif heading == SECTIONS[2]:
            _add_layout_table(doc, t3_layout("2019", values), ruled)
        elif heading == SECTIONS[3]:
            frame = doc.add_table(rows=1, cols=1)
            holder = frame.cell(0, 0)
            holder.paragraphs[0].text = "（单位：件）"
            _add_layout_table(holder, t4_layout(values), ruled)
    doc.add_paragraph(meta.agency)
    doc.add_paragraph(meta.published)
    return _docx_bytes(doc)


def _add_layout_table(parent, layout: list[list[Cell]], ruled: bool = False) -> None:
    placed = place(layout)
    n_rows = max(r + cell.rowspan for r, _, cell in placed)
    n_cols = max(c + cell.colspan for _, c, cell in placed)
    table = parent.add_table(rows=n_rows, cols=n_cols)
    if ruled:
        table.style = "Table Grid"
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        # Header words broken over two paragraphs, as Word users type them (商业 / 企业).
        if cell.header and len(cell.text) == 4:
            target.paragraphs[0].text = cell.text[:2]
            target.add_paragraph(cell.text[2:])
        else:
            target.paragraphs[0].text = cell.text


# ---- HTML ----

WORD_TD = ("style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;"
           "padding:0cm 5.4pt 0cm 5.4pt'")


def _word_cell(cell: Cell) -> str:
    """A cell the way Word's "save as web page" writes it: paragraphs and spans, header words split."""
    attrs = [WORD_TD, "valign=middle"]
    if cell.rowspan > 1:
        attrs.append(f"rowspan={cell.rowspan}")
    if cell.colspan > 1:
        attrs.append(f"colspan={cell.colspan}")
    span = "<span style='font-size:10.0pt;font-family:宋体;mso-bidi-font-family:宋体'>{}</span>"
    if cell.header and len(cell.text) == 4:
        body = "".join(f"<p class=MsoNormal align=center>{span.format(part)}</p>" for part in (cell.text[:2], cell.text[2:]))
    elif len(cell.text) > 12:  # long labels wrap in the HTML source, as Word writes them
        body = f"<p class=MsoNormal>{span.format(cell.text[:10])}\n{span.format(cell.text[10:])}</p>"
    elif cell.text.isdigit() and len(cell.text) > 2:  # Word splits runs inside numbers
        body = f"<p class=MsoNormal align=center><span lang=EN-US>{cell.text[:2]}</span><span lang=EN-US>{cell.text[2:]}</span></p>"
    else:
        body = f"<p class=MsoNormal align=center>{span.format(cell.text or '&nbsp;')}<o:p></o:p></p>"
    return f"<td {' '.join(attrs)}>{body}</td>"


def _word_table(layout: list[list[Cell]]) -> str:
    rows = "\n".join("<tr style='height:20.0pt'>" + "".join(_word_cell(c) for c in row) + "</tr>" for row in layout)
    return (f"<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
            f"style='border-collapse:collapse;mso-yfti-tbllook:1184'>\n{rows}\n</table>")


def report_html(edition: str, values: dict, meta: Meta, charset_meta: str, posted: str) -> str:
    """A report page as saved from a government site: chrome around a Word-exported report body."""
    texts = narrative(meta, values)
    title = f"{meta.agency}{meta.year}年政府信息公开工作年度报告"
    body = []
    for heading in SECTIONS:
        body.append(f"<p class=MsoNormal style='text-indent:32.0pt'><b><span style='font-family:黑体'>{heading}</span></b></p>")
        body += [f"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>{t}</span></p>"
                 for t in texts.get(heading, [])]
        if heading == SECTIONS[1]:
            body.append(_word_table(t2_layout(edition, values)))
        elif heading == SECTIONS[2]:
            body.append(_word_table(t3_layout(edition, values)))
        elif heading == SECTIONS[3]:
            body.append(_word_table(t4_layout(values)))
    body.append(f"<p class=MsoNormal align=right>{meta.agency}</p><p class=MsoNormal align=right>{meta.published}</p>")
    decoy = "一、本年新收政府信息公开申请数量\\t999\\t999"
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">
<title>{title}_{meta.agency}</title>
<style>p.MsoNormal {{margin:0cm;font-size:10.5pt}} .nav li {{float:left}}</style>
<script type="text/javascript">var stats = "{decoy}"; document.write("第二十条第（一）项");</script>
</head><body>
<div class="top-header"><div class="logo">{meta.agency}</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="location">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年度报告</div>
<div class="main"><div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：{posted}　来源：{meta.agency}　【字体：大 中 小】</div>
<div class="article-content"><div class=WordSection1 style='layout-grid:15.6pt'>
{chr(10).join(body)}
</div></div>
<div class="bdshare">分享到：<a>微信</a><a>微博</a></div>
<div class="print-close">【打印本页】【关闭窗口】</div>
</div>
<div class="related"><h3>相关链接</h3><ul><li>{meta.agency}{meta.year - 1}年政府信息公开工作年度报告</li></ul></div>
</div>
<div class="footer"><p>版权所有：{meta.agency}　主办单位：{meta.agency}办公室</p><p>网站标识码：3208040001　苏ICP备05008888号</p>
<table><tr><td>联系我们</td><td>网站地图</td></tr></table></div>
</body></html>
"""
