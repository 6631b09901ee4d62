"""One reader registry: every format list (CLI help, docs, walker) comes from readers.READERS, and
one folder walker skips hidden files and folders for extraction and the notebooks alike."""

from collections import Counter
from pathlib import Path

from gkstudy.batch.runner import find_inputs
from gkstudy.cli import build_parser
from gkstudy.batch.inputs import report_files
from gkstudy.readers import FORMATS, READERS
from gkstudy.study.nbsupport import input_files

ROOT = Path(__file__).resolve().parent.parent


def test_every_registered_reader_loads_and_the_docs_list_the_registry():
    assert [r.format for r in READERS][:4] == ["pdf", "docx", "html", "txt"]
    assert {"xlsx", "xls", "ods", "et", "doc", "wps", "rtf", "odt", "docm"} <= {r.format for r in READERS}
    assert all(callable(r.load()) for r in READERS)
    assert set(FORMATS.values()) == {r.format for r in READERS}
    contract = (ROOT / "docs" / "DATA_CONTRACT.md").read_text(encoding="utf-8")
    assert f"`{' '.join(FORMATS)}`" in contract
    assert f"| format | {', '.join(r.format for r in READERS)} |" in contract
    from gkstudy.core import variables
    assert variables.find("format", ("report",)).allowed == tuple(r.format for r in READERS)  # the codebook's list
    formats_doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    headings = "\n".join(line for line in formats_doc.splitlines() if line.startswith("## "))
    # every format has its section: named by format (## PDF) or by suffix (## Spreadsheets: .xlsx, …)
    assert all(f"## {r.format.upper()}" in headings or any(s in headings for s in r.suffixes) for r in READERS)


def test_extract_help_names_the_registered_suffixes(capsys):
    parser = build_parser()
    try:
        parser.parse_args(["extract", "--help"])
    except SystemExit:
        pass
    assert " ".join(FORMATS) in " ".join(capsys.readouterr().out.split())


def test_hidden_files_and_folders_are_skipped_by_extract_and_by_the_notebooks(tmp_path):
    for name in ("a.txt", "sub/b.pdf", ".hidden.txt", ".git/c.txt", "sub/.ipynb_checkpoints/d.txt",
                 "e.ofd", ".f.ofd", "g.docm", "README.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    expected = [tmp_path / "a.txt", tmp_path / "g.docm", tmp_path / "sub" / "b.pdf"]
    assert report_files(tmp_path) == expected
    skipped = Counter()
    assert [p for p, _ in find_inputs([tmp_path], skipped)] == expected
    assert skipped == Counter({".ofd": 1})
    assert [p for p, _ in input_files(tmp_path)] == [str(p) for p in expected]


def test_pictures_saved_with_a_page_are_left_out_by_extract_and_by_the_notebooks(tmp_path):
    (tmp_path / "report_files").mkdir()
    (tmp_path / "report.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "report_files" / "table.png").write_bytes(b"\x89PNG")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    expected = [tmp_path / "report.html", tmp_path / "scan.png"]
    assert report_files(tmp_path) == expected
    assert [p for p, _ in find_inputs([tmp_path])] == expected
    assert [p for p, _ in input_files(tmp_path)] == [str(p) for p in expected]
