"""Issue 6: one folder mixing every kind of broken or hostile file with good reports, run through the
real command. Every input gets exactly one row with the right status and a one-line reason; good
reports come out as they do alone; no traceback, no leaked local file, inputs untouched."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from conftest import SAMPLES, read_csv
from gkstudy.cli import main
from gkstudy.extract import extract_file

SEEDS = SAMPLES
GOOD_PDF = SAMPLES / "淮安市人民政府_2024.pdf"
SECRET = "TOP-SECRET-d41d8cd98f00b204"
WEIRD = 'nested dir/子 目录 "引号" \'单\'/报告 #1 (副本).txt'

# relative path -> (status regex, reason regex, reader module the case depends on or None)
CASES: dict[str, tuple[str, str, str | None]] = {
    "000_seed.txt": ("ok|partial", r"|\d+ cells", None),
    "001_seed.txt": ("ok|partial", r"|\d+ cells", None),
    "good.pdf": ("ok", r"^$", "pdf"),
    "empty/zero.pdf": ("failed", r"^empty file \(0 bytes\)$", None),
    "empty/zero.docx": ("failed", r"^empty file \(0 bytes\)$", None),
    "empty/zero.html": ("failed", r"^empty file \(0 bytes\)$", None),
    "empty/zero.txt": ("failed", r"^empty file \(0 bytes\)$", None),
    "pdf/truncated.pdf": ("failed", r"truncated PDF", "pdf"),
    "pdf/corrupt.pdf": ("failed", r"damaged PDF|truncated PDF|corrupt PDF", "pdf"),
    "pdf/random bytes.pdf": ("failed", r"^not a PDF", "pdf"),
    "pdf/error page.pdf": ("failed", r"^not a PDF: file starts with <html>", "pdf"),
    "pdf/encrypted.pdf": ("failed", r"^encrypted PDF: needs a password", "pdf"),
    "pdf/scan.pdf": ("needs_ocr", r"no text layer; OCR read no text and no ruled table", "pdf"),
    "docx/corrupt.docx": ("failed", r"corrupt DOCX", "docx"),
    "docx/bomb.docx": ("failed", r"zip bomb", "docx"),
    "docx/xxe.docx": ("failed", r"DOCTYPE|ENTITY|entit", "docx"),
    "docx/laughs.docx": ("failed", r"DOCTYPE|ENTITY|entit", "docx"),
    "docx/notice.docx": ("not_report", r"^not an annual report", "docx"),
    "html/gb18030 under utf8.html": ("ok|partial", r"|\d+ cells", "html"),
    "text/utf16.txt": ("ok|partial", r"|\d+ cells", None),
    "text/binary.txt": ("failed", r"^binary data, not text", None),
    WEIRD: ("ok|partial", r"|\d+ cells", None),
    "zz copies/000 again.txt": ("ok|partial", r"|\d+ cells", None),
}


def _seed(n: int) -> Path:
    return sorted(SEEDS.glob(f"{n:03d}_*.txt"))[0]


def _docx_zip(document_xml: bytes) -> bytes:
    """A minimal Word package whose body is ``document_xml``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _xxe_docx(secret_path: Path) -> bytes:
    return _docx_zip(f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret_path}">]>'
                     f'<w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'.encode())


def _laughs_docx() -> bytes:
    ents = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return _docx_zip(f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]><w:document {W}><w:body><w:p><w:r>'
                     f'<w:t>&l9;</w:t></w:r></w:p></w:body></w:document>'.encode())


def _bomb_docx() -> bytes:
    # ~100 KB on disk, 100 MB inflated: refused by its compression ratio before anything inflates it.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b" " * (1 << 20)
            for _ in range(100):
                fh.write(block)
    return buf.getvalue()


def _notice_docx() -> bytes:
    import docx

    doc = docx.Document()
    doc.add_heading("关于召开2024年度安全生产工作会议的通知", level=1)
    doc.add_paragraph("各乡镇人民政府、县直各单位：经研究，定于2024年3月5日召开全县安全生产工作会议。")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([("序号", "单位", "参会人数"), ("1", "县应急管理局", "3"), ("2", "县公安局", "2")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("县人民政府办公室 2024年2月28日")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(GOOD_PDF))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _scan_pdf() -> bytes:
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(page)
    for y in range(100, 1000, 40):  # table-like ruling, as a scanner would see it
        draw.line([(80, y), (770, y)], fill="black", width=2)
    buf = io.BytesIO()
    page.save(buf, "PDF", resolution=100)
    return buf.getvalue()


def _gb18030_html() -> bytes:
    rows = [line.split("\t") for line in _seed(3).read_text(encoding="utf-8").splitlines()]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" if len(row) > 1 else f"<p>{row[0]}</p>"
                   for row in rows)
    page = f'<html><head><meta charset="utf-8"><title>年度报告</title></head><body><table>{body}</table></body></html>'
    return page.encode("gb18030")


