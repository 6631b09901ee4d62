"""Small helpers the study notebooks call, so the notebooks stay thin: find the project folder,
parse list parameters, show the run's provenance, and show tables with report text escaped."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from gkstudy import __version__
from gkstudy.core.escape import html_text
from gkstudy.batch.inputs import report_files, sha256_of_file


def chdir_to_project(marker: str = "pyproject.toml") -> Path:
    """Make relative parameter paths (data/raw, ...) work both under ``gkstudy run`` (which starts the
    kernel in the project folder) and in JupyterLab (which starts it in notebooks/)."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / marker).is_file() and (folder / "gkstudy").is_dir():
            os.chdir(folder)
            return folder
    return here


def parse_list(text) -> list[str]:
    """'2024 2025' or '2024,2025' -> ['2024', '2025']; '' or None -> [] (meaning: all)."""
    if text is None:
        return []
    if isinstance(text, (list, tuple)):
        return [str(x) for x in text]
    return [x for x in str(text).replace(",", " ").split() if x]


def input_files(raw_dir: str | Path) -> list[tuple[str, str]]:
    """(path, sha256) of every report file under raw_dir, sorted — what the study read (hidden
    files and folders skipped, as ``gkstudy extract`` skips them)."""
    root = Path(raw_dir)
    files = report_files(root) if root.is_dir() else []
    return [(str(p), sha256_of_file(p)) for p in files]


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts shown as counts: float columns (and float cells in mixed columns) that hold whole
    numbers become integers, NA stays NA — '3', not '3.0'."""
    out = frame.copy()
    for c in out.columns:
        s = out[c]
        if pd.api.types.is_float_dtype(s):
            v = s.dropna()
            if len(v) == 0 or (v == v.round()).all():
                out[c] = s.astype("Int64")
        elif s.dtype == object:
            out[c] = s.map(lambda x: int(x) if isinstance(x, float) and not pd.isna(x) and x.is_integer() else x)
    return out


def escaped_table(frame: pd.DataFrame, max_rows: int | None = 60) -> str:
    """HTML of a table with every cell escaped (agency names and report text can contain markup)."""
    shown = frame if max_rows is None or len(frame) <= max_rows else frame.head(max_rows)
    out = whole_numbers(shown).to_html(escape=True, index=False, na_rep="NA", border=0, classes="gk-table")
    out = out.replace(">nan<", ">NA<").replace(">&lt;NA&gt;<", ">NA<")
    if shown is not frame:
        out += f"<p><em>first {max_rows} of {len(frame)} rows</em></p>"
    return out


def show_table(frame: pd.DataFrame, max_rows: int | None = 60) -> None:
    from IPython.display import HTML, display

    display(HTML(escaped_table(frame, max_rows)))


def show_text(text: str) -> None:
    """A line of text that may contain report text: escaped, shown as HTML."""
    from IPython.display import HTML, display

    display(HTML(f"<p>{html_text(text)}</p>"))


def show_code(text: str) -> None:
    """Lines to be copied as they are (a CSV, a command): escaped, in a preformatted block."""
    from IPython.display import HTML, display

    display(HTML(f"<pre>{html_text(text)}</pre>"))


def show_figure(fig) -> None:
    """Show a figure once as PNG (embedded in the HTML page) and free it."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)  # closed before the cell ends, so the inline backend does not show it twice


KEY_PACKAGES = ("pandas", "numpy", "matplotlib", "pypdfium2", "pdfplumber", "camelot-py", "papermill", "nbconvert")
DATASETS = ("reports.csv", "cells.csv", "checks.csv", "long.csv", "wide.csv")


FILTERS = ("years", "provinces", "levels")  # an empty filter means every report


