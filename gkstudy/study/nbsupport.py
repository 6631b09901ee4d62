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
from gkstudy.batch.inputs import report_files


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
    return [(str(p), hashlib.sha256(p.read_bytes()).hexdigest()) for p in files]


def escaped_table(frame: pd.DataFrame, max_rows: int | None = 60) -> str:
    """HTML of a table with every cell escaped (agency names and report text can contain markup)."""
    shown = frame if max_rows is None or len(frame) <= max_rows else frame.head(max_rows)
    out = shown.to_html(escape=True, index=False, na_rep="NA", border=0, classes="gk-table")
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


def show_figure(fig) -> None:
    """Show a figure once as PNG (embedded in the HTML page) and free it."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    display(fig)
    plt.close(fig)  # closed before the cell ends, so the inline backend does not show it twice


def run_header(parameters: dict, raw_dir: str | Path, max_files: int = 25) -> str:
    """HTML block: gkstudy version, parameters, number and sha256 of input files, time of the run."""
    files = input_files(raw_dir)
    combined = hashlib.sha256("".join(f"{sha}  {p}\n" for p, sha in files).encode()).hexdigest()
    params = "".join(f"<tr><td><code>{html_text(k)}</code></td><td><code>{html_text(repr(v))}</code></td></tr>"
                     for k, v in parameters.items())
    rows = "".join(f"<tr><td>{html_text(p)}</td><td><code>{sha}</code></td></tr>" for p, sha in files[:max_files])
    more = f"<p><em>… and {len(files) - max_files} more (all in reports.csv, column sha256)</em></p>" if len(files) > max_files else ""
    now = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    return (f"<div class='gk-provenance'><p><strong>gkstudy {html_text(__version__)}</strong> · run at {now}</p>"
            f"<table><tr><th>parameter</th><th>value</th></tr>{params}</table>"
            f"<p>{len(files)} input files under <code>{html_text(str(raw_dir))}</code>; "
            f"sha256 of the sorted checksum list: <code>{combined}</code></p>"
            f"<details><summary>input files and sha256</summary><table>{rows}</table>{more}</details></div>")


def show_run_header(parameters: dict, raw_dir: str | Path) -> None:
    from IPython.display import HTML, display

    display(HTML(run_header(parameters, raw_dir)))
