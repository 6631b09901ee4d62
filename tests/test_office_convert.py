"""Word-processor files without a Python reader (.doc, .wps, .rtf, .odt) read through LibreOffice,
and .docm read directly. The conversions need ``soffice`` and skip cleanly without it; the rest
(no LibreOffice: one line saying how to install it; a hung converter killed with its process
group; the conversion cache; .docm) runs everywhere."""

import io
import os
import sys
import textwrap
import zipfile

import pytest

from builders import META_2019, META_2021, fill_template_2021, known_values
from gkstudy.core.document import ReportError
from gkstudy.extract import extract_bytes
from gkstudy.readers import convert
from every_cell import assert_every_cell
from libreoffice import soffice
from office_formats import OUT

META = {"2021": META_2021, "2019": META_2019}
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(convert.CACHE_ENV, str(tmp_path / "converted"))


def _assert_report(got, edition, fmt):
    meta = META[edition]
    r = got.report
    assert (r["status"], r["error"], r["format"]) == ("ok", "", fmt)
    assert (r["edition"], r["year"], r["agency"], r["published"]) == (edition, meta.year, meta.agency, meta.iso)
    assert_every_cell(got.cells, edition, known_values(edition))


@needs_soffice
@pytest.mark.parametrize("name, source, edition", [
    ("report_2021.doc", "淮阴区交通运输局2023年报.doc", "2021"),
    ("report_2021.doc", "淮阴区交通运输局2023年报.wps", "2021"),  # Kingsoft WPS writes Word's binary format
    ("report_2019.rtf", "花沟镇2020年报.rtf", "2019"),
    ("report_2019.odt", "花沟镇2020年报.odt", "2019"),
])
def test_converted_by_libreoffice(name, source, edition):
    _assert_report(extract_bytes(source, (OUT / name).read_bytes()), edition, source.rsplit(".", 1)[1])


@needs_soffice
def test_a_converted_file_is_cached_by_its_sha256(monkeypatch, tmp_path):
    data = (OUT / "report_2019.odt").read_bytes()
    first = extract_bytes("a.odt", data)
    assert len(list((tmp_path / "converted").rglob("*.docx"))) == 1
    monkeypatch.setattr(convert, "soffice_path", lambda: None)  # the second read must not need LibreOffice
    again = extract_bytes("copy of a.odt", data)
    assert again.cells == first.cells and again.report["status"] == "ok"


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".rtf", ".odt"])
def test_without_libreoffice_the_row_says_how_to_install_it(monkeypatch, suffix):
    monkeypatch.setattr(convert, "soffice_path", lambda: None)
    r = extract_bytes(f"报告{suffix}", (OUT / "report_2021.doc").read_bytes()).report
    assert r["status"] == "failed" and "\n" not in r["error"]
    for words in (f"a {suffix} file is read through LibreOffice", "apt-get install libreoffice-writer",
                  "brew install --cask libreoffice", "winget install TheDocumentFoundation.LibreOffice",
                  "save the file as .docx by hand"):
        assert words in r["error"]


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_a_hung_converter_is_killed_with_its_process_group(monkeypatch, tmp_path):
    pidfile = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import subprocess, time
        child = subprocess.Popen(["sleep", "60"])
        open({str(pidfile)!r}, "w").write(str(child.pid))
        time.sleep(60)
        """))
    fake.chmod(0o755)
    monkeypatch.setattr(convert, "soffice_path", lambda: str(fake))
    with pytest.raises(ReportError, match=r"did not convert this \.doc file within 1 s \(killed\)"):
        convert.convert_to_docx(b"\xd0\xcf\x11\xe0 hung", "doc", timeout_s=1)
    child = int(pidfile.read_text())
    assert _gone(child)  # the converter's own child went with it


def _gone(pid: int) -> bool:
    """Whether the process has ended (a zombie waiting for a reaper counts as ended)."""
    import time

    for _ in range(100):
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        except OSError:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
        time.sleep(0.02)
    return False


def _as_docm(docx: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "[Content_Types].xml":
                body = body.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
                body = body.replace(b"application/vnd.openxmlformats-officedocument.ms-word",
                                    b"application/vnd.ms-word")
            dst.writestr(item, body)
    return out.getvalue()


def test_docm_is_read_as_the_docx_it_is(monkeypatch):
    monkeypatch.setattr(convert, "soffice_path", lambda: None)  # never converted
    data = _as_docm(fill_template_2021(known_values("2021")))
    assert convert._DOCM_TYPE in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    _assert_report(extract_bytes("淮阴区交通运输局2023年报.docm", data), "2021", "docm")
