"""Reports laid out otherwise than the format's six numbered sections, as some bodies publish them:
narrative sections of their own, the three tables in an appendix numbered 一/二/三, an extra
table (staff and training figures) among them, and the title only in a cover image, so the year
and body are named only in the opening paragraph (and, optionally, the signature)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from builders import known_values  # noqa: E402
from builders import META_2019, META_2021, Meta, _add_layout_table, _docx_bytes, t2_layout, t3_layout, t4_layout
from builders import Cell

META = {"2021": META_2021, "2019": META_2019}
OWN_SECTIONS = ("一、基本情况", "二、主要做法和成效", "三、存在的主要问题及改进情况", "四、其他需要报告的事项")
APPENDIX = ("一、主动公开政府信息情况", "二、收到和处理政府信息公开申请情况", "三、政府信息公开行政复议、行政诉讼情况")
EXTRA_HEADING = "四、政府信息公开工作机构和人员情况"


def extra_table() -> list[list[Cell]]:
    """A table the format does not have: staff and training figures."""
    return [[Cell("专职人员数", header=True), Cell("兼职人员数", header=True), Cell("培训次数", header=True),
             Cell("培训人次", header=True)], [Cell("3"), Cell("7"), Cell("4"), Cell("126")]]


def opening(meta: Meta) -> str:
    return (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由{meta.agency}编制。"
            f"本报告中所列数据的统计期限自{meta.year}年1月1日起至{meta.year}年12月31日止。")


def cover_png() -> bytes:
    """A cover picture (its words are pixels, not text)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (320, 120), "white")
    ImageDraw.Draw(img).rectangle((10, 10, 310, 110), outline="red", width=4)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def build_appendix_docx(edition: str, values: dict, signature: bool = False, extra_between: bool = True) -> bytes:
    import docx

    meta = META[edition]
    doc = docx.Document()
    doc.add_picture(io.BytesIO(cover_png()))
    doc.add_paragraph(opening(meta))
    for heading in OWN_SECTIONS:
        doc.add_paragraph(heading)
        doc.add_paragraph("今年以来，我单位持续深化政务公开，公开内容更加全面。")
    doc.add_paragraph("附件：政府信息公开情况统计表")
    doc.add_paragraph(APPENDIX[0])
    _add_layout_table(doc, t2_layout(edition, values), ruled=True)
    if extra_between:
        doc.add_paragraph("（附）政府信息公开工作培训情况")
        _add_layout_table(doc, extra_table(), ruled=True)
    doc.add_paragraph(APPENDIX[1])
    _add_layout_table(doc, t3_layout(edition, values), ruled=True)
    doc.add_paragraph(APPENDIX[2])
    _add_layout_table(doc, t4_layout(values), ruled=True)
    doc.add_paragraph(EXTRA_HEADING)
    _add_layout_table(doc, extra_table(), ruled=True)
    if signature:
        doc.add_paragraph(meta.agency)
    doc.add_paragraph(meta.published)
    return _docx_bytes(doc)


# ---- compilations (汇编): many bodies' reports in one file ----

from builders import SECTIONS, narrative  # noqa: E402

COMPILATION = (("2021", Meta("淮安市淮阴区交通运输局", 2023, "2024年1月18日", "2024-01-18")),
               ("2019", Meta("高青县花沟镇人民政府", 2020, "2021年1月26日", "2021-01-26")),
               ("2021", Meta("淮安市淮阴区财政局", 2023, "2024年1月25日", "2024-01-25")))


def build_compilation_docx(reports=COMPILATION, values_of=None, drop_t3_of: int | None = None) -> bytes:
    """A county's 汇编: a title page and a table of contents naming every report, then each report
    in full (title, the six sections with their tables, signature and date). ``drop_t3_of`` leaves
    out the table 三 of that report (0-based)."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("淮阴区2023年度政府信息公开工作年度报告汇编")
    doc.add_paragraph("目录")
    for _edition, meta in reports:
        doc.add_paragraph(f"{meta.agency}{meta.year}年政府信息公开工作年度报告")
    for k, (edition, meta) in enumerate(reports):
        values = values_of(edition) if values_of else None
        doc.add_paragraph(f"{meta.agency}{meta.year}年政府信息公开工作年度报告")
        doc.add_paragraph("本报告根据《中华人民共和国政府信息公开条例》编制。")
        tables = {SECTIONS[1]: t2_layout(edition, values), SECTIONS[3]: t4_layout(values)}
        if k != drop_t3_of:
            tables[SECTIONS[2]] = t3_layout(edition, values)
        paragraphs = narrative(meta, values)
        for heading in SECTIONS:
            for text in [heading, *paragraphs.get(heading, [])]:
                doc.add_paragraph(text)
            if heading in tables:
                _add_layout_table(doc, tables[heading], ruled=True)
        doc.add_paragraph(meta.agency)
        doc.add_paragraph(meta.published)
    return _docx_bytes(doc)


# The DOCX files are committed (python-docx takes seconds to merge cells); remade by running this file.
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
FILES = {
    "appendix_2021.docx": lambda: build_appendix_docx("2021", known_values("2021")),
    "appendix_2019.docx": lambda: build_appendix_docx("2019", known_values("2019")),
    "compilation.docx": lambda: build_compilation_docx(values_of=known_values),
    "compilation_no_t3.docx": lambda: build_compilation_docx(COMPILATION[:2], values_of=known_values, drop_t3_of=1),
}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


if __name__ == "__main__":
    for name, make in FILES.items():
        (FIXTURES / name).write_bytes(make())
        print("wrote", FIXTURES / name)
