# Tàng Thư: make install / run / test / bench. Each target installs into .venv first when needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The tests start many Python processes (the command line, index workers): let them
# keep compiled modules rather than compile every module again in each.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run test check bench bench-scale lint clean install-desktop uninstall-desktop dist

install: $(STAMP)

# The strict editable install links each file of the checkout: it is made again when
# pyproject.toml changes or a file is added to or removed from the package's folders.
FILES := build/package-files

$(FILES): FORCE
	@mkdir -p build
	@find app archive index library ui cli sample -name __pycache__ -prune -o -type f -print \
	  | LC_ALL=C sort > $@.new
	@cmp -s $@.new $@ && rm $@.new || mv $@.new $@

FORCE:

$(STAMP): pyproject.toml $(FILES)
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Python could not make a virtual environment; on Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,fast,dist,meaning]' --config-settings editable_mode=strict
	touch $(STAMP)

run: install
	$(PY) main.py

test: install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The fast loop before a commit: every test not marked slow, on both cores, the random
# archives of the differential tests fewer (make test runs them all), OCR left to make test,
# each worker taking the next test when it is free.
check: install
	QT_QPA_PLATFORM=offscreen TANGTHU_TEST_EXAMPLES=20 $(PY) -m pytest -q -m "not slow" -n 2 --dist worksteal

bench: install
	$(PY) -m bench.run

# make bench-scale ARCHIVE=DIR [RUNS=3]: every engine (and Recoll when installed) on a big archive
bench-scale: install
	@test -n "$(ARCHIVE)" || { echo "give ARCHIVE=DIR (see ../shared/tools/make_scale_archive.py)"; exit 2; }
	$(PY) -m bench.scale $(ARCHIVE) --runs $(or $(RUNS),3) --gui $(if $(shell command -v recollindex),--recoll)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy -p tangthu -p bench -m main

# The menu entry and icon for the current user (XDG desktops: GNOME, KDE, Xfce, …);
# the entry starts this checkout's .venv (the same as `tangthu desktop-entry` elsewhere).
DATA_HOME ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)

install-desktop: install
	$(PY) main.py desktop-entry --data-home $(DATA_HOME)

uninstall-desktop: install
	$(PY) main.py desktop-entry --remove --data-home $(DATA_HOME)

# A one-folder bundle of the program for this machine: dist/tangthu/tangthu
dist: install
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller tangthu.spec
	@echo "Bundle: dist/tangthu (run dist/tangthu/tangthu; $$(du -sh dist/tangthu | cut -f1))"

clean:
	rm -rf $(VENV) build dist *.egg-info
