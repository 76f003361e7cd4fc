# Two entry points for a fresh clone: `make demo` and `make test` (each installs what it needs).
VENV ?= .venv
PYTHON ?= python3

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

# The tests also cover the encoder tier. torch==2.13.0 first: where pip finds its CPU build (as on our CI
# machines) it takes that instead of a several-GB GPU build; elsewhere see README (Development).
$(VENV)/.encoder: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet 'torch==2.13.0'
	$(VENV)/bin/pip install --quiet -e '.[dev,encoder]'
	touch $@

.PHONY: demo test
demo: $(VENV)/.installed
	$(VENV)/bin/crisisbot demo

test: $(VENV)/.encoder
	$(VENV)/bin/pytest
