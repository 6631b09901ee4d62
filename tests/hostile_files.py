"""Builders of hostile and broken input files (issue 13), shared by tests/test_hostile_*.py and
bench/hostile_folder.py. Each returns the file's bytes; nothing is downloaded or read from outside
the repository."""

from __future__ import annotations

import zlib


def pdf_of(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF whose objects 1..n are ``objects`` (their bodies), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_page_pdf(text: bytes = b"(Hello) Tj") -> bytes:
    """One page of text in Helvetica."""
    content = b"BT /F1 12 Tf 72 720 Td " + text + b" ET"
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def damaged_page_tree_pdf() -> bytes:
    """Two pages announced; the second /Kids entry points at a number, not a page."""
    content = b"BT /F1 12 Tf 72 720 Td (A report whose page tree is broken) Tj ET"
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"42",
    ])


def deflate_bomb(expanded_mb: int) -> bytes:
    """zlib data that inflates to ``expanded_mb`` MB of spaces, made in well under a second: one
    megabyte is deflated once (a full flush makes its compressed form independent of what came
    before) and that form repeated."""
    block = b" " * (1 << 20)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = squeeze.compress(block) + squeeze.flush(zlib.Z_FULL_FLUSH)
    end = squeeze.flush(zlib.Z_FINISH)
    checksum = 1
    for _ in range(expanded_mb):
        checksum = zlib.adler32(block, checksum)
    return b"\x78\xda" + chunk * expanded_mb + end + checksum.to_bytes(4, "big")


def bomb_pdf(expanded_mb: int) -> bytes:
    """One page whose content stream inflates to ``expanded_mb`` MB of spaces (about 1000:1)."""
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        _stream(deflate_bomb(expanded_mb), b"/Filter /FlateDecode"),
    ])


def nested_html(depth: int, inner: str) -> bytes:
    return ("<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>").encode()


def span_bomb_html(rows: int = 30, cells: int = 50) -> bytes:
    """About 60 KB: rows x cells cells, each with rowspan=colspan=100000."""
    row = "<tr>" + "<td rowspan=100000 colspan=100000>1</td>" * cells + "</tr>"
    return ("<html><body><p>2023年政府信息公开工作年度报告</p><table>" + row * rows + "</table></body></html>").encode()


def long_table_html(rows: int) -> bytes:
    body = "".join(f"<tr><td>第{i}行</td><td>{i}</td><td>{i * 2}</td></tr>" for i in range(rows))
    return f"<html><body><p>某县人民政府2023年政府信息公开工作年度报告</p><table>{body}</table></body></html>".encode()


def flip_bits(data: bytes, positions: list[int]) -> bytes:
    out = bytearray(data)
    for pos in positions:
        out[pos % len(out)] ^= 1 << (pos % 8)
    return bytes(out)


# What build_hostile_folder makes, by relative name (bytes names for names that are not UTF-8).
GBK_NAME = "报告（副本）.txt".encode("gbk")
BAD_NAME = b"\xff\xfe bad \\ name.txt"


def build_hostile_folder(root, outside, samples, full: bool = False) -> dict:
    """Fill ``root`` with hostile cases (a dozen cheap ones; ``full`` adds the rest, 40 in all) and
    ``outside`` with files that links from ``root`` lead to. ``samples``: the repository's text
    samples (000..004) and PDFs. Returns {"good": relative name of the good report,
    "expect": {relative name: (status regex, reason regex)}, "skipped": entries not read,
    "secret": text that must appear in no output}."""
    import os
    import re
    from pathlib import Path

    root, outside, samples = Path(root), Path(outside), Path(samples)
    root.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    seeds = sorted(samples.glob("00[0-4]_*.txt"))
    secret = "TOP-SECRET-" + "5f2b" * 4
    (outside / "passwd.txt").write_text(f"root:x:0:0:{secret}:/root:/bin/bash\n")
    (outside / "elsewhere.txt").write_bytes(seeds[3].read_bytes().replace("年度报告".encode(), f"年度报告{secret}".encode(), 1))
    (outside / "dir").mkdir(exist_ok=True)
    (outside / "dir" / "inner.txt").write_text(secret)
    expect: dict[str, tuple[str, str]] = {}

    def put(name: str, data: bytes, status: str, reason: str) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expect[name] = (status, reason)

    good = "good/" + seeds[0].name
    put(good, seeds[0].read_bytes(), "ok|partial", r"|\d+ cells.*")
    os.symlink(str(root / good), root / "good" / "link inside.txt")
    expect["good/link inside.txt"] = ("ok|partial", r"|\d+ cells.*")
    names = root / "names"
    names.mkdir()
    for raw, seed in ((GBK_NAME, seeds[1]), (BAD_NAME, seeds[2])):
        with open(os.path.join(os.fsencode(names), raw), "wb") as fh:
            fh.write(seed.read_bytes())
    expect["names/" + GBK_NAME.decode("gb18030")] = ("ok|partial", r"|\d+ cells.*")
    expect["names/" + r"\xff\xfe bad \\ name.txt"] = ("ok|partial", r"|\d+ cells.*")
    put("blank lines first.txt", b"\n" * 40 + seeds[4].read_bytes(), "ok|partial", r"|\d+ cells.*")
    links = root / "links"
    links.mkdir()
    os.symlink(outside / "passwd.txt", links / "passwd.txt")
    os.symlink(outside / "elsewhere.txt", links / "report elsewhere.txt")
    os.symlink(outside / "dir", links / "dir elsewhere")
    os.symlink(root / "nothing here.txt", links / "broken.txt")
    os.symlink(links / "loop b.txt", links / "loop a.txt")
    os.symlink(links / "loop a.txt", links / "loop b.txt")
    os.mkfifo(links / "pipe.txt")
    skipped = {"links leading out of the folder": 3, "broken links or link loops": 3,
               "special files (FIFO, socket, device)": 1}
    with open(root / "sparse 8 GiB.pdf", "wb") as fh:  # holes: takes no disk space
        fh.truncate(8 << 30)
    expect["sparse 8 GiB.pdf"] = ("failed", r"^file larger than 500 MB \(8,192 MB\): not read")
    put("pdf/page tree.pdf", damaged_page_tree_pdf(), "failed", r"page tree is damaged")
    put("pdf/bomb.pdf", bomb_pdf(512), "failed", r"^needed more than the memory limit \(\d+ MB\) while decompressing page 1")
    put("html/nested.html", nested_html(100_000, "<p>某县2023年政府信息公开工作年度报告</p>"), "failed",
        r"nested more than 256 deep")
    put("html/span bomb.html", span_bomb_html(), "failed", r"rowspan/colspan would fill more than")
    if full:
        _more_cases(root, samples, put)
    return {"good": good, "expect": expect, "skipped": skipped, "secret": secret,
            "patterns": {k: (re.compile(s), re.compile(r)) for k, (s, r) in expect.items()}}