def build_mix(root: Path, secret_path: Path) -> None:
    rng = random.Random(6)
    pdf = GOOD_PDF.read_bytes()
    files = {
        "000_seed.txt": _seed(0).read_bytes(),
        "001_seed.txt": _seed(1).read_bytes(),
        "good.pdf": pdf,
        "empty/zero.pdf": b"", "empty/zero.docx": b"", "empty/zero.html": b"", "empty/zero.txt": b"",
        "pdf/truncated.pdf": pdf[: len(pdf) // 2],
        "pdf/corrupt.pdf": b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(20000)) + b"\n%%EOF\n",
        "pdf/random bytes.pdf": bytes(rng.randrange(256) for _ in range(50000)),
        "pdf/error page.pdf": b"<html><head><title>404 Not Found</title></head><body><h1>404</h1></body></html>",
        "pdf/encrypted.pdf": _encrypted_pdf(),
        "pdf/scan.pdf": _scan_pdf(),
        "docx/corrupt.docx": b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(5000)),
        "docx/bomb.docx": _bomb_docx(),
        "docx/xxe.docx": _xxe_docx(secret_path),
        "docx/laughs.docx": _laughs_docx(),
        "docx/notice.docx": _notice_docx(),
        "html/gb18030 under utf8.html": _gb18030_html(),
        "text/utf16.txt": _seed(4).read_text(encoding="utf-8").encode("utf-16"),
        "text/binary.txt": bytes(rng.randrange(256) for _ in range(30000)),
        WEIRD: _seed(3).read_bytes(),
        "zz copies/000 again.txt": _seed(0).read_bytes(),
    }
    assert set(files) == set(CASES)
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _checksums(root: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def mix_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("mix")
    secret_path = base / "secret.txt"
    secret_path.write_text(SECRET)
    root = base / "inputs"
    build_mix(root, secret_path)
    before = _checksums(root)
    out = base / "out"
    capture = io.StringIO()
    import contextlib

    with contextlib.redirect_stderr(capture), contextlib.redirect_stdout(capture):
        code = main(["extract", str(root), "--out", str(out), "--jobs", "2", "--max-memory", "1024", "--no-progress"])
    rows = {str(Path(r["source_file"]).relative_to(root)): r for r in read_csv(out / "reports.csv")}
    return {"root": root, "out": out, "code": code, "said": capture.getvalue(), "rows": rows,
            "before": before, "after": _checksums(root)}


def _reader_missing(reader: str | None) -> bool:
    return reader is not None and importlib.util.find_spec(f"gkstudy.readers.{reader}") is None


@pytest.mark.parametrize("rel", sorted(CASES))
def test_each_input_has_its_status_and_reason(mix_run, rel):
    status, reason, reader = CASES[rel]
    if _reader_missing(reader):
        pytest.xfail(f"the {reader} reader is not written yet")
    row = mix_run["rows"][rel]
    assert re.fullmatch(status, row["status"]), (row["status"], row["error"])
    assert re.search(reason, row["error"]) and "\n" not in row["error"], row["error"]
    assert "Traceback" not in row["error"] and "unexpected error" not in row["error"]


def test_every_input_exactly_one_row_and_a_one_line_summary(mix_run):
    assert mix_run["code"] == 0
    rows = read_csv(mix_run["out"] / "reports.csv")
    assert sorted(str(Path(r["source_file"]).relative_to(mix_run["root"])) for r in rows) == sorted(CASES)
    said = mix_run["said"]
    assert said.count("\n") == 1 and said.startswith(f"{len(CASES)} reports: ") and "Traceback" not in said


def test_the_second_copy_is_marked_duplicate_of_the_first(mix_run):
    rows = mix_run["rows"]
    first, again = rows["000_seed.txt"], rows["zz copies/000 again.txt"]
    assert again["duplicate_of"] == first["source_file"] and first["duplicate_of"] == ""
    assert again["report_id"] == first["report_id"] and again["status"] == first["status"]
    cells = read_csv(mix_run["out"] / "cells.csv")
    assert len([c for c in cells if c["report_id"] == first["report_id"]]) in (22 + 161 + 15, 10 + 175 + 15)


def test_good_reports_come_out_as_they_do_alone(mix_run):
    cells = read_csv(mix_run["out"] / "cells.csv")
    for rel in ("000_seed.txt", "001_seed.txt", WEIRD, "good.pdf"):
        path = mix_run["root"] / rel
        alone = extract_file(path)
        rid = alone.report["report_id"]
        assert mix_run["rows"][rel]["status"] == alone.report["status"]
        got = [(c["table"], c["row"], c["col"], c["value"], c["flag"]) for c in cells if c["report_id"] == rid]
        want = [(c["table"], c["row"], c["col"], str(c["value"]), c["flag"]) for c in alone.cells]
        assert got == want and got, rel


def test_utf16_text_reads_like_its_utf8_original(mix_run):
    cells = read_csv(mix_run["out"] / "cells.csv")
    utf16 = mix_run["rows"]["text/utf16.txt"]["report_id"]
    original = extract_file(_seed(4))
    got = {(c["table"], c["row"], c["col"]): c["value"] for c in cells if c["report_id"] == utf16}
    assert got == {(c["table"], c["row"], c["col"]): str(c["value"]) for c in original.cells}


def test_inputs_are_never_modified(mix_run):
    assert mix_run["after"] == mix_run["before"]


def test_no_local_secret_in_any_output(mix_run):
    assert SECRET not in mix_run["said"]
    for path in mix_run["out"].rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_no_file_hit_the_memory_bound(mix_run):
    # Bombs are refused by size before they are inflated, so nothing comes near the 1024 MB bound.
    assert not [r for r in mix_run["rows"].values() if "needed more than" in r["error"]]
