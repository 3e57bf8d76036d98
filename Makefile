# Two commands on a fresh machine: `make briefing` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# ldconfig lives in /sbin, outside a normal user's PATH; without it (macOS) the checks are skipped.
LDCONFIG := $(shell command -v ldconfig 2>/dev/null || ls /sbin/ldconfig 2>/dev/null)

.PHONY: briefing test lint golden docs bench clean sysdeps

briefing: $(STAMP)
	$(BIN)/briefing build --config config.toml

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/ruff format --check briefing tests benchmarks
	$(BIN)/mypy briefing

# Regenerate the golden Markdown and JSON of the example briefing after an intended change.
golden: $(STAMP)
	$(BIN)/python -m tests.golden

# Figures for the README's performance section (needs ../shared/eval beside the project).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py ../shared/eval

# Regenerate the generated reference pages after changing the models or the template contract.
docs: $(STAMP)
	$(BIN)/python -m briefing.jsonout > docs/briefing.schema.json
	$(BIN)/python -m briefing.templating reference > docs/templates.md

$(STAMP): pyproject.toml | sysdeps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# WeasyPrint needs Pango at run time. Debian-based machines get it through apt when it is missing.
# HarfBuzz's subsetter is optional: without it WeasyPrint subsets fonts in Python, 0.3 s slower.
sysdeps:
	@if [ -n "$(LDCONFIG)" ] && ! $(LDCONFIG) -p | grep -q 'libharfbuzz-subset.so'; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			(apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 || \
			 (apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1)) || \
			echo "note: libharfbuzz-subset0 not installed; PDFs build a little slower" >&2; \
		fi; \
	fi
	@if [ -n "$(LDCONFIG)" ] && ! $(LDCONFIG) -p | grep -q 'libpango-1.0.so'; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; \
		else \
			echo "WeasyPrint needs Pango: install libpango-1.0-0 and libpangoft2-1.0-0 (Debian/Ubuntu), pango (Homebrew)." >&2; exit 1; \
		fi; \
	fi

clean:
	rm -rf out .pytest_cache
