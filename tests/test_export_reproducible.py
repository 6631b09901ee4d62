"""Rerunning the export on the same inputs gives byte-identical CSV, Parquet, Stata and Excel files."""

import time

from gkstudy.datasets.export import export_processed
from gkstudy.batch.runner import extract_to_dir
from conftest import SAMPLES


def test_export_twice_gives_the_same_bytes(tmp_path):
    processed = tmp_path / "processed"
    extract_to_dir([SAMPLES / "000_53e3757f6c2b577b.txt", SAMPLES / "003_b8ab7f4a548cfaef.txt"], processed,
                   jobs=1, progress=False)
    first = export_processed(processed, tmp_path / "a", "csv,parquet,dta,xlsx")
    time.sleep(2.1)  # zip entries store the time in 2-second steps
    export_processed(processed, tmp_path / "b", "csv,parquet,dta,xlsx")
    names = sorted(p.name for p in first.files)
    assert {n.rsplit(".", 1)[-1] for n in names} >= {"csv", "parquet", "dta", "xlsx"}
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_stata_files_carry_the_fixed_time_stamp(tmp_path):
    import pandas as pd

    processed = tmp_path / "processed"
    extract_to_dir([SAMPLES / "003_b8ab7f4a548cfaef.txt"], processed, jobs=1, progress=False)
    result = export_processed(processed, tmp_path / "out", "dta")
    dta = next(p for p in result.files if p.suffix == ".dta")
    with pd.io.stata.StataReader(dta) as reader:
        assert reader.time_stamp == "01 Jan 2000 00:00"
