"""The OCR reader's parts that need no recogniser: the grid from ruling lines, page geometry,
confusable digits, red seals, the trust flags from the identities, and OCR turned off."""

import csv
from pathlib import Path

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from gkstudy.checks.ocr_trust import only_ocr, trust_ocr_cells  # noqa: E402
from gkstudy.core import flags  # noqa: E402
from gkstudy.core.document import Token  # noqa: E402
from gkstudy.mapper.cells import MappedCell  # noqa: E402
from gkstudy.readers.ocr import geometry  # noqa: E402
from gkstudy.readers.ocr.images import suppress_red  # noqa: E402
from gkstudy.readers.ocr.lattice import ink_of, lattices_of  # noqa: E402
from gkstudy.readers.ocr.numbers import numeric_text  # noqa: E402
from gkstudy.readers.ocr.sources import OFF_ENV, is_page_asset  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ocr"


def _drawn_table() -> np.ndarray:
    """A white page with a 3x4 ruled table whose first row is one merged cell, plus text-like blobs."""
    page = np.full((900, 1200), 255, np.uint8)
    xs, ys = [100, 400, 650, 900, 1100], [100, 180, 300, 420]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(page, (x, ys[1] if x not in (xs[0], xs[-1]) else ys[0]), (x, ys[-1]), 0, 2)
    cv2.putText(page, "TITLE", (500, 155), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    for r in range(2):
        for c in range(4):
            cv2.putText(page, str(r * 4 + c), (xs[c] + 40, ys[r + 1] + 80), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    return page


def test_lattice_finds_rows_columns_and_the_merged_cell():
    (lat,) = lattices_of(ink_of(_drawn_table()))
    assert (len(lat.ys) - 1, len(lat.xs) - 1) == (3, 4)
    spans = lat.spans()
    assert sorted(spans) == [(0, 0)] + [(r, c) for r in (1, 2) for c in range(4)]
    x0, y0, x1, y1 = spans[(0, 0)]
    assert abs(x0 - 100) <= 3 and abs(x1 - 1100) <= 3 and abs(y0 - 100) <= 3 and abs(y1 - 180) <= 3


def test_skew_of_a_turned_page_is_found_within_a_tenth_of_a_degree():
    page = _drawn_table()
    for angle in (-2.5, 1.0):
        turned = geometry.rotate(page, angle)
        assert abs(geometry.skew_of(ink_of(turned)) + angle) <= 0.15


def test_a_sideways_page_is_told_from_an_upright_one():
    from PIL import Image

    page = np.array(Image.open(FIXTURES / "t4.jpg").convert("L"))
    assert geometry.is_sideways(ink_of(page)) is False
    assert geometry.is_sideways(ink_of(cv2.rotate(page, cv2.ROTATE_90_CLOCKWISE))) is True


def test_unwarp_makes_a_keystoned_table_rectangular():
    page = _drawn_table()
    src = np.float32([[0, 0], [1200, 0], [1200, 900], [0, 900]])
    dst = np.float32([[40, 0], [1160, 0], [1200, 900], [0, 900]])
    warped = cv2.warpPerspective(page, cv2.getPerspectiveTransform(src, dst), (1200, 900), borderValue=255)
    (lat,) = lattices_of(ink_of(geometry.unwarp(warped)))
    assert (len(lat.ys) - 1, len(lat.xs) - 1) == (3, 4)


@pytest.mark.parametrize("text, number", [("O", "0"), ("1O", "10"), ("l2", "12"), ("S", "5"), ("B0", "80"),
                                          ("１２３", "123"), (".0", "0"), ("0'", "0"), ("95", "95"),
                                          ("-3", "-3"), ("\u22121", "-1")])
def test_confusable_glyphs_are_normalised_in_numeric_cells(text, number):
    assert numeric_text(text) == number


@pytest.mark.parametrize("label", ["结果维持", "Other", "1.属于国家秘密", "ISBN", "总计"])
def test_labels_keep_their_letters(label):
    assert numeric_text(label) == label


def test_red_seal_ink_becomes_paper_and_black_print_stays():
    rgb = np.full((40, 40, 3), 255, np.uint8)
    rgb[5:15, 5:15] = (220, 30, 30)  # seal
    rgb[20:30, 20:30] = (20, 20, 20)  # print
    grey = suppress_red(rgb)
    assert grey[10, 10] == 255 and grey[25, 25] < 40


def test_pictures_saved_with_a_web_page_are_not_reports_of_their_own(tmp_path):
    (tmp_path / "report.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "report_files").mkdir()
    (tmp_path / "report_files" / "t3.png").write_bytes(b"x")
    (tmp_path / "scan.png").write_bytes(b"x")
    assert is_page_asset(tmp_path / "report_files" / "t3.png")
    assert not is_page_asset(tmp_path / "scan.png")


def _cell(table, row, col, value, flag="ocr"):
    return MappedCell(table, row, col, value, str(value), flag, Token(str(value), 0, 0, flag=flag, score=0.99))


def _t4_cells(values):
    return [_cell("t4", "review", c, v) for c, v in zip(("upheld", "corrected", "other", "pending", "total"), values)]


def test_ocr_alone_only_where_the_identities_hold():
    held = trust_ocr_cells("2021", _t4_cells([1, 1, 0, 0, 2]))
    assert all(only_ocr(c.flag) for c in held)
    failed = trust_ocr_cells("2021", _t4_cells([1, 1, 0, 0, 3]))
    assert all(flags.split(c.flag) == ["ocr", "ocr_identity_failed"] for c in failed)
    t2 = trust_ocr_cells("2021", [_cell("t2", "art20_6.penalty", "decisions", 2776)])
    assert flags.split(t2[0].flag) == ["ocr", "ocr_unchecked"]


def test_every_ocr_flag_is_a_constant_of_flags():
    assert {"ocr", "ocr_low_confidence", "ocr_identity_failed", "ocr_unchecked"} <= flags.FLAGS


def test_no_ocr_leaves_a_scan_needs_ocr_with_the_reason(tmp_path, monkeypatch):
    from gkstudy.cli import main

    monkeypatch.setenv(OFF_ENV, "0")  # main() turns OCR off in os.environ; monkeypatch undoes it
    out = tmp_path / "out"
    assert main(["extract", str(FIXTURES / "huaian_p1_scan.pdf"), str(FIXTURES / "t4.jpg"), "--out", str(out),
                 "--jobs", "1", "--no-ocr", "--no-progress"]) == 0
    with open(out / "reports.csv", encoding="utf-8-sig") as fh:
        rows = {Path(r["source_file"]).name: r for r in csv.DictReader(fh)}
    assert rows["huaian_p1_scan.pdf"]["status"] == "needs_ocr"
    assert rows["huaian_p1_scan.pdf"]["error"] == ("scanned PDF: no text layer, needs OCR; "
                                                   "OCR turned off (--no-ocr)")
    assert (rows["t4.jpg"]["status"], rows["t4.jpg"]["error"]) == ("needs_ocr", "image file: needs OCR; OCR turned off (--no-ocr)")


def test_missing_ocr_stack_is_named_in_one_line(monkeypatch):
    from gkstudy.readers.ocr import sources

    monkeypatch.delenv(OFF_ENV, raising=False)
    monkeypatch.setattr(sources, "unavailable_reason", lambda: "OCR unavailable (ImportError: x): pip install y")
    from gkstudy.extract import extract_bytes

    r = extract_bytes("scan.pdf", (FIXTURES / "huaian_p1_scan.pdf").read_bytes()).report
    assert (r["status"], r["error"]) == ("needs_ocr", "scanned PDF: no text layer, needs OCR; "
                                                      "OCR unavailable (ImportError: x): pip install y")


def test_small_scans_are_resampled_to_the_recognisers_glyph_size():
    from PIL import Image

    from gkstudy.readers.ocr.images import GLYPH_HEIGHT, glyph_height, resample

    page = np.array(Image.open(FIXTURES / "t4.jpg").convert("L"))
    small = cv2.resize(page, None, fx=0.45, fy=0.45, interpolation=cv2.INTER_AREA)  # about 90 dpi
    assert glyph_height(ink_of(small)) < 0.6 * GLYPH_HEIGHT
    assert abs(glyph_height(ink_of(resample(small, ink_of))) - GLYPH_HEIGHT) <= 0.25 * GLYPH_HEIGHT


def test_results_with_ocr_off_are_cached_apart(monkeypatch):
    from gkstudy.batch.cache import result_key

    monkeypatch.setenv(OFF_ENV, "0")
    on = result_key("ab" * 32, "scan.pdf")
    monkeypatch.setenv(OFF_ENV, "1")
    assert result_key("ab" * 32, "scan.pdf") == on + "-noocr"