def _more_cases(root, samples, put) -> None:
    """The rest of the 40: broken PDFs, Word files and web pages, odd texts, fuzzed real PDFs."""
    import io
    import random
    import zipfile

    real = sorted(samples.glob("*.pdf"))[0].read_bytes()
    rng = random.Random(13)
    put("pdf/truncated.pdf", real[: len(real) // 2], "failed", r"truncated PDF|damaged PDF")
    put("pdf/random bytes.pdf", bytes(rng.randrange(256) for _ in range(5000)), "failed", r"^not a PDF")
    put("pdf/error page.pdf", b"<html><body>404 Not Found</body></html>", "failed", r"^not a PDF: file starts with <html>")
    put("pdf/no pages.pdf", pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
        "failed|needs_ocr", r".+")
    put("pdf/page tree loop.pdf", pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>",
                                          b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]), "failed|needs_ocr", r".+")
    put("pdf/bad xref.pdf", real.replace(b"startxref", b"startxref\n99999999\n%", 1)[:-40] + b"\n%%EOF\n",
        "failed|ok|partial|needs_ocr", r".*")
    put("pdf/javascript.pdf", text_page_pdf().replace(b"<< /Type /Catalog /Pages 2 0 R >>",
                                                     b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript "
                                                     b"/JS (app.alert\\(1\\)) >> >>"), "needs_ocr|failed", r".+")
    put("pdf/tiny text.pdf", text_page_pdf(), "needs_ocr|not_report|failed", r".+")
    for k in range(3):
        put(f"pdf/bit flips {k}.pdf", flip_bits(real, [rng.randrange(len(real) * 8) for _ in range(40)]),
            "ok|partial|failed|not_report|needs_ocr", r".*")
    for k, share in enumerate((0.3, 0.9)):
        put(f"pdf/cut {k}.pdf", real[: int(len(real) * share)], "failed|needs_ocr|partial|ok|not_report", r".*")
    for suffix in (".pdf", ".docx", ".html", ".txt"):
        put(f"empty/zero{suffix}", b"", "failed", r"^empty file \(0 bytes\)$")
    put("docx/corrupt.docx", b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(3000)), "failed", r"DOCX|docx|zip")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b" " * (300 << 20))
    put("docx/bomb.docx", bomb.getvalue(), "failed", r"zip bomb")
    put("text/binary.txt", bytes(rng.randrange(256) for _ in range(4000)), "failed", r"binary data")
    put("text/utf16.txt", sorted(samples.glob("00[0-4]_*.txt"))[1].read_text(encoding="utf-8").encode("utf-16"),
        "ok|partial", r".*")
    put("text/200k rows.txt", ("1\t2\t3\n" * 200_000).encode(), "failed|not_report", r".+")
    put("html/8k rows.html", long_table_html(8000), "failed|not_report", r".+")
    put("html/deep 300.html", nested_html(300, "<p>x</p>"), "failed", r"nested more than 256 deep")
    put("html/colspan row.html", ("<html><body><table><tr>" + "<td colspan=9999>1</td>" * 20000 +
                                  "</tr></table></body></html>").encode(), "failed|not_report", r".+")
    put("html/gb18030 page.html", ("<html><head><meta charset=gb18030></head><body><p>" +
                                   "政府信息公开" * 100 + "</p></body></html>").encode("gb18030"),
        "failed|not_report", r".+")
    put("odd names/new\nline.txt", sorted(samples.glob("00[0-4]_*.txt"))[2].read_bytes() + b"\n",
        "ok|partial", r".*")
    put("odd names/" + "长" * 80 + ".txt", sorted(samples.glob("00[0-4]_*.txt"))[3].read_bytes() + b"\n\n",
        "ok|partial", r".*")
