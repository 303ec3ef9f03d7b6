# newsprism: `make demo` analyses the example corpus, `make test` runs the test suite.
# Both set up their own virtual environment; nothing but Python 3.11, make and git is needed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench serve clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsprism analyze examples/kazakhstan-russia --db newsprism.db --json report.json --html report.html
	@echo
	@echo "Open report.html in a browser, or browse the database with:"
	@echo "    $(BIN)/newsprism serve --db newsprism.db    # then open http://127.0.0.1:8000/"

serve: $(STAMP)
	$(BIN)/newsprism serve --db newsprism.db

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The web tests drive Debian's Chromium (no browser download). Installed when missing and
# we may (root with apt-get); otherwise those tests skip, saying why.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { echo "installing chromium from Debian's packages"; apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; } || true

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/extraction.py

clean:
	rm -rf $(VENV) newsprism.db newsprism.db-* report.json report.html .pytest_cache