def show_value(value, name: str = "", lang: str = "en") -> str:
    """A parameter value as a reader reads it, in the page's language: an empty filter is 'all',
    another empty value 'the default', lists joined, no Python quotes."""
    if lang == "zh":
        empty = "（空：全部）" if name in FILTERS else "（空：默认）"
    else:
        empty = "(empty: all)" if name in FILTERS else "(empty: default)"
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value) or empty
    if isinstance(value, str):
        return value if value.strip() else empty
    return str(value)


def git_commit(folder: Path | None = None) -> str:
    """The commit of the checkout the kit runs from ('+ local changes' if dirty), or 'not a git checkout'."""
    import subprocess

    folder = folder or Path(__file__).resolve().parents[2]
    try:
        head = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=10)
        if head.returncode != 0:
            return "not a git checkout"
        dirty = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    return f"git {head.stdout.strip()[:12]}" + (" + local changes" if dirty else "")


def package_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    import platform

    out = {"Python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out


def dataset_checksums(processed_dir: str | Path | None) -> dict[str, str]:
    """sha256 of the datasets in processed_dir that exist (what the page's numbers come from)."""
    if processed_dir is None:
        return {}
    d = Path(processed_dir)
    return {name: sha256_of_file(d / name) for name in DATASETS if (d / name).is_file()}


def run_header(parameters: dict, raw_dir: str | Path, max_files: int = 25, processed_dir: str | Path | None = None) -> str:
    """HTML block: gkstudy version and commit, Python and key packages, parameters, the input files
    and the datasets with their sha256, the time of the run, and a 'cite this run' text."""
    from gkstudy.study.citation import cite_this_run

    files = input_files(raw_dir)
    combined = hashlib.sha256("".join(f"{sha}  {p}\n" for p, sha in files).encode()).hexdigest()
    e = html_text
    lang = "zh" if str(parameters.get("lang", "zh")) == "zh" else "en"
    params = "".join(f"<tr><td><code>{e(k)}</code></td><td>{e(show_value(v, k, lang))}</td></tr>"
                     for k, v in parameters.items())
    rows = "".join(f"<tr><td>{e(p)}</td><td><code>{sha}</code></td></tr>" for p, sha in files[:max_files])
    more = f"<p><em>… and {len(files) - max_files} more (all in reports.csv, column sha256)</em></p>" if len(files) > max_files else ""
    now = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    commit = git_commit()
    versions = " · ".join(f"{k} {v}" for k, v in package_versions().items())
    sums = dataset_checksums(processed_dir)
    data_rows = "".join(f"<tr><td>{e(n)}</td><td><code>{sha}</code></td></tr>" for n, sha in sums.items())
    cite = cite_this_run(Path(__file__).resolve().parents[2] / "CITATION.cff", commit=commit, datasets=sums,
                         date=now[:10])
    zh = lang == "zh"
    w = (lambda z, en: z if zh else en)
    return (f"<div class='gk-provenance'><p><strong>gkstudy {e(__version__)}</strong> ({e(commit)}) · "
            f"{w('运行于', 'run at')} {now}</p><p><small>{e(versions)}</small></p>"
            f"<table><tr><th>{w('参数', 'parameter')}</th><th>{w('取值', 'value')}</th></tr>{params}</table>"
            f"<p>{w(f'输入文件 {len(files)} 个，位于', f'{len(files)} input files under')} <code>{e(str(raw_dir))}</code>; "
            f"{w('排序后校验和列表的 sha256', 'sha256 of the sorted checksum list')}: <code>{combined}</code></p>"
            f"<details><summary>{w('输入文件及其 sha256', 'input files and sha256')}</summary><table>{rows}</table>{more}</details>"
            + (f"<details><summary>{w('数据集及其 sha256', 'datasets and sha256')}</summary><table>{data_rows}</table></details>"
               if sums else "")
            + f"<details><summary>{w('引用本次运行（cite this run）', 'cite this run')}</summary><p>{e(cite)}</p></details></div>")


def show_run_header(parameters: dict, raw_dir: str | Path, processed_dir: str | Path | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(run_header(parameters, raw_dir, processed_dir=processed_dir)))

