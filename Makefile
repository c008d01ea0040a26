# ucn: every target creates or reuses the local virtual environment in .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := demo-out

.PHONY: demo test lint format bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "ucn needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "cannot create $(VENV): on Debian/Ubuntu, apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## load the bundled sample, print statistics and a query's answer
	@mkdir -p $(DEMO)
	$(BIN)/ucn --db $(DEMO)/ucn.db load samples/documents
	$(BIN)/ucn --db $(DEMO)/ucn.db stats
	$(BIN)/ucn --db $(DEMO)/ucn.db query \
		"MATCH (m)-[r:MEMBER_OF]->(n:Network) RETURN n.name AS network, m.name AS member, \
		r.role AS role, r.since AS since ORDER BY network, since"

test: $(STAMP)  ## the test suite (Neo4j tests run when NEO4J_URI is set)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)  ## benchmarks: figures, not pass/fail
	$(BIN)/python bench/load_bench.py

clean:
	rm -rf $(DEMO) bench-out .pytest_cache .ruff_cache
