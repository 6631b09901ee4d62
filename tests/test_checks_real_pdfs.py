"""The real PDFs: 洪泽区 2023 prints table 四 totals of 0 under non-zero results; 淮安市 2024 is clean."""

from pathlib import Path


from gkstudy.extract import extract_file

PDFS = Path(__file__).parent / "pdfs"


def errors(name):
    got = extract_file(PDFS / name)
    return {(c["check"], c["row"]) for c in got.checks if c["severity"] == "error" and c["passed"] == "false"}


def test_hongze_2023_fails_t4_row_total():
    assert ("t4_row_total", "review") in errors("淮安市洪泽区人民政府_2023.pdf")


def test_huaian_2024_raises_no_error():
    assert errors("淮安市人民政府_2024.pdf") == set()
