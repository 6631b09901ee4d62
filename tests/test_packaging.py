"""pyproject.toml is the single source of dependencies; environment.yml only pip-installs it."""

import re
import tomllib

from conftest import ROOT


def test_environment_yml_wraps_pyproject():
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "-e .[test]" in env
    python_floor = project["requires-python"].lstrip(">=")
    assert f"python>={python_floor}" in env
    # no dependency is listed twice: conda gets python and pip only
    deps = re.findall(r"^  - ([A-Za-z0-9_.-]+)", env, flags=re.M)
    assert set(deps) <= {"python", "pip", "conda-forge"}, deps


def test_every_dependency_has_a_floor():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    for dep in deps:
        assert ">=" in dep, f"{dep} has no version floor"


def test_ci_runs_make_test_only():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert any("make test" in line for line in commands)
    assert not any(re.match(r"\s*(pip|pytest|python3?|apt-get)\b", line) for line in commands)


def test_jupyterlab_is_installed_with_the_kit_and_make_lab_opens_the_notebooks():
    import shutil
    import subprocess

    import pytest

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(re.match(r"jupyterlab>=\d", d) for d in project["dependencies"])
    if shutil.which("make") is None:
        pytest.skip("make not installed")
    # -n prints the commands without running them (nothing is installed or opened)
    plan = subprocess.run(["make", "-n", "-B", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lines = plan.splitlines()
    kernel = next(i for i, line in enumerate(lines) if "ipykernel install --sys-prefix --name python3" in line)
    lab = next(i for i, line in enumerate(lines) if re.search(r"\.venv/bin/jupyter lab notebooks/?$", line))
    assert kernel < lab  # the kernel is registered before JupyterLab starts
    assert "make lab" in (ROOT / "README.md").read_text(encoding="utf-8")
