"""``gkstudy run``: execute the study notebooks in order with papermill, then render each to
reports/<name>.html. Stops at the first failing notebook, still renders its page, and reports the
notebook, the cell and the error in one line. The pages of the notebooks a stopped run did not reach
are removed (they came from an earlier run, perhaps on other data) and the line says so: the folder
never holds a silent mix of new and old pages.

Usage mistakes are refused before anything runs where that is possible: an unknown parameter, a
value of the wrong type for the notebook's parameter, a misspelt year, province or level; a year,
province or level the data does not have is refused once the data is there (after 01_extract).
"""

from __future__ import annotations

import ast
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

NOTEBOOKS = ("01_extract", "02_validate", "03_findings", "04_teaching", "05_review")
KERNEL = "python3"


class StudyError(Exception):
    """A run problem to report in one line (unknown parameter, kernel, failed notebook)."""


class StudyUsageError(StudyError):
    """A mistake in the run's arguments (the command exits 2, as for every usage error)."""


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


def check_parameters(notebooks: list[Path], parameters: dict, declared: dict[Path, dict] | None = None
                     ) -> dict[Path, dict]:
    """Split the parameters per notebook, each of the type of the notebook's default; a name no
    notebook declares is an error, not a warning. ``declared``: ``declared_parameters`` per notebook."""
    declared = declared or {nb: declared_parameters(nb) for nb in notebooks}
    known = sorted({name for names in declared.values() for name in names})
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise StudyUsageError(f"unknown parameter {', '.join(repr(u) for u in unknown)}; "
                              f"the notebooks accept: {', '.join(known)}")
    for name, value in parameters.items():
        if not isinstance(value, (str, int, float, bool)):
            raise StudyUsageError(f"parameter {name!r} must be a string or number, got {type(value).__name__}")
    return {nb: {k: typed_parameter(nb, k, v, names[k]) for k, v in parameters.items() if k in names}
            for nb, names in declared.items()}


_KINDS = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}
_BOOLS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


def typed_parameter(notebook: Path, name: str, value, default_source: str):
    """``value`` as the type of the notebook's default (``jobs = 0`` takes a whole number): text from
    the command line is converted, a value that cannot be is a one-line usage error."""
    try:
        kind = type(ast.literal_eval(default_source))
    except (ValueError, SyntaxError):
        return value  # a default that is an expression: nothing to check against
    if kind not in _KINDS:  # e.g. None: any value
        return value
    if kind is str:
        return str(value)
    converted = _converted(kind, value)
    if converted is None:
        raise StudyUsageError(f"parameter {name!r} of {notebook.name} takes {_KINDS[kind]} "
                              f"(default {default_source}), got {value!r}")
    return converted


def _converted(kind: type, value):
    """``value`` as ``kind`` (bool, int or float), or None when it is not one."""
    if kind is bool:
        return value if isinstance(value, bool) else _BOOLS.get(str(value).strip().lower())
    if isinstance(value, bool):
        return None  # True is not a number of workers
    if isinstance(value, (int, float)):
        return float(value) if kind is float else int(value) if value == int(value) else None
    try:
        return kind(str(value).strip())
    except ValueError:
        return None


def _processed_reports(parameters: dict, declared: dict[Path, dict[str, str]], root: Path) -> Path:
    """The reports.csv the selection parameters are checked against (the notebooks' processed_dir)."""
    folder = parameters.get("processed_dir")
    if folder is None:
        defaults = [names["processed_dir"] for names in declared.values() if "processed_dir" in names]
        folder = ast.literal_eval(defaults[0]) if defaults else "data/processed"
    folder = Path(folder)
    return (folder if folder.is_absolute() else root / folder) / "reports.csv"


def remove_pages(names: list[str], out_dir: Path) -> list[str]:
    """Remove the pages (and executed notebooks) of ``names`` left by an earlier run; the names removed."""
    removed = []
    for name in names:
        found = [p for p in (out_dir / f"{name}.html", out_dir / "executed" / f"{name}.ipynb") if p.is_file()]
        for path in found:
            path.unlink()
        if found:
            removed.append(name)
    return removed


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

    from gkstudy.study.filters import data_problems, spelling_problems
    from gkstudy.study.render import render_html, write_handout, write_index

    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    root = Path(root) if root else project_root()
    nb_dir = Path(notebooks_dir) if notebooks_dir else root / "notebooks"
    out_dir = Path(reports_dir) if Path(reports_dir).is_absolute() else root / reports_dir
    names = list(only) if only else list(NOTEBOOKS)
    missing = [n for n in names if not (nb_dir / f"{n}.ipynb").is_file()]
    if missing:
        raise StudyUsageError(f"no notebook {', '.join(missing)} in {nb_dir} (have: {', '.join(NOTEBOOKS)})")
    paths = [nb_dir / f"{n}.ipynb" for n in names]
    parameters = dict(parameters or {})
    declared = {p: declared_parameters(p) for p in paths}
    per_notebook = check_parameters(paths, parameters, declared)
    reports_csv = _processed_reports(parameters, declared, root)
    problem = spelling_problems(parameters, reports_csv)
    if problem:
        raise StudyUsageError(problem)
    check_kernel()
    if progress is None:
        progress = sys.stderr.isatty()
    result = RunResult()
    started = time.monotonic()
    reached = 0  # notebooks whose page this run wrote
    try:
        for k, path in enumerate(paths, 1):
            if k == 1 and path.stem != "01_extract" or k > 1 and paths[k - 2].stem == "01_extract":
                problem = data_problems(parameters, reports_csv)  # the data is there now: does the selection select?
                if problem:
                    raise StudyUsageError(problem)
            name = path.stem
            executed = out_dir / "executed" / path.name
            executed.parent.mkdir(parents=True, exist_ok=True)
            log(f"[{k}/{len(paths)}] {name} ...")
            t0 = time.monotonic()
            failure = None
            try:
                papermill.execute_notebook(str(path), str(executed), parameters=per_notebook[path],
                                           kernel_name=KERNEL, cwd=str(root), progress_bar=progress,
                                           log_output=False, report_mode=False, **kernel_transport())
            except PapermillExecutionError as exc:
                failure = _failure_line(name, executed, exc)
            html = out_dir / f"{name}.html"
            if executed.is_file():
                render_html(executed, html)
                result.html.append(html)
                reached = k
                if name == "04_teaching" and not failure:
                    result.html.append(write_handout(executed, out_dir)[0])  # the lesson without its answers
            if failure:
                raise StudyError(f"{failure} (page: {html})")
            log(f"[{k}/{len(paths)}] {name} done in {time.monotonic() - t0:.0f}s -> {html}")
    except StudyError as exc:
        # pages were written by this run: those of the notebooks it did not reach would be a silent mix
        removed = remove_pages([p.stem for p in paths[reached:]], out_dir) if reached else []
        note = f"; old pages of {', '.join(removed)} removed (not rerun)" if removed else ""
        raise type(exc)(f"{exc}{note}") from None
    write_index(out_dir, str((parameters or {}).get("lang", "zh")))
    result.seconds = time.monotonic() - started
    return result
