"""The package's folders are the pipeline's stages, and imports point down the pipeline only.

The rule itself is the import-linter ``layers`` contract in pyproject.toml; this test runs it, and
checks that the package keeps its shape (stages in subpackages, few modules at the top)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "gkstudy"


def test_imports_follow_the_layers_contract():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout, done.stdout


def test_at_most_twelve_modules_at_the_top_level():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top


def test_every_stage_is_a_package():
    for stage in ("core", "readers", "metadata", "mapper", "checks", "batch", "datasets", "study", "collect"):
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_readme_and_package_docstring_state_the_contract_s_order():
    import tomllib

    layers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"][
        "contracts"][0]["layers"]
    names = [layer.replace("gkstudy.", "") for layer in layers]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{' → '.join(names)}`" in " ".join(readme.split())
    init = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    assert " -> ".join(names) in " ".join(init.split())
