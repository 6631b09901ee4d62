"""The README's worked example of a correction, run line by line as a reader would (in a scratch
folder holding the sample): gkstudy commands in-process, the shell lines through bash. The output
folder starts with the session's cached reading of the sample (the cache replays the same bytes a
fresh reading gives, tests/test_cache.py), so the PDF is not read once more here."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess

from conftest import ROOT, SAMPLES, read_csv, with_readings
from gkstudy.cli import main

BLOCK = re.compile(r"<!-- README-EXAMPLE: corrections[^>]*-->\s*```sh\n(.*?)```", re.S)
HEREDOC = re.compile(r"^cat > (\S+) <<'EOF'\n(.*?)^EOF\n", re.S | re.M)


def _steps(text: str):
    """('gkstudy', argv) | ('file', (path, body)) | ('sh', line), in order."""
    block = BLOCK.search(text).group(1)
    pos = 0
    for m in HEREDOC.finditer(block):
        yield from _lines(block[pos:m.start()])
        yield "file", (m.group(1), m.group(2))
        pos = m.end()
    yield from _lines(block[pos:])


def _lines(chunk: str):
    for line in chunk.splitlines():
        command = line.split("  #")[0].strip()
        if command.startswith(".venv/bin/gkstudy "):
            yield "gkstudy", shlex.split(command)[1:]
        elif command:
            yield "sh", command


def test_the_readme_correction_example_runs_and_does_what_it_says(tmp_path, monkeypatch, capsys, hongze_read):
    with_readings(hongze_read, tmp_path / "out" / "hongze")
    (tmp_path / "data" / "raw" / "samples").mkdir(parents=True)
    shutil.copy(SAMPLES / "淮安市洪泽区人民政府_2023.pdf", tmp_path / "data" / "raw" / "samples")
    monkeypatch.chdir(tmp_path)
    outputs = []
    for kind, step in _steps((ROOT / "README.md").read_text(encoding="utf-8")):
        if kind == "gkstudy":
            assert main(step + ["--no-progress"] if step[0] == "extract" else step) == 0, step
        elif kind == "file":
            path, body = step
            (tmp_path / path).write_text(body, encoding="utf-8")
        else:
            done = subprocess.run(["bash", "-c", step], capture_output=True, text=True, cwd=tmp_path)
            outputs.append(done.stdout.strip())
    assert outputs[0] == "2" and outputs[1] == "0"  # as the comments say: 2 failed identities, then 0
    cell = read_csv(tmp_path / "out" / "hongze" / "cells.csv")
    total = next(c for c in cell if (c["table"], c["row"], c["col"]) == ("t4", "review", "total"))
    assert (total["value"], total["raw"], total["flag"], total["value_read"]) == ("11", "0", "corrected", "0")
    assert (tmp_path / "out" / "hongze" / "review.html").is_file()
    assert (tmp_path / "out" / "hongze" / "corrections_todo.csv").is_file()
    assert "corrections: 2 applied" in capsys.readouterr().err
