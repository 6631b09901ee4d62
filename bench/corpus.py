"""Distinct, internally consistent reports for the benchmark corpus (bench/bench_extract.py).

Every report gets its own numbers (drawn per file, then the totals recomputed so that the format's
identities hold: row totals, （七）总计 = Σ outcomes, 一+二 = 三(七)+四, table 四 row totals), its own
agency and year, and narrative paragraphs of a length drawn per file (so PDFs made from them run
from two to six pages). The table layouts, the official 2021 template with its merged cells and the
Word-exported HTML come from tests/builders.py, the fixture builders the test suite uses.
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

import builders  # noqa: E402  (tests/builders.py)

# Agencies whose places the gazetteer knows (province / city / county levels, departments, towns).
AGENCIES = (
    "淮安市淮阴区交通运输局", "高青县花沟镇人民政府", "南京市鼓楼区人民政府", "苏州市吴江区教育局",
    "杭州市西湖区卫生健康委员会", "宁波市鄞州区人民政府", "合肥市蜀山区市场监督管理局", "济南市历下区人民政府",
    "青岛市黄岛区自然资源局", "郑州市金水区人民政府", "武汉市洪山区人民政府", "长沙市岳麓区住房和城乡建设局",
    "成都市武侯区人民政府", "西安市雁塔区生态环境局", "昆明市五华区人民政府", "福州市鼓楼区民政局",
    "南昌市青山湖区人民政府", "石家庄市长安区人民政府", "太原市小店区人力资源和社会保障局", "沈阳市和平区人民政府",
    "哈尔滨市南岗区人民政府", "长春市朝阳区财政局", "南宁市青秀区人民政府", "贵阳市云岩区农业农村局",
    "兰州市城关区人民政府", "通河县浓河镇人民政府", "徐州市铜山区司法局", "无锡市滨湖区人民政府",
)

# Narrative filler, in the register of real reports; no digits and no table labels, so it adds
# pages and text-pass work without giving the mapper anything to mistake for a cell.
FILLER = (
    "我单位坚持以人民为中心的发展思想，把政务公开作为建设法治政府、服务型政府的重要抓手，统筹推进各项工作。",
    "严格落实公开属性源头认定机制，在公文拟制环节同步明确公开方式，做到应公开尽公开，依法保护个人隐私和商业秘密。",
    "围绕优化营商环境、乡村振兴、民生保障等重点领域，及时发布政策文件、办事指南和工作动态，回应社会关切。",
    "按照谁起草谁解读的原则，坚持政策文件与解读材料同步起草、同步审签、同步发布，丰富图表、视频等解读形式。",
    "加强政府网站和政务新媒体管理，落实内容审核和安全保障制度，定期开展自查整改，提升平台的权威性和服务能力。",
    "规范依申请公开办理流程，严格登记、审核、答复、归档各环节，确保答复内容准确、依据充分、程序合法。",
    "完善政务公开工作考核办法，将公开工作纳入年度绩效考核，强化督促检查，压实各科室和下属单位的工作责任。",
    "组织开展政务公开业务培训，邀请专家解读条例和有关规定，提高工作人员的业务水平和依法公开意识。",
    "推进基层政务公开标准化规范化建设，完善公开事项目录，在政务服务大厅设置政务公开专区，方便群众查阅。",
    "畅通政民互动渠道，通过留言板、热线电话、在线访谈等方式听取群众意见建议，及时办理并公开答复情况。",
    "加强政策文件的集中统一公开，对现行有效的规范性文件进行清理，在网站专栏集中展示并动态更新。",
    "严格执行保密审查制度，坚持先审查、后公开，一事一审，全面审查，杜绝泄密事件和不当公开的发生。",
)


def _draw(rng: random.Random, scale: float, zero_share: float, high: int) -> int:
    return 0 if rng.random() < zero_share else max(1, round(rng.randint(1, high) * scale))


def varied_values(edition: str, rng: random.Random) -> dict[tuple[str, str, str], int | float]:
    """A report's values: drawn per cell, totals recomputed, so every identity holds."""
    values: dict[tuple[str, str, str], int | float] = {}
    scale = rng.choice((0.3, 1, 1, 3, 10))  # townships to city-wide departments
    for (row, col), v in builders.T2_VALUES[edition].items():
        key = ("t2", row, col)
        if row == "art20_9.procurement" and col == "amount":
            values[key] = v  # builders prints this one from a constant ("1768.91万元"), so keep it
        elif isinstance(v, float):
            values[key] = round(rng.uniform(0.5, 3.0) * v * scale, 2)
        elif col == "change":
            values[key] = rng.randint(-5, 5)
        else:
            values[key] = max(0, round(v * rng.uniform(0.3, 2.0) * scale))
    outcomes = [r for r in builders.t3_rows(edition) if r not in ("received", "carried_in", "total", "carried_out")]
    base = builders.T3_COLS[:-1]
    col_scale = {"natural_person": 1.0, "commercial": 0.4, "research": 0.05, "nonprofit": 0.05, "legal": 0.1,
                 "other_org": 0.1}
    per_col = {c: 0 for c in base}
    for row in outcomes:
        for col in base:
            high = 200 if row == "granted" else (60 if row in ("partly_granted", "unavailable.not_held") else 8)
            v = _draw(rng, scale * col_scale[col], 0.45, high)
            values[("t3", row, col)] = v
            per_col[col] += v
    for col in base:
        carried_out = _draw(rng, scale * col_scale[col], 0.5, 10)
        carried_in = min(_draw(rng, scale * col_scale[col], 0.5, 10), per_col[col] + carried_out)
        values[("t3", "total", col)] = per_col[col]
        values[("t3", "carried_out", col)] = carried_out
        values[("t3", "carried_in", col)] = carried_in
        values[("t3", "received", col)] = per_col[col] + carried_out - carried_in  # 一+二 = 三(七)+四
    for row in ("received", "carried_in", *outcomes, "total", "carried_out"):
        values[("t3", row, "total")] = sum(values[("t3", row, c)] for c in base)
    for row in builders.T4_ROWS:
        parts = [_draw(rng, 1, 0.5, 6) for _ in range(4)]
        for col, v in zip(builders.T4_COLS, [*parts, sum(parts)]):
            values[("t4", row, col)] = v
    return values


