# Commands for users: `make study`, `make test` and `make lab`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: study test lab kernel clean-venv

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "gkstudy needs Python >= 3.11, found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

kernel: $(STAMP)
	@# The python3 kernel must run this venv's python; (re)installing it into the venv is idempotent.
	@$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (gkstudy)" >/dev/null

study: kernel
	$(BIN)/gkstudy run

# JupyterLab on the study notebooks, with the kernel of this venv.
lab: kernel
	$(BIN)/jupyter lab notebooks/

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

clean-venv:
	rm -rf $(VENV)
