"""The PDF readers' own rules: cross-checking two readings, joining split rows, the Ascent-0 fonts."""

import io

import pytest

from gkstudy.readers.pdf.reader import DISAGREE, read_grids, tokens_of
from gkstudy.readers.pdf.crosscheck import cross_check
from gkstudy.readers.pdf.fonts import zero_ascent_pages
from gkstudy.readers.pdf.grid import PageGrid, cell_text, join_split_rows


def _grid(cells, page=1, x=0.0, y=0.0):
    boxes = [[(x + 50 * c, y + 20 * r, x + 50 * (c + 1), y + 20 * (r + 1)) if t is not None else None
              for c, t in enumerate(row)] for r, row in enumerate(cells)]
    return PageGrid(page=page, top=y, cells=cells, boxes=boxes)


def test_cell_text_keeps_numbers_apart():
    assert cell_text("结 果\n维持") == "结果维持"
    assert cell_text("１２３") == "123"
    assert cell_text("1 2") == "1 2"  # two numbers run together stay unreadable, never 12
    assert cell_text("129\n4") == "1294"  # a number wrapped inside its ruled cell


def test_digits_apart_are_unreadable_never_one_number():
    from gkstudy.core.values import parse_value

    assert parse_value("59 18").flag == "unreadable" and parse_value("59 18").value is None
    assert parse_value("12 件").value == 12


def test_readers_that_disagree_flag_the_cell_and_keep_both_readings():
    lead = [_grid([["规章", "18", "0"]])]
    other = [_grid([["规章", "16", "0"]])]
    found = cross_check(lead, other)
    assert [(d.row, d.col, d.other) for d in found] == [(0, 1, "16")]
    tokens = tokens_of(lead, [(found[0].grid, 0, 1, "16")])
    flagged = [t for t in tokens if t.flag]
    assert [(t.text, t.flag, t.alt) for t in flagged] == [("18", DISAGREE, "16")]


def test_a_number_only_one_reader_saw_is_a_disagreement():
    assert [d.other for d in cross_check([_grid([["规章", ""]])], [_grid([["规章", "7"]])])] == ["7"]


def test_agreeing_readers_and_other_pages_are_not_compared():
    lead = [_grid([["规章", "1,234"]])]
    assert cross_check(lead, [_grid([["规章", "1234"]])]) == []
    assert cross_check(lead, [_grid([["规章", "9"]], page=2)]) == []


def test_a_row_split_over_a_page_break_is_joined():
    a = _grid([["一、本年新收", "3", "4"], ["二、上年结", "", ""]], page=1)
    b = _grid([["转", "0", "0"], ["三、…", "1", "1"]], page=2)
    joined = join_split_rows([a, b])
    assert joined[0].cells[-1] == ["二、上年结转", "0", "0"]
    assert joined[1].cells == [["三、…", "1", "1"]]


def test_whole_rows_at_a_page_break_stay_apart():
    a = _grid([["(四)无", "1.本机关不掌握", "746"]], page=1)
    b = _grid([["法提供", "2.没有现成信息", "11"]], page=2)
    assert [len(g.cells) for g in join_split_rows([a, b])] == [1, 1]


def _zero_ascent_table_pdf() -> bytes:
    """A ruled CJK table whose font descriptor says Ascent 0 / Descent 0, as LibreOffice writes."""
    pytest.importorskip("reportlab")
    pypdf = pytest.importorskip("pypdf")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "3", "1", "12"], ["行政规范性文件", "8", "0", "40"]]
    table = Table(rows, colWidths=120, rowHeights=30)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 11),
                               ("GRID", (0, 0), (-1, -1), 0.8, colors.black)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([table])
    reader = pypdf.PdfReader(io.BytesIO(buf.getvalue()))
    writer = pypdf.PdfWriter(clone_from=reader)
    patched = 0
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for f in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
                desc = f.get("/FontDescriptor")
                if desc is not None:
                    desc = desc.get_object()
                    desc[pypdf.generic.NameObject("/Ascent")] = pypdf.generic.NumberObject(0)
                    desc[pypdf.generic.NameObject("/Descent")] = pypdf.generic.NumberObject(0)
                    patched += 1
    assert patched, "reportlab wrote no font descriptor to patch"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_ascent_zero_fonts_never_move_labels_to_another_row():
    """The pages are detected and pdfplumber's grid leads there. (This reportlab file uses a
    non-embedded CID font, on which camelot happens not to shift; the shift itself is exercised
    by the LibreOffice-written PDFs in test_pdf_libreoffice.py.)"""
    data = _zero_ascent_table_pdf()
    assert zero_ascent_pages(data, [1]) == {1}
    reading, _notes = read_grids(data, [1], {1: 842.0})
    rows = {}
    for g in reading.grids:
        for row in g.cells:
            texts = [t for t in row if t]
            if texts:
                rows[texts[0]] = texts[1:]
    assert rows["规章"] == ["3", "1", "12"]
    assert rows["行政规范性文件"] == ["8", "0", "40"]