def varied_meta(edition: str, rng: random.Random) -> builders.Meta:
    year = rng.choice((2019, 2020)) if edition == "2019" else rng.choice((2021, 2022, 2023, 2024))
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    return builders.Meta(rng.choice(AGENCIES), year, f"{year + 1}年{month}月{day}日", f"{year + 1}-{month:02d}-{day:02d}")


def _filler(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.sample(FILLER, rng.randint(2, 4))) for _ in range(n)]


def report_docx(edition: str, values: dict, meta: builders.Meta, rng: random.Random, extra_paragraphs: int,
                compact: bool = False) -> bytes:
    """A DOCX report (the 2021 template or a 2019 build) with every table ruled (Word's "Table
    Grid", as real reports print) and ``extra_paragraphs`` narrative paragraphs shared between
    sections 一 and 五. ``compact``: narrow margins and small type, the two-page reports."""
    import docx
    from docx.shared import Cm, Pt

    raw = builders.fill_template_2021(values, meta) if edition == "2021" else builders.build_docx_2019(values, meta)
    doc = docx.Document(io.BytesIO(raw))
    for table in doc.tables:
        _rule(table)
        if edition == "2019":
            _label_widths(table)
    heads = {p.text: p for p in doc.paragraphs if p.text in builders.SECTIONS}
    first = rng.randint(0, extra_paragraphs)
    for text in _filler(rng, first):
        heads[builders.SECTIONS[1]].insert_paragraph_before(text)
    for text in _filler(rng, extra_paragraphs - first):
        heads[builders.SECTIONS[5]].insert_paragraph_before(text)
    if compact:
        for section in doc.sections:
            section.left_margin = section.right_margin = Cm(1.5)
            section.top_margin = section.bottom_margin = Cm(1.2)
        for p in doc.paragraphs:
            _shrink(p, Pt(9))
        for table in _all_tables(doc.tables):
            for row in table.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        _shrink(p, Pt(7.5))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _all_tables(tables):
    for t in tables:
        yield t
        for row in t.rows:
            for cell in row.cells:
                yield from _all_tables(cell.tables)


def _rule(table) -> None:
    """Rule the data tables; a 1×1 frame holding a nested table (2019 build's 四) stays unruled,
    as builders' own ``ruled`` fixtures do."""
    for t in _all_tables([table]):
        if len(t.rows) == 1 and len(t.columns) == 1:
            continue
        if t.style is None or t.style.name != "Table Grid":
            try:
                t.style = "Table Grid"
            except KeyError:  # a template without the style: its tables carry their own borders
                return


def _label_widths(table) -> None:
    """python-docx gives every column the same width, which squeezes table 三's label columns
    to a character or two per line; give them the room a Word user would (2019 builds only)."""
    from docx.shared import Cm

    if len(table.columns) != 10:
        return
    widths = [Cm(1.2), Cm(2.0), Cm(4.0)] + [Cm(1.15)] * 7
    for col, width in zip(table.columns, widths):
        col.width = width
        for cell in col.cells:
            cell.width = width


def _shrink(paragraph, size) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = 0
    fmt.line_spacing = 1.0
    for run in paragraph.runs:
        run.font.size = size
