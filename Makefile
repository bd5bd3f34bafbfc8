# Targets the README and CI call. `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench golden clean

$(STAMP): pyproject.toml
	@echo "Installing Trust Coach and its development tools into $(VENV)/ ..."
	@$(PYTHON) -m venv $(VENV)
	@# -qq: errors only (pip's warnings about this machine's index configuration are noise here).
	@$(BIN)/pip install -qq --upgrade pip
	@$(BIN)/pip install -qq -e ".[dev]" -c skill/deploy/aws/requirements.txt
	@# The listening models, compiled into the user cache now rather than on first use.
	@$(BIN)/python scripts/precompile_listening.py || echo "(listening models will compile on first use)"
	@touch $(STAMP)

install: $(STAMP)

# The main job: the local voice mode on its embedded defaults.
run: $(STAMP)
	$(BIN)/trust-coach say "open trust coach" "give me a trust tip" "tell me more" "stop"

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m interaction_model.lint
	$(BIN)/python -m interaction_model.lint_locales

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

golden: $(STAMP)
	$(BIN)/pytest -q tests/test_golden.py tests/test_screens.py --update-golden

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
