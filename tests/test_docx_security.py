"""Hostile and broken DOCX files: refused with a one-line reason, nothing inflated or resolved.

A DOCX is a zip from the internet: a decompression bomb must be refused from its declared sizes
before anything is inflated, and by a running cap where sizes lie; XML with a DOCTYPE (external
entities, entity expansion) is refused before any XML parser sees it, so no local file is read.
"""

import io
import struct
import zipfile

import pytest

from builders import fill_template_2021, known_values
from gkstudy.extract import extract_bytes
from gkstudy.readers.zipguard import ZipLimits, check_inflated, guard_zip

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                 'wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')


def minimal_docx(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def paragraph_docx(text: str, doctype: str = "") -> bytes:
    return minimal_docx(f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document {W}><w:body><w:p><w:r>'
                        f'<w:t>{text}</w:t></w:r></w:p></w:body></w:document>'.encode())


def bomb_docx(declared_size: int, real_size: int) -> bytes:
    """A DOCX whose document.xml is ``real_size`` zero bytes but declares ``declared_size``."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=False) as fh:
            chunk = bytes(1 << 20)
            for _ in range(real_size >> 20):
                fh.write(chunk)
    raw = bytearray(data.getvalue())
    if declared_size != real_size:  # rewrite the uncompressed size in every header that states it
        name = b"word/document.xml"
        for sig, size_off in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
            pos = raw.find(sig)
            while pos != -1:
                name_off = 46 if sig == b"PK\x01\x02" else 30
                if raw[pos + name_off: pos + name_off + len(name)] == name:
                    struct.pack_into("<I", raw, pos + size_off, declared_size)
                pos = raw.find(sig, pos + 4)
        desc = raw.find(b"PK\x07\x08")  # streamed entries repeat sizes in a data descriptor
        if desc != -1:
            struct.pack_into("<I", raw, desc + 12, declared_size)
    return bytes(raw)


def forbid_inflation(monkeypatch):
    """From here on, fail the test if anything opens a zip entry."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a zip entry was inflated")
    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_bomb_refused_from_declared_size_without_inflating(monkeypatch):
    data = bomb_docx(300 << 20, 300 << 20)
    forbid_inflation(monkeypatch)
    assert len(data) < 2 << 20  # a few hundred KB that declares 300 MB
    got = extract_bytes("bomb.docx", data)
    assert got.report["status"] == "failed"
    assert got.report["error"].startswith("refused DOCX: zip bomb")
    assert got.cells == []


def test_high_ratio_entry_refused_without_inflating(monkeypatch):
    data = bomb_docx(20 << 20, 20 << 20)  # under the total cap, but ~1000:1
    forbid_inflation(monkeypatch)
    got = extract_bytes("ratio.docx", data)
    assert got.report["status"] == "failed"
    assert "zip bomb" in got.report["error"] and "compressed" in got.report["error"]


def test_sizes_that_lie_are_caught_while_inflating():
    data = bomb_docx(1000, 8 << 20)  # declares 1000 bytes, holds 8 MB
    got = extract_bytes("liar.docx", data)
    assert got.report["status"] == "failed"
    assert got.report["error"].startswith(("refused DOCX: zip bomb", "corrupt DOCX"))


def test_running_cap_stops_inflation():
    honest = bomb_docx(4 << 20, 4 << 20)
    with zipfile.ZipFile(io.BytesIO(honest)) as zf:
        with pytest.raises(Exception, match="inflates past 1 MB"):
            check_inflated(zf, ZipLimits(max_total=1 << 20))


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-7f3a9c", encoding="utf-8")
    return path


def _all_output(got) -> str:
    return repr(got.report) + repr(got.cells) + repr(got.checks)


def test_external_entity_refused_and_never_read(secret):
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    got = extract_bytes("xxe.docx", paragraph_docx("2023年政府信息公开工作年度报告 &xxe;", doctype))
    assert got.report["status"] == "failed"
    assert "DOCTYPE/ENTITY" in got.report["error"]
    assert "TOP-SECRET-7f3a9c" not in _all_output(got)


def test_entity_expansion_bomb_refused():
    ents = '<!ENTITY a "aaaaaaaaaa">' + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                                               for p, c in zip("abcdefgh", "bcdefghi"))
    got = extract_bytes("laughs.docx", paragraph_docx("&i;", f"<!DOCTYPE w:document [{ents}]>"))
    assert got.report["status"] == "failed"
    assert "DOCTYPE/ENTITY" in got.report["error"]


def test_doctype_in_any_part_and_in_utf16_is_refused(secret):
    evil = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]><x>&e;</x>'
    data = minimal_docx(f'<w:document {W}><w:body/></w:document>'.encode(),
                        {"word/styles.xml": evil.encode("utf-16")})
    got = extract_bytes("utf16.docx", data)
    assert got.report["status"] == "failed" and "word/styles.xml" in got.report["error"]
    assert "TOP-SECRET-7f3a9c" not in _all_output(got)


@pytest.mark.parametrize("name,data,reason", [
    ("zero.docx", b"", "empty file (0 bytes)"),
    ("text.docx", "这不是Word文件".encode(), "corrupt DOCX: not a zip archive"),
    ("random.docx", b"PK\x03\x04" + bytes(range(256)) * 20, "corrupt DOCX: not a zip archive"),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "not a DOCX: old Word 97-2003 .doc file"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64) + "EncryptedPackage".encode("utf-16-le"),
     "encrypted DOCX: needs a password"),
    ("nopackage.docx", None, "corrupt DOCX"),
])
def test_corrupt_files_fail_with_a_reason(name, data, reason):
    if data is None:  # a valid zip that holds no Office package
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("readme.txt", "hello")
        data = buf.getvalue()
    got = extract_bytes(name, data)
    assert got.report["status"] == "failed"
    assert got.report["error"].startswith(reason)
    assert "\n" not in got.report["error"]


def test_truncated_download_fails_with_a_reason():
    whole = fill_template_2021(known_values("2021"))
    got = extract_bytes("cut.docx", whole[: len(whole) // 2])
    assert got.report["status"] == "failed"
    assert got.report["error"].startswith("corrupt DOCX")


def test_real_report_passes_the_guard():
    guard_zip(fill_template_2021(known_values("2021")))


def test_word_document_that_is_not_a_report():
    import docx

    doc = docx.Document()
    doc.add_paragraph("关于召开2024年度政务公开工作推进会的通知")
    doc.add_paragraph("各乡镇人民政府、区各有关部门：经研究，定于2024年3月5日召开全区政务公开工作推进会。")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["序号", "单位", "参会人数"], ["1", "区政府办", "2"], ["2", "区财政局", "1"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("淮安市淮阴区人民政府办公室")
    buf = io.BytesIO()
    doc.save(buf)
    got = extract_bytes("通知.docx", buf.getvalue())
    assert got.report["status"] == "not_report"
    assert got.report["error"].startswith("not an annual report")
