import pytest

from gkstudy.cli import build_parser, main
from conftest import SAMPLES, read_csv


def test_extract_writes_the_three_files(tmp_path, capsys):
    assert main(["extract", str(SAMPLES), "--out", str(tmp_path), "--jobs", "1"]) == 0
    reports = read_csv(tmp_path / "reports.csv")
    assert len(reports) == 8  # 5 text seeds + 3 real PDFs
    assert {r["status"] for r in reports} <= {"ok", "partial"}
    cells = read_csv(tmp_path / "cells.csv")
    txt = 2 * (22 + 161 + 15) + 1 * (22 + 161 + 15) + 2 * (10 + 175 + 15)
    # the PDFs are 2021-edition; the two 洪泽区 reports add their printed single （六） row
    pdf = 3 * (10 + 175 + 15) + 2 * 7
    assert len(cells) == txt + pdf
    assert read_csv(tmp_path / "checks.csv")
    assert "8 reports" in capsys.readouterr().err


def test_parallel_run_writes_the_same_files(tmp_path, samples_processed):
    assert main(["extract", str(SAMPLES), "--out", str(tmp_path / "b"), "--jobs", "2"]) == 0
    for name in ("reports.csv", "cells.csv", "checks.csv"):
        assert (samples_processed / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize("argv, message", [
    (["extract", "no/such/file.pdf", "--out", "x"], "input not found: no/such/file.pdf"),
    (["extract", "--out", "x"], "the following arguments are required"),
    (["extract", "a.txt"], "--out"),
    (["extract", "a.txt", "--out", "x", "--jobs", "0"], "expected 1 or more"),
    (["frobnicate"], "invalid choice"),
])
def test_usage_mistakes_are_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_unwritable_output_folder(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["extract", str(SAMPLES), "--out", str(blocker / "sub")]) == 2
    assert "cannot write to output folder" in capsys.readouterr().err


def test_every_command_has_help_with_an_example():
    parser = build_parser()
    assert "example" in parser.format_help()
    subparsers = parser._subparsers._group_actions[0].choices
    assert subparsers
    for name, sub in subparsers.items():
        text = sub.format_help()
        assert "example" in text and f"gkstudy {name}" in text, name


def test_report_columns_are_unique():
    from gkstudy.contract import REPORT_COLUMNS
    assert len(REPORT_COLUMNS) == len(set(REPORT_COLUMNS))


def test_files_of_other_types_in_a_folder_are_counted(tmp_path, capsys):
    # .doc/.wps/.xls/... are read now (readers/convert.py, readers/spreadsheet.py); OFD and archives are not
    from gkstudy.cli import main

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("not a report", encoding="utf-8")
    (raw / "b.ofd").write_bytes(b"PK\x03\x04")
    (raw / "c.ofd").write_bytes(b"PK\x03\x04")
    (raw / "d.rar").write_bytes(b"x")
    (raw / "e.xls").write_bytes(b"x")  # a spreadsheet: extracted (and failed), not skipped
    (raw / "README.md").write_text("about these reports", encoding="utf-8")  # not a report: not counted
    (raw / ".hidden").mkdir()
    (raw / ".hidden" / "f.ofd").write_bytes(b"x")
    assert main(["extract", str(raw), "--out", str(tmp_path / "out"), "--jobs", "1", "--no-progress"]) == 0
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert "2 reports" in line
    assert "skipped 3 files of other types in the folders (2 .ofd, 1 .rar)" in line
