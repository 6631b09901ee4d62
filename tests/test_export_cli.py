from gkstudy.cli import main
from export_fixtures import extract_samples


def test_export_command_writes_the_asked_formats(tmp_path, capsys):
    extract_samples(tmp_path / "p")
    assert main(["export", "--formats", "csv,parquet", "--in", str(tmp_path / "p")]) == 0
    out = tmp_path / "p" / "datasets"
    assert (out / "t3_wide.csv").exists() and (out / "t3_wide.parquet").exists()
    assert (out / "datapackage.json").exists() and (out / "codebook.json").exists()
    assert not list(out.glob("*.dta"))
    assert "wrote" in capsys.readouterr().err


def test_unknown_format_is_one_line_naming_the_allowed(tmp_path, capsys):
    assert main(["export", "--formats", "csv,sav", "--in", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sav" in err and "csv, parquet, dta, xlsx" in err


def test_missing_input_is_one_line(tmp_path, capsys):
    assert main(["export", "--in", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gkstudy extract" in err


def test_an_export_removes_the_files_of_an_earlier_one_it_does_not_rewrite(tmp_path, capsys):
    import json

    from gkstudy.datasets.export import export_tables
    from gkstudy.datasets.tables import all_tables, load_processed

    extract_samples(tmp_path / "p")
    out = tmp_path / "p" / "datasets"
    tables = all_tables(load_processed(tmp_path / "p"))  # an earlier export, of two tables to be quick
    export_tables({n: tables[n] for n in ("reports_table", "t4_wide")}, out, "parquet,dta,xlsx")
    assert list(out.glob("*.dta")) and list(out.glob("*.parquet")) and list(out.glob("*.xlsx"))
    (out / "my_notes.txt").write_text("mine", encoding="utf-8")  # not an export's file: left alone
    assert main(["export", "--formats", "csv", "--in", str(tmp_path / "p")]) == 0
    assert not list(out.glob("*.dta")) and not list(out.glob("*.parquet")) and not list(out.glob("*.xlsx"))
    assert (out / "my_notes.txt").is_file()
    assert "removed 5 files of an earlier export" in capsys.readouterr().err  # 2 .dta, 2 .parquet, 1 .xlsx
    listed = {r["path"] for r in json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    assert listed == {p.name for p in out.iterdir()} - {"datapackage.json", "my_notes.txt"}
    # and the other way round: a Parquet-only export leaves no CSV of the earlier one but the codebook's
    assert main(["export", "--formats", "parquet", "--in", str(tmp_path / "p")]) == 0
    assert [p.name for p in out.glob("*.csv")] == ["codebook.csv"]
    listed = {r["path"] for r in json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    assert listed == {p.name for p in out.iterdir()} - {"datapackage.json", "my_notes.txt"}
