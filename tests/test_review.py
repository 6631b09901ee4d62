"""Issue 16: the review page — every NA or doubtful cell beside a picture of its source (real PDF)
or its row's text (TXT), the identities with the value each implies, a ready corrections line."""

from __future__ import annotations

import base64
import csv
import re
import shutil

import pytest

from conftest import HUIAN_TXT, ROOT, read_csv, with_readings
from gkstudy.batch.runner import extract_to_dir
from gkstudy.cli import main
from gkstudy.study.review import TODO_FILE, write_review

PDF = ROOT / "tests" / "pdfs" / "淮安市洪泽区人民政府_2023.pdf"  # the same bytes as the sample
PDF_2024 = ROOT / "tests" / "pdfs" / "淮安市洪泽区人民政府_2024.pdf"
TXT = HUIAN_TXT


@pytest.fixture(scope="module")
def processed(tmp_path_factory, hongze_read):
    """The real 洪泽区 2023 PDF and a text report, extracted (from the session's cache), then reviewed."""
    base = tmp_path_factory.mktemp("review")
    (base / "in").mkdir()
    for src in (TXT, PDF, PDF_2024):
        shutil.copy(src, base / "in" / src.name)
    extract_to_dir([base / "in"], with_readings(hongze_read, base / "out"), jobs=1, progress=False)
    result = write_review(base / "out")
    return base, result, result.page.read_text(encoding="utf-8")


def _images(page: str) -> dict[str, bytes]:
    return {alt: base64.b64decode(data) for alt, data in
            re.findall(r'<img alt="([^"]*)" src="data:image/png;base64,([^"]*)"', page)}


def test_every_located_doubtful_pdf_cell_has_a_picture(processed):
    base, result, page = processed
    cells = read_csv(base / "out" / "cells.csv")
    pdfs = {r["report_id"] for r in read_csv(base / "out" / "reports.csv") if r["format"] == "pdf"}
    assert len(pdfs) == 2
    images = _images(page)
    failing = {f"t4.{row}.{col}" for row in ("review", "suit_after_review")
               for col in ("upheld", "corrected", "other", "pending", "total")}
    assert failing <= set(images)  # the cells of 2023's broken 表四 row totals
    located = [c for c in cells if c["report_id"] in pdfs and c["x0"] and (c["flag"] or c["value"] == "")]
    assert len(located) >= 14  # 2023 and 2024 print the single （六）其他处理 row: flagged in both
    assert sum(1 for alt in re.findall(r'<img alt="([^"]*)"', page) if alt.startswith("t3.other.")) == \
        sum(1 for c in located if c["row"] == "other")  # one picture for each, in each report
    assert result.pictures == len(re.findall(r"<img ", page)) == len(failing) + len(located)
    assert all(png.startswith(b"\x89PNG") and len(png) > 2000 for png in images.values())


def test_the_ready_line_carries_the_value_the_identity_implies(processed):
    _base, _result, page = processed
    assert ("94a211353fb046b7c869cbb236078deb4d1f7085bd0c2b0dbf85051ec831698c,t4,review,total,11,"
            "value implied by t4_row_total,,,淮安市洪泽区人民政府_2023.pdf") in page
    assert "t4_row_total: 11" in page  # the identity and the value it implies


def test_reports_with_failed_error_checks_come_first_and_text_rows_are_marked(processed):
    _base, _result, page = processed
    assert page.index("淮安市洪泽区人民政府 2023") < page.index("呼兰区白奎镇 2021")
    assert "<div class=row>" in page and "<mark>" in page  # the TXT report's rows


def test_the_page_is_self_contained_and_the_todo_file_has_the_same_lines(processed):
    base, result, page = processed
    assert not re.search(r"(src|href)=\"(https?:|//)", page) and "<script" not in page
    todo = read_csv(result.todo)
    assert len(todo) == result.cells and all(r["value"] == "" for r in todo)
    assert {r["sha256"] for r in todo} == {r["sha256"] for r in read_csv(base / "out" / "reports.csv")
                                          if r["checks_failed"] not in ("", "0") or r["cells_na"] != "0"
                                          or r["cells_flagged"] != "0"}


