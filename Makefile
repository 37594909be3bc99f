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

# The release Python for the frozen build (see README, Releases): python3.12 on the PATH, or
# pyenv's 3.12; override with `make dist PYTHON_DIST=/path/to/python3.12`.
PYTHON_DIST ?= $(shell for p in python3.12 $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

.PHONY: run test test-postgresql demo bench screenshots dist lock icons clean translations \
	update-translations

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

# The whole suite twice: on SQLite (the single workstation), then with every store on a
# PostgreSQL server (the clinic server), started from the machine's binaries in a temporary
# folder. Debian's server package is installed when it is missing and apt-get can (as root);
# without it the PostgreSQL run is skipped, saying so, and make fails.
test: $(STAMP) $(COMPILED)
	@# The desktop file's validators (Debian's desktop-file-utils and appstream), installed when
	@# missing and apt-get can; without them their one test skips, saying so.
	@command -v desktop-file-validate >/dev/null || ! command -v apt-get >/dev/null || [ "$$(id -u)" != 0 ] \
		|| { apt-get update -qq && apt-get install -y -qq desktop-file-utils appstream; } >/dev/null 2>&1 \
		|| echo "desktop-file-utils could not be installed: its test will skip"
	@# The PostgreSQL server binaries (initdb, pg_ctl) for the second run.
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null \
		|| ! command -v apt-get >/dev/null || [ "$$(id -u)" != 0 ] \
		|| { apt-get update -qq && apt-get install -y -qq postgresql; } >/dev/null 2>&1 \
		|| echo "PostgreSQL could not be installed: the clinic-server run cannot start"
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory test-postgresql

# The whole suite again, every store on a throw-away PostgreSQL server (tests about the SQLite
# file itself are skipped, each saying why).
test-postgresql: $(STAMP) $(COMPILED)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null \
		|| { echo "test-postgresql needs PostgreSQL's server binaries (apt-get install postgresql)"; exit 1; }
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q --engine=postgresql

demo: $(STAMP) $(COMPILED)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/rejuv-desktop demo --db $(DEMO_DB)
	$(BIN)/rejuv-desktop --db $(DEMO_DB)

# Performance at clinic scale (figures beside their baselines; see README, Performance).
# The generated clinics are kept in bench/.data/; BENCH_ARGS=--quick for a short run. The
# clinic-server figures start a throw-away PostgreSQL server (skipped without its binaries).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $(BENCH_ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/photos.py $(if $(findstring --quick,$(BENCH_ARGS)),--quick)
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/server.py $(if $(findstring --quick,$(BENCH_ARGS)),--quick)

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py

# The frozen application (PyInstaller, one folder) and the Linux tarball, built in .venv-dist
# from the lock files (exact versions and SHA-256 hashes); see README, Releases.
dist:
	@test -n "$(PYTHON_DIST)" || { echo "make dist needs Python 3.12 (python3.12 on the PATH, or PYTHON_DIST=...)"; exit 1; }
	$(PYTHON_DIST) packaging/build.py

# Re-resolve the lock files after changing dependencies in pyproject.toml (needs the network).
lock:
	test -x build/lock-venv/bin/uv || { $(PYTHON) -m venv build/lock-venv && build/lock-venv/bin/pip install --quiet "uv>=0.9"; }
	build/lock-venv/bin/uv pip compile pyproject.toml --universal --python-version 3.11 \
		--generate-hashes --no-header -o requirements-lock.txt
	build/lock-venv/bin/uv pip compile packaging/build-requirements.in --universal \
		--python-version 3.11 --generate-hashes --no-header \
		-o packaging/build-requirements.txt

# Redraw the PNG, .ico and .icns icons from resources/icons/rejuv-desktop.svg.
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py

clean:
	rm -rf $(VENV) .venv-dist build dist demo
