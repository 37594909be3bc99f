# Set-up and everyday commands. Each target creates .venv and installs the project (with its
# test extra) when pyproject.toml has changed since the last install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo/demo-clinic.sqlite3
# The interface's translations: Qt Linguist sources, compiled to .qm at install and build.
CATALOGUES := $(wildcard resources/i18n/*.ts)
COMPILED := $(CATALOGUES:.ts=.qm)

.PHONY: run test demo bench screenshots clean translations update-translations

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

resources/i18n/%.qm: resources/i18n/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(COMPILED)

# After changing words in the interface: take the new and changed ones into every catalogue
# (translated entries are kept; the French test then lists what needs translating).
update-translations: $(STAMP)
	$(BIN)/pyside6-lupdate -silent -locations none -no-obsolete \
		$$(find rejuv_desktop/ui -name '*.py' | sort) -ts $(CATALOGUES)
	$(MAKE) translations

run: $(STAMP) $(COMPILED)
	$(BIN)/rejuv-desktop

test: $(STAMP) $(COMPILED)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

demo: $(STAMP) $(COMPILED)
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