def _overflowing_number_pdf() -> bytes:
    """A ruled table whose number 4321 is printed across the rule into the next cell, as text too
    wide for its column is in spreadsheet exports."""
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    xs, ys = [50, 200, 260, 320, 380], [700, 680, 660, 640]
    for x in xs:
        c.line(x, ys[-1], x, ys[0])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    c.setFont("STSong-Light", 11)
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "3", "1", "12"], ["行政规范性文件", "8", "0", ""]]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 3, ys[r] - 14, text)
    c.drawString(xs[3] - 8, ys[2] - 14, "4321")
    c.save()
    return buf.getvalue()


def test_readers_that_split_a_number_differently_flag_the_cells():
    """camelot gives the overflowing text to one cell, pdfplumber cuts it at the rule: neither
    reading is picked, the cells are flagged and the other reading kept."""
    reading, notes = read_grids(_overflowing_number_pdf(), [1], {1: 842.0})
    tokens = tokens_of(reading.grids, reading.disagreements)
    flagged = {(t.row, t.col): (t.text, t.alt) for t in tokens if t.flag == DISAGREE}
    assert flagged, notes
    assert any("PDF readers disagree" in n for n in notes)
    assert {r for r, _ in flagged} == {2}  # only the row with the overflowing number
    assert all(text != alt for text, alt in flagged.values())
    unflagged = {(t.row, t.col): t.text for t in tokens if t.flag != DISAGREE}
    assert unflagged[(1, 1)] == "3" and unflagged[(1, 3)] == "12"


def test_table_pages_skip_pages_that_only_mention_table_words():
    from gkstudy.readers.pdf.text import table_pages

    texts = ["一、总体情况 办理行政复议案件 2 件",  # narrative naming 行政复议 before the tables
             "第二十条第（一）项\n规章 2 1 15",
             "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n结转下年度继续办理 0 0 0 0 0 0 0",
             "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题",  # t4's row continued on bare numbers
             "下一步做好不予公开答复的说明理由。\n2024 年 1 月 20 日"]  # 不予公开 in prose, a date
    assert table_pages(texts) == [2, 3, 4]


def test_table_pages_keep_a_lone_anchor_page():
    from gkstudy.readers.pdf.text import table_pages

    assert table_pages(["前言", "三、收到和处理政府信息公开申请情况 本年新收 申请人情况"]) == [2]
    assert table_pages(["没有表格的报告"]) == []


def test_a_header_row_and_the_data_row_on_the_next_page_stay_two_rows():
    """Table 四's header ends page 1 and its one data row starts page 2: not one row broken in two."""
    a = _grid([["结果维持", "结果纠正", "总计"]], page=1)
    b = _grid([["1", "2", "3"]], page=2)
    assert [g.cells for g in join_split_rows([a, b])] == [[["结果维持", "结果纠正", "总计"]], [["1", "2", "3"]]]


def test_a_table_only_one_reader_found_is_still_read():
    """A one-row remnant of a table broken over a page: if one reader keeps it, it is read."""
    from gkstudy.readers.pdf import reader as pdf_reader

    lead = _grid([["一、本年新收", "3"]], page=1)
    remnant = _grid([["5", "2", "0", "7"]], page=2)
    assert not pdf_reader._same_table(remnant, lead)
    assert pdf_reader._same_table(lead, _grid([["一、本年新收", "3"]], page=1))


def test_a_title_row_merged_across_the_next_page_is_not_joined_to_the_last_row():
    a = _grid([["规章", "1", "3"], ["规范性文件", "9", "14"]], page=1)
    b = _grid([["第二十条第(五)项", None, None], ["信息内容", "上一年项目数量", "本年增/减"]], page=2)
    assert [len(g.cells) for g in join_split_rows([a, b])] == [2, 2]


def test_numbers_wrapped_in_their_cells_and_cut_by_the_page_break_are_joined():
    """1153 printed 115 on one page and 3 on the next, the two pages' grids with other columns."""
    a = _grid([["一、本年新收", "915", "99", "115"]], page=1)
    b = _grid([["", "", "", "", "3"], ["二、上年结转", None, None, "0", "1"]], page=2, x=-50)
    joined = join_split_rows([a, b])
    assert joined[0].cells == [["一、本年新收", "915", "99", "1153"]]
    assert joined[1].cells == [["二、上年结转", None, None, "0", "1"]]


def test_a_row_of_its_own_on_the_next_page_is_not_a_wrapped_tail():
    a = _grid([["一、本年新收", "915", "99", "115"]], page=1)
    for first in (["二、上年结转", "1", "0", "3"], ["", "4", "5", "3"]):
        assert [len(g.cells) for g in join_split_rows([a, _grid([first], page=2)])] == [1, 1], first
