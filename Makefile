# ucn: every target creates or reuses the local virtual environment in .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := demo-out
SHARED ?= ../shared

.PHONY: demo test lint typecheck format bench score ontology readme clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "ucn needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "cannot create $(VENV): on Debian/Ubuntu, apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)  ## load the sample articles and documents, print statistics and what was found
	@mkdir -p $(DEMO)
	@rm -f $(DEMO)/ucn.db $(DEMO)/ucn.db.wal $(DEMO)/ucn.db.shadow  # no facts of an older extractor
	$(BIN)/ucn --db $(DEMO)/ucn.db load samples/documents samples/articles
	@echo "# Loading the same files again writes nothing:"
	$(BIN)/ucn --db $(DEMO)/ucn.db load samples/documents samples/articles
	$(BIN)/ucn --db $(DEMO)/ucn.db stats
	@echo; echo "# The articles and documents loaded, with the entities each mentions"
	@$(BIN)/ucn --db $(DEMO)/ucn.db query \
		"MATCH (a:Article) OPTIONAL MATCH (a)-[:MENTIONS]->(e) RETURN a.lang AS lang, \
		a.date AS date, a.title AS title, count(e) AS entities ORDER BY date, title"
	@echo; echo "# Members of each network, with their role and since when"
	@$(BIN)/ucn --db $(DEMO)/ucn.db query \
		"MATCH (m)-[r:MEMBER_OF]->(n:Network) RETURN n.name AS network, m.name AS member, \
		r.role AS role, r.since AS since ORDER BY network, since, member"
	@echo; echo "# Named queries: CityNet's members, Đà Nẵng's partners, why we believe Đà Nẵng is in CityNet"
	$(BIN)/ucn --db $(DEMO)/ucn.db query --name members-of -p network=CityNet
	$(BIN)/ucn --db $(DEMO)/ucn.db query --name partners-of -p entity="da nang" -p limit=5
	$(BIN)/ucn --db $(DEMO)/ucn.db query --name evidence -p a="Đà Nẵng" -p b=CityNet --format csv
	@echo; echo "# Network measures (stored on the nodes for the map), the ten most between"
	$(BIN)/ucn --db $(DEMO)/ucn.db analyze --section nodes --top 10 --write
	@echo; echo "# What the graph says about CityNet: each fact, its articles and one sentence"
	@$(BIN)/ucn --db $(DEMO)/ucn.db query \
		"MATCH (x)-[r]-(n:Network {name: 'CityNet'}) WHERE label(r) <> 'MENTIONS' \
		RETURN label(r) AS relation, x.name AS other, size(r.sources) AS articles, \
		substring(r.evidence[1], 1, 70) AS evidence ORDER BY relation, other"
	@echo; echo "# The interactive map (open it in a browser) and a picture of CityNet"
	$(BIN)/ucn --db $(DEMO)/ucn.db viz -o $(DEMO)/map.html
	$(BIN)/ucn --db $(DEMO)/ucn.db viz --network CityNet -o $(DEMO)/citynet.html --png $(DEMO)/citynet.png
	@echo; echo "# The graph exported, and a DCAT-AP catalog of the exports beside it"
	$(BIN)/ucn --db $(DEMO)/ucn.db export --format node-link -o $(DEMO)/ucn.json
	$(BIN)/ucn --db $(DEMO)/ucn.db export --format turtle -o $(DEMO)/ucn.ttl
	$(BIN)/ucn --db $(DEMO)/ucn.db validate $(DEMO)/ucn.ttl
# The catalog lists the ucn.* files in demo-out/, so ucn.ttl joins it by itself.
	$(BIN)/ucn --db $(DEMO)/ucn.db export --dcat -o $(DEMO)/catalog.ttl
	@echo "wrote $(DEMO)/catalog.ttl describing: $$(ls $(DEMO) | grep '^ucn\.' | grep -v '^ucn\.db' | tr '\n' ' ')"

test: $(STAMP)  ## the test suite (Neo4j tests run when NEO4J_URI is set)
	$(BIN)/python -m pytest

readme: $(STAMP)  ## rewrite README.md's example outputs and sample figures from real runs (tests/test_readme.py checks them)
	$(BIN)/python tests/readme_check.py --update

lint: typecheck  ## mypy (tools/typecheck.py: the files under their installed module names), then ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy alone (CI runs it before the tests)
	$(BIN)/python tools/typecheck.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)  ## benchmarks: figures, not pass/fail
	$(BIN)/python bench/load_bench.py
	$(BIN)/python bench/incremental_bench.py
	$(BIN)/python bench/extract_bench.py
	@if test -d $(SHARED)/corpus; then $(BIN)/python bench/extract_bench.py --real $(SHARED)/corpus \
		--out bench-out/extract-real.json; else echo "no $(SHARED)/corpus: real-text extraction skipped"; fi
	$(BIN)/python bench/rdf_bench.py
	$(BIN)/python bench/viz_bench.py
	$(BIN)/python bench/query_bench.py
	$(BIN)/python bench/startup_bench.py

score: $(STAMP)  ## extraction scores against the hand annotations in ../shared/eval (seeds, dev, dev-en)
	@test -d $(SHARED)/eval || { echo "make score needs $(SHARED)/eval and $(SHARED)/corpus (set SHARED=...)"; exit 1; }
	@for set in seeds dev dev-en; do \
		echo "# $$set"; \
		$(BIN)/python $(SHARED)/eval/score.py --gold $(SHARED)/eval/gold/$$set.json \
			--corpus $(SHARED)/corpus/$$set --cmd '$(abspath $(BIN))/ucn extract {dir}' --by-type \
			|| exit 1; \
	done
	@echo; echo "# per set, per fold (A tuned, B held-out) and per confidence threshold"
	$(BIN)/python bench/score_folds.py --shared $(SHARED)

ontology: $(STAMP)  ## rewrite ontology/ (ucn.ttl, shapes.ttl, context.jsonld) from graph/model.py
	$(BIN)/python -m ucn.ontology.owl

clean:
	rm -rf $(DEMO) bench-out .pytest_cache .ruff_cache .mypy_cache
