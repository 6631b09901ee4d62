"""Scans made from text PDFs, so that the truth of every cell is known: pages rendered with
pypdfium2, turned a little, noised, JPEG-compressed (what a scanner or a phone does). Used by
bench/bench_ocr.py and by tests/make_ocr_fixtures.py (which wrote the committed test fixtures)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw


def render(pdf_bytes: bytes, pages: list[int] | None = None, dpi: int = 200) -> list[Image.Image]:
    """Grey page images of a PDF (1-based page numbers; all when None)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    numbers = pages or list(range(1, len(pdf) + 1))
    return [pdf[n - 1].render(scale=dpi / 72).to_pil().convert("RGB") for n in numbers]


def degrade(image: Image.Image, angle: float = 0.0, noise: float = 10.0, quality: int = 75,
            seed: int = 0, grey: bool = True) -> Image.Image:
    """Turned by ``angle`` degrees, Gaussian noise of this sigma, one JPEG round trip."""
    rng = np.random.default_rng(seed)
    im = image.convert("L" if grey else "RGB")
    im = im.rotate(angle, resample=Image.BILINEAR, expand=False, fillcolor=255 if grey else (255, 255, 255))
    a = np.asarray(im).astype(np.int16)
    a = a + rng.normal(0, noise, a.shape).astype(np.int16)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert(im.mode)


def red_seal(image: Image.Image, centre: tuple[int, int], radius: int) -> Image.Image:
    """A round red seal (ring, star, text-like strokes) stamped over the page, translucent like ink."""
    im = image.convert("RGB")
    layer = Image.new("RGB", im.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    x, y = centre
    d.ellipse([x - radius, y - radius, x + radius, y + radius], outline=(220, 30, 30), width=max(4, radius // 12))
    d.regular_polygon((x, y, radius // 4), 5, fill=(220, 30, 30))
    for k in range(8):
        a = np.pi * (0.15 + 0.7 * k / 7)
        cx, cy = x - int(0.72 * radius * np.cos(a)), y - int(0.72 * radius * np.sin(a))
        d.rectangle([cx - radius // 14, cy - radius // 14, cx + radius // 14, cy + radius // 14], fill=(220, 30, 30))
    return Image.fromarray(np.minimum(np.asarray(im), np.asarray(layer)))


def perspective(image: Image.Image, shift: float = 0.03) -> Image.Image:
    """A phone photo's keystone: the top edge narrower than the bottom by ``shift`` of the width."""
    w, h = image.size
    dx = shift * w
    # PIL maps output -> input: the input quad seen in the output rectangle.
    src = [(-dx, 0), (w + dx, 0), (w, h), (0, h)]
    coeffs = _perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], src)
    fill = 255 if image.mode == "L" else (255, 255, 255)
    return image.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BILINEAR, fillcolor=fill)


def _perspective_coeffs(out_pts, in_pts):
    rows = []
    for (x, y), (u, v) in zip(out_pts, in_pts):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for p in in_pts for c in p], dtype=float)
    return np.linalg.solve(a, b).tolist()


def image_pdf(images: list[Image.Image], dpi: int) -> bytes:
    """An image-only PDF (no text layer), what a scanner writes."""
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buf.getvalue()
