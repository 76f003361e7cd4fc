# Two entry points for a fresh clone: `make demo` and `make test` (each installs what it needs).
VENV ?= .venv
PYTHON ?= python3

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

.PHONY: demo test
demo: $(VENV)/.installed
	$(VENV)/bin/crisisbot demo

test: $(VENV)/.installed
	$(VENV)/bin/pytest
