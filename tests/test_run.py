"""`gkstudy run`: parameter checking, kernel resolution, one-line failures with the failed page."""

import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from gkstudy.cli import main
from gkstudy.study.run import StudyError, StudyUsageError, check_kernel, run_study


def test_unknown_parameter_is_rejected_in_one_line(capsys):
    assert main(["run", "-p", "yeers", "2024", "--reports-dir", "/nonexistent/never-written"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gkstudy: error: unknown parameter 'yeers'; the notebooks accept:")
    assert "years" in err and err.count("\n") == 1


def test_python3_kernel_runs_this_environment():
    assert check_kernel() == sys.executable or check_kernel().endswith("python")


def _notebook(path, failing: bool, parameters: str = "x = 1"):
    params = new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    cells = [params, new_code_cell("print('before')")]
    if failing:
        cells.append(new_code_cell("# the broken cell\nraise ValueError('boom')"))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


@pytest.mark.slow
def test_failure_names_notebook_cell_and_error_and_still_renders(tmp_path):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs / "01_extract.ipynb", failing=True)
    _notebook(nbs / "02_validate.ipynb", failing=False)
    (tmp_path / "out").mkdir()
    old = tmp_path / "out" / "02_validate.html"
    old.write_text("<p>a page of an earlier run</p>", encoding="utf-8")
    with pytest.raises(StudyError) as info:
        run_study({"x": 2}, root=tmp_path, notebooks_dir=nbs, reports_dir=str(tmp_path / "out"),
                  only=["01_extract", "02_validate"], progress=False, log=lambda _l: None)
    message = str(info.value)
    assert "notebook 01_extract.ipynb failed in cell 3" in message
    # the run stopped before 02_validate: its old page does not stand beside the new one, silently
    assert not old.exists() and message.endswith("; old pages of 02_validate removed (not rerun)")
    assert "raise ValueError('boom')" in message and "ValueError: boom" in message
    assert "\n" not in message
    page = (tmp_path / "out" / "01_extract.html").read_text(encoding="utf-8")
    assert "boom" in page and "raise ValueError" not in page.split("Traceback")[0].split("</style>")[-1]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="ipc sockets are POSIX")
def test_notebooks_run_on_local_sockets_without_the_tcp_warning(tmp_path, capfd):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    for name in ("01_extract", "02_validate"):
        _notebook(nbs / f"{name}.ipynb", failing=False, parameters='processed_dir = "data/processed"\nyears = ""')
    (tmp_path / "out").mkdir()
    old = tmp_path / "out" / "02_validate.html"
    old.write_text("<p>a page of an earlier run</p>", encoding="utf-8")
    # 01_extract runs; then the data is there, and 2031 is not in it: 02_validate is not drawn empty
    with pytest.raises(StudyUsageError) as info:
        run_study({"years": "2031", "processed_dir": str(_processed(tmp_path))}, root=tmp_path, notebooks_dir=nbs,
                  reports_dir=str(tmp_path / "out"), only=["01_extract", "02_validate"], progress=False,
                  log=lambda _l: None)
    err = capfd.readouterr().err
    assert "without encryption" not in err
    assert (tmp_path / "out" / "01_extract.html").is_file()
    assert str(info.value).startswith("--years 2031: no report with tables has it")
    assert str(info.value).endswith("; old pages of 02_validate removed (not rerun)") and not old.exists()


def _processed(tmp_path):
    """A reports.csv with two reports of 江苏省 (a county in 2023, a city in 2024) and one failed file."""
    from gkstudy.contract import REPORTS_CSV_COLUMNS

    rows = [dict(status="ok", year="2023", province="江苏省", level="county"),
            dict(status="partial", year="2024", province="江苏省", level="city"),
            dict(status="failed", year="2019", province="浙江省", level="province")]
    folder = tmp_path / "processed"
    folder.mkdir()
    with open(folder / "reports.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(REPORTS_CSV_COLUMNS) + "\n")
        for row in rows:
            fh.write(",".join(row.get(c, "") for c in REPORTS_CSV_COLUMNS) + "\n")
    return folder


@pytest.mark.parametrize("argv, message", [
    (["--provinces", "江苏"], "--provinces 江苏: not a province's full name (did you mean 江苏省?); "
                            "provinces in {csv}: 江苏省"),
    (["--levels", "市"], "--levels 市: not a level (province city county township)"),
    (["--years", "24"], "--years 24: not a year (four digits, e.g. 2024); years in {csv}: 2023 2024"),
    (["--years", "2019", "--only", "03_findings"], "--years 2019: no report with tables has it in {csv}; "
                                                   "years there: 2023 2024"),
    (["--provinces", "浙江省", "--only", "02_validate"], "--provinces 浙江省: no report with tables has it"),
    (["--years", "2023", "--levels", "city", "--only", "02_validate"],
     "--years 2023 --levels city: each value is in {csv}, but no report has them together"),
    (["-p", "jobs", "two"], "parameter 'jobs' of 01_extract.ipynb takes a whole number (default 0), got 'two'"),
    (["--only", "05_nothing"], "no notebook 05_nothing"),
])
def test_selection_and_parameter_mistakes_exit_2_in_one_line(tmp_path, capsys, argv, message):
    processed = _processed(tmp_path)
    out = tmp_path / "reports"
    out.mkdir()
    (out / "03_findings.html").write_text("old", encoding="utf-8")
    assert main(["run", "--processed-dir", str(processed), "--reports-dir", str(out), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gkstudy: error: " + message.format(csv=processed / "reports.csv"))
    assert err.count("\n") == 1 and "Traceback" not in err
    assert (out / "03_findings.html").exists()  # refused before any page was written: nothing to mix with


def test_two_kernels_started_in_one_folder_get_their_own_sockets():
    # Two runs in the same folder (two test workers) used to share kernel-ipc-N and time out.
    from gkstudy.study.kernels import IPCKernelManager
    a, b = IPCKernelManager(), IPCKernelManager()
    assert a.ip != b.ip and a.ip.endswith("kernel-ipc") and not a.ip.startswith("kernel-ipc")
    for km in (a, b):
        km._socket_dir.rmdir()
