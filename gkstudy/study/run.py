"""``gkstudy run``: execute the study notebooks in order with papermill, then render each to
reports/<name>.html. Stops at the first failing notebook, still renders its page, and reports the
notebook, the cell and the error in one line."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

NOTEBOOKS = ("01_extract", "02_validate", "03_findings", "04_teaching")
KERNEL = "python3"


class StudyError(Exception):
    """A run problem to report in one line (unknown parameter, kernel, failed notebook)."""


@dataclass
class RunResult:
    html: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def project_root() -> Path:
    """The folder holding notebooks/ and pyproject.toml (the source checkout)."""
    return Path(__file__).resolve().parents[2]


def declared_parameters(notebook: Path) -> dict[str, str]:
    """Names (and default source) of the variables in the notebook's ``parameters`` cell."""
    import papermill

    params = papermill.inspect_notebook(str(notebook))
    if not params:
        raise StudyError(f"{notebook.name} has no cell tagged 'parameters'")
    return {name: spec.get("default", "") for name, spec in params.items()}


def check_parameters(notebooks: list[Path], parameters: dict) -> dict[Path, dict]:
    """Split the parameters per notebook; a name no notebook declares is an error, not a warning."""
    declared = {nb: declared_parameters(nb) for nb in notebooks}
    known = sorted({name for names in declared.values() for name in names})
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise StudyError(f"unknown parameter {', '.join(repr(u) for u in unknown)}; "
                         f"the notebooks accept: {', '.join(known)}")
    for name, value in parameters.items():
        if not isinstance(value, (str, int, float, bool)):
            raise StudyError(f"parameter {name!r} must be a string or number, got {type(value).__name__}")
    return {nb: {k: v for k, v in parameters.items() if k in names} for nb, names in declared.items()}


def check_kernel() -> str:
    """The python3 kernel must run this environment's python (so it sees this gkstudy)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        raise StudyError(f"no Jupyter kernel named {KERNEL!r}; run: {sys.executable} -m ipykernel install "
                         "--sys-prefix") from None
    exe = spec.argv[0]
    # jupyter_client starts argv[0] == "python"/"python3" with the current interpreter.
    if exe in ("python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}"):
        return sys.executable
    if Path(exe).resolve() != Path(sys.executable).resolve():
        raise StudyError(f"the {KERNEL!r} kernel runs {exe}, not this environment's {sys.executable}; "
                         f"run: {sys.executable} -m ipykernel install --sys-prefix")
    return exe


def _failure_line(nb_name: str, notebook_out: Path, exc) -> str:
    """'03_findings: cell 7 (`fig = charts...`) failed: KeyError: ...' from papermill's error."""
    import nbformat

    cell_no, first_line = "?", ""
    try:
        nb = nbformat.read(str(notebook_out), as_version=4)
        added = {"injected-parameters", "papermill-error-cell-tag"}  # cells papermill inserts: not the author's
        cells = [c for c in nb.cells if not added & set(c.metadata.get("tags", []))]
        for i, cell in enumerate(cells, 1):
            if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                cell_no = str(i)
                first_line = next((x.strip() for x in cell.source.splitlines() if x.strip() and not x.startswith("#")), "")
                break
    except Exception:  # noqa: BLE001 - the message must come out even if the notebook is unreadable
        pass
    error = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', str(exc))}"
    error = " ".join(error.split())[:300]
    where = f"cell {cell_no}" + (f" (`{first_line[:60]}`)" if first_line else "")
    return f"notebook {nb_name}.ipynb failed in {where}: {error}"


def kernel_transport() -> dict:
    """On POSIX the kernel talks over local sockets (ipc): nothing listens on a TCP port, and the
    kernel does not warn about unencrypted TCP on every start. Elsewhere Jupyter's default (tcp)."""
    if os.name != "posix":
        return {}
    return {"kernel_manager_class": "gkstudy.study.kernels.IPCKernelManager"}


def run_study(parameters: dict | None = None, *, root: str | Path | None = None,
              notebooks_dir: str | Path | None = None, reports_dir: str | Path = "reports",
              only: list[str] | None = None, progress: bool | None = None, log=None) -> RunResult:
    """Execute the notebooks (all, or ``only`` these names) in order and render their HTML pages.

    The kernel starts in ``root`` (default: the project folder), so relative paths in parameters
    are relative to it. Executed notebooks are kept in reports_dir/executed/ for inspection.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from gkstudy.study.render import render_html, write_handout, write_index

    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    root = Path(root) if root else project_root()
    nb_dir = Path(notebooks_dir) if notebooks_dir else root / "notebooks"
    out_dir = Path(reports_dir) if Path(reports_dir).is_absolute() else root / reports_dir
    names = list(only) if only else list(NOTEBOOKS)
    missing = [n for n in names if not (nb_dir / f"{n}.ipynb").is_file()]
    if missing:
        raise StudyError(f"no notebook {', '.join(missing)} in {nb_dir} (have: {', '.join(NOTEBOOKS)})")
    paths = [nb_dir / f"{n}.ipynb" for n in names]
    per_notebook = check_parameters(paths, dict(parameters or {}))
    check_kernel()
    if progress is None:
        progress = sys.stderr.isatty()
    result = RunResult()
    started = time.monotonic()
    for k, path in enumerate(paths, 1):
        name = path.stem
        executed = out_dir / "executed" / path.name
        executed.parent.mkdir(parents=True, exist_ok=True)
        log(f"[{k}/{len(paths)}] {name} ...")
        t0 = time.monotonic()
        failure = None
        try:
            papermill.execute_notebook(str(path), str(executed), parameters=per_notebook[path], kernel_name=KERNEL,
                                       cwd=str(root), progress_bar=progress, log_output=False,
                                       report_mode=False, **kernel_transport())
        except PapermillExecutionError as exc:
            failure = _failure_line(name, executed, exc)
        html = out_dir / f"{name}.html"
        if executed.is_file():
            render_html(executed, html)
            result.html.append(html)
            if name == "04_teaching" and not failure:
                result.html.append(write_handout(executed, out_dir)[0])  # the lesson without its answers
        if failure:
            raise StudyError(f"{failure} (page: {html})")
        log(f"[{k}/{len(paths)}] {name} done in {time.monotonic() - t0:.0f}s -> {html}")
    write_index(out_dir, str((parameters or {}).get("lang", "zh")))
    result.seconds = time.monotonic() - started
    return result