def test_text_is_escaped_and_a_missing_or_changed_source_is_said(processed, tmp_path):
    base, _result, _page = processed
    out = tmp_path / "out"
    shutil.copytree(base / "out", out, ignore=shutil.ignore_patterns(".cache"))
    reports = read_csv(out / "reports.csv")
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(PDF.read_bytes() + b"\n%")
    for r in reports:
        r["source_file"] = str(changed) if r["format"] == "pdf" else str(tmp_path / "gone.txt")
        r["agency"] = "<script>alert(1)</script>"
    with open(out / "reports.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(reports[0]))
        w.writeheader()
        w.writerows(reports)
    page = write_review(out).page.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "changed since it was extracted (sha256 differs): no picture" in page
    assert f"source file {tmp_path / 'gone.txt'} not found" in page
    assert "<img " not in page


def test_cli_review_writes_the_page_where_asked_byte_identical_on_rerun(processed, tmp_path, capsys):
    base, result, _page = processed
    target = tmp_path / "pages" / "review.html"
    assert main(["review", str(base / "out"), "--out", str(target)]) == 0
    assert target.read_bytes() == result.page.read_bytes()  # the same page again, byte for byte
    assert (target.parent / TODO_FILE).read_bytes() == result.todo.read_bytes()
    assert "cells to review" in capsys.readouterr().err
    assert main(["review", str(tmp_path / "nothing")]) == 2
    assert "no reports.csv" in capsys.readouterr().err


def test_a_cell_far_below_its_header_is_shown_as_header_band_and_row_band():
    from PIL import Image

    from gkstudy.study import review_pictures as rp

    page = Image.new("RGB", (1200, 1700), (255, 255, 255))  # an A4-ish page at RENDER_SCALE 2
    box = (300.0, 700.0, 340.0, 720.0)  # 500 pt below the table's first row
    out = rp.crop_cell(page, box, page, 200.0)
    s = rp.RENDER_SCALE
    header = int(rp.HEADER_PT * s)
    row = int((box[3] - box[1] + 2 * rp.CONTEXT_PT) * s)
    assert out.height == header + rp.GAP_PX + row  # two bands and the gap, not the whole table
    red = [(x, y) for y in range(out.height) for x in range(0, out.width, 2) if out.getpixel((x, y)) == rp.OUTLINE]
    assert red and min(y for _x, y in red) > header + rp.GAP_PX  # the outline is in the row band
    assert min(x for x, _y in red) <= box[0] * s and max(x for x, _y in red) >= box[2] * s
    near = rp.crop_cell(page, (300.0, 220.0, 340.0, 240.0), page, 200.0)  # just below the header: one band
    assert near.height == int((240.0 + rp.CONTEXT_PT) * s) - int((200.0 - rp.HEADER_PT) * s)
    first = Image.new("RGB", (1200, 1700), (0, 0, 255))  # the page the table began on
    later = rp.crop_cell(page, (300.0, 40.0, 340.0, 60.0), first, 200.0, same_page=False)
    assert later.height == header + rp.GAP_PX + row and later.getpixel((5, 5)) == (0, 0, 255)


def test_a_suggestion_is_only_a_value_a_count_can_take():
    from gkstudy.study.review import Doubt, suggested_value

    cell = {"table": "t4", "row": "review", "col": "upheld"}
    assert suggested_value(Doubt(cell, [], [("t4_row_total", -1)])) is None  # 0 total beside 1 corrected
    assert suggested_value(Doubt(cell, [], [("t4_row_total", 10)])) == 10
    assert suggested_value(Doubt(cell, [], [("a", 10), ("b", 11)])) is None  # identities disagree


def test_the_page_in_chinese_says_the_same_in_chinese(processed, tmp_path):
    base, result, english = processed
    zh = write_review(base / "out", tmp_path / "review_zh.html", lang="zh").page.read_text(encoding="utf-8")
    assert '<html lang=zh-Hans>' in zh and "待审核的单元格" in zh and "未通过 t4_row_total" in zh
    for words in ("kit's value", "printed (raw)", "other reader", "corrections line", "cells to review"):
        assert words in english and words not in zh, words
    assert zh.count("<img ") == english.count("<img ")  # the same pictures
