"""`gkstudy run`: parameter checking, kernel resolution, one-line failures with the failed page."""

import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from gkstudy.cli import main
from gkstudy.study.run import StudyError, check_kernel, run_study


def test_unknown_parameter_is_rejected_in_one_line(capsys):
    assert main(["run", "-p", "yeers", "2024", "--reports-dir", "/nonexistent/never-written"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gkstudy: error: unknown parameter 'yeers'; the notebooks accept:")
    assert "years" in err and err.count("\n") == 1


def test_python3_kernel_runs_this_environment():
    assert check_kernel() == sys.executable or check_kernel().endswith("python")


def _notebook(path, failing: bool):
    params = new_code_cell("x = 1")
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
    with pytest.raises(StudyError) as info:
        run_study({"x": 2}, root=tmp_path, notebooks_dir=nbs, reports_dir=str(tmp_path / "out"),
                  only=["01_extract"], progress=False, log=lambda _l: None)
    message = str(info.value)
    assert "notebook 01_extract.ipynb failed in cell 3" in message
    assert "raise ValueError('boom')" in message and "ValueError: boom" in message
    assert "\n" not in message
    page = (tmp_path / "out" / "01_extract.html").read_text(encoding="utf-8")
    assert "boom" in page and "raise ValueError" not in page.split("Traceback")[0].split("</style>")[-1]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="ipc sockets are POSIX")
def test_notebooks_run_on_local_sockets_without_the_tcp_warning(tmp_path, capfd):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs / "01_extract.ipynb", failing=False)
    run_study({}, root=tmp_path, notebooks_dir=nbs, reports_dir=str(tmp_path / "out"),
              only=["01_extract"], progress=False, log=lambda _l: None)
    err = capfd.readouterr().err
    assert "without encryption" not in err
    assert (tmp_path / "out" / "01_extract.html").is_file()


def test_two_kernels_started_in_one_folder_get_their_own_sockets():
    # Two runs in the same folder (two test workers) used to share kernel-ipc-N and time out.
    from gkstudy.study.kernels import IPCKernelManager
    a, b = IPCKernelManager(), IPCKernelManager()
    assert a.ip != b.ip and a.ip.endswith("kernel-ipc") and not a.ip.startswith("kernel-ipc")
    for km in (a, b):
        km._socket_dir.rmdir()
