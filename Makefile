# Set-up and everyday commands. Each target creates .venv and installs the project (with its
# test extra) when pyproject.toml has changed since the last install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/demo-clinic.sqlite3

.PHONY: run test test-postgresql demo bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rejuv-desktop

# The whole suite on SQLite; the clinic-server tests in it start a throw-away PostgreSQL
# server from the machine's binaries (skipped, saying so, when there are none).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The storage and services tests again, every store on a PostgreSQL server.
test-postgresql: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q --engine=postgresql tests/storage \
		tests/services

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/rejuv-desktop demo --db $(DEMO_DB)
	$(BIN)/rejuv-desktop --db $(DEMO_DB)

# Performance at clinic scale (figures beside their baselines; see README, Performance).
# The generated clinics are kept in bench/.data/; BENCH_ARGS=--quick for a short run.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $(BENCH_ARGS)

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) build dist demo
