"""Copies of one report in several files (same agency, year and cells) and conflicts (same agency
and year, different cells): marked in reports.csv, listed in conflicts.csv, left out of the exports."""

import json

import pytest

from gkstudy.batch.duplicates import mark_duplicates
from gkstudy.batch.runner import extract_to_dir
from gkstudy.datasets import study_data
from gkstudy.datasets.export import export_processed
from checks_corpus import render, table_numbers
from conftest import read_csv


def report(source, year=2023, agency="通河县浓河镇人民政府", na=0, flagged=0, edition="2021", **extra):
    return {"report_id": source[:1], "source_file": source, "status": "ok", "year": str(year), "edition": edition,
            "agency": agency, "county": "通河县", "county_code": "230128", "cells_na": str(na),
            "cells_flagged": str(flagged), "duplicate_of": "", **extra}


def cells(**values):
    return [{"table": "t3", "row": row, "col": "total", "value": v} for row, v in values.items()]


def test_same_cells_keep_the_best_read_copy_and_conflicts_are_listed():
    rows = [report("a.pdf", flagged=2), report("b.html", agency="浓河镇"), report("c.pdf", na=1),
            report("d.pdf"), report("e.pdf", year=2022)]
    content = {0: cells(received="12", granted="3"), 1: cells(received="12.0", granted="3"),
               2: cells(received="12", granted=""),  # NA in one copy, read in the other: still a copy
               3: cells(received="13", granted="3"), 4: cells(received="12", granted="3")}
    conflicts = mark_duplicates(rows, content.__getitem__)
    # b.html: no NA and no flag, so it is kept; a.pdf (flagged) and c.pdf (one NA) are its copies
    assert [r["duplicate_of"] for r in rows] == ["b.html", "", "b.html", "", ""]
    assert len(conflicts) == 1
    c = conflicts[0]
    assert (c["source_file"], c["other_source_file"], c["cells_differing"]) == ("d.pdf", "b.html", 1)
    assert c["detail"] == "t3.received.total 13 vs 12"


def test_other_edition_is_a_conflict_and_byte_copies_follow_the_kept_report():
    rows = [report("a.pdf", flagged=1), report("a2.pdf", flagged=1), report("b.html"),
            report("c.txt", edition="2019")]
    rows[1]["duplicate_of"] = "a.pdf"  # a byte-identical copy of a.pdf, as the batch marks it
    same = cells(received="5")
    conflicts = mark_duplicates(rows, lambda i: same)
    assert [r["duplicate_of"] for r in rows] == ["b.html", "b.html", "", ""]
    assert [(c["source_file"], c["detail"]) for c in conflicts] == [("c.txt", "edition 2019 vs 2021")]


def test_without_a_name_or_a_year_nothing_is_compared():
    rows = [report("a.pdf", agency=""), report("b.pdf", agency=""), report("c.pdf", year=""), report("d.pdf", year="")]
    assert mark_duplicates(rows, lambda i: pytest.fail("no cells needed")) == []
    assert all(r["duplicate_of"] == "" for r in rows)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Four files of one agency and year (a copy differing by a byte, a byte-identical copy, a
    conflicting version) and one report of another year."""
    base = tmp_path_factory.mktemp("dups")
    raw = base / "raw"
    raw.mkdir()
    t3, t4 = table_numbers(1)
    text = render(t3, t4, year=2023)
    (raw / "a.txt").write_text(text, encoding="utf-8")
    (raw / "b.txt").write_text(text + "\n", encoding="utf-8")  # a re-download: one byte more
    (raw / "e.txt").write_text(text, encoding="utf-8")  # the same bytes: not even extracted again
    t3c = {k: list(v) for k, v in t3.items()}
    t3c["received"][0] += 1  # another version: one cell differs (its identities break too)
    (raw / "c.txt").write_text(render(t3c, t4, year=2023), encoding="utf-8")
    t3d, _ = table_numbers(2)
    (raw / "d.txt").write_text(render(t3d, t4, year=2022, date="2023年1月12日"), encoding="utf-8")
    summary = extract_to_dir([raw], base / "out", jobs=1, progress=False)
    return base / "out", summary


def test_batch_marks_copies_and_writes_conflicts(batch):
    out, summary = batch
    rows = {r["source_file"].rsplit("/", 1)[-1]: r for r in read_csv(out / "reports.csv")}
    assert rows["b.txt"]["duplicate_of"].endswith("a.txt") and rows["e.txt"]["duplicate_of"].endswith("a.txt")
    assert rows["a.txt"]["duplicate_of"] == rows["c.txt"]["duplicate_of"] == rows["d.txt"]["duplicate_of"] == ""
    conflicts = read_csv(out / "conflicts.csv")
    assert [(c["source_file"].rsplit("/", 1)[-1], c["other_source_file"].rsplit("/", 1)[-1]) for c in conflicts] \
        == [("c.txt", "a.txt")]
    assert conflicts[0]["cells_differing"] == "1" and conflicts[0]["detail"].startswith("t3.received.natural_person ")
    assert "2 copies of another report (duplicate_of); 1 conflicts (conflicts.csv)" in summary.line()
    # a conflict leaves "last year's report" a guess: d.txt (2022) is compared with no 2023 report
    assert read_csv(out / "crossyear.csv") == []


def test_study_data_counts_and_leaves_out_copies(batch):
    out, _ = batch
    data = study_data.load_processed(out)
    assert study_data.count_duplicates(data.reports) == 2
    kept = study_data.without_duplicates(data.reports)
    assert sorted(kept["source_file"].str.rsplit("/", n=1).str[-1]) == ["a.txt", "c.txt", "d.txt"]
    assert list(data.conflicts["source_file"].str.rsplit("/", n=1).str[-1]) == ["c.txt"]
    assert len(study_data.analysable_reports(data.reports)) == 3


def test_exports_leave_copies_out_and_say_how_many(batch, tmp_path):
    out, _ = batch
    result = export_processed(out, tmp_path / "ds", "csv")
    assert result.duplicates_left_out == 2 and "left out 2 duplicate" in result.line()
    reports = read_csv(tmp_path / "ds" / "reports_table.csv")
    # one row per report: the byte-identical e.txt shared a.txt's report_id, and is gone with b.txt
    assert sorted(r["source_file"].rsplit("/", 1)[-1] for r in reports) == ["a.txt", "c.txt", "d.txt"]
    ids = {r["report_id"] for r in reports}
    assert len(ids) == 3 and {r["report_id"] for r in read_csv(tmp_path / "ds" / "cells_long.csv")} == ids
    package = json.loads((tmp_path / "ds" / "datapackage.json").read_text(encoding="utf-8"))
    assert "2 input files were left out as a copy of another report" in package["description"]

