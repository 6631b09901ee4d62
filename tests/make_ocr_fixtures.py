"""Writes tests/fixtures/ocr/ (committed; run again only to change them):
python tests/make_ocr_fixtures.py. The truth of every cell is the text PDF's reading."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "bench"))

from scans import degrade, image_pdf, perspective, red_seal, render  # noqa: E402

REAL = HERE / "pdfs" / "淮安市洪泽区人民政府_2024.pdf"
OUT = HERE / "fixtures" / "ocr"
T4_BOX_200DPI = (180, 855, 1470, 1320)  # table 四 on page 4 at 200 dpi (pixels)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = REAL.read_bytes()
    # Pages 3 and 4 (tables 二 tail, 三, 四) at 150 dpi, turned 0.8° and -0.5°: a multi-page TIFF.
    p3, p4 = render(data, [3, 4], dpi=150)
    pages = [degrade(p3, 0.8, 10, 70, seed=1), degrade(p4, -0.5, 10, 80, seed=2)]
    pages[0].save(OUT / "huaian_p3_p4_150dpi.tif", save_all=True, append_images=pages[1:], compression="jpeg", quality=80)
    # Page 1 alone, image-only PDF at 150 dpi: title, year, agency from OCR; no table on it.
    (OUT / "huaian_p1_scan.pdf").write_bytes(image_pdf([degrade(render(data, [1], dpi=150)[0], 0.6, 8, 75)], 150))
    # Table 四 cut from page 4 at 200 dpi: the picture pasted in Word / a web page, a phone photo
    # with a red seal over its numbers, and an upside-down scan of it.
    t4 = render(data, [4], dpi=200)[0].crop(T4_BOX_200DPI)
    degrade(t4, 0.4, 6, 85).save(OUT / "t4.jpg", quality=85)
    w, h = t4.size
    photo = perspective(red_seal(t4, (w // 2 + 40, h - 90), 110), 0.025)
    degrade(photo, 1.0, 6, 80, grey=False).save(OUT / "t4_seal_photo.jpg", quality=85)
    degrade(t4.rotate(180), 0.3, 6, 85).save(OUT / "t4_upside_down.jpg", quality=85)


if __name__ == "__main__":
    main()
