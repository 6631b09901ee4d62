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
