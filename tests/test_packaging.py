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
