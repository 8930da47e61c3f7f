# Two commands for a fresh machine: `make demo` and `make test`. See README.md.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check lint typecheck imports pytest bench clean

$(STAMP): pyproject.toml $(wildcard */i18n/*.ts)
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed: install python3.11 or run make PY=python3"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[server,client,hardware,terminals,dev]'
	./scripts/build-translations
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kezek demo

test: $(STAMP)
	./scripts/check

check: test

bench: $(STAMP)
	$(BIN)/python -m bench.bench_server
	$(BIN)/python -m bench.bench_estimates

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
