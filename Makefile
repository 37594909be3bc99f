# Set-up and everyday commands. Each target creates .venv and installs the project (with its
# test extra) when pyproject.toml has changed since the last install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/demo-clinic.sqlite3

.PHONY: run test demo bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rejuv-desktop

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/rejuv-desktop demo --db $(DEMO_DB)
	$(BIN)/rejuv-desktop --db $(DEMO_DB)

# Performance at clinic scale (figures beside their baselines; see README, Performance).
# The generated clinics are kept in bench/.data/; BENCH_ARGS=--quick for a short run.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $(BENCH_ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/photos.py $(if $(findstring --quick,$(BENCH_ARGS)),--quick)

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) build dist demo
