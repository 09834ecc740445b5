# govgraph: common tasks. Every target is safe to run again.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := demo-out

.PHONY: venv demo test bench clean system-deps cypher-lint

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

demo: venv system-deps
	mkdir -p $(DEMO)
	$(BIN)/govgraph load examples/northmoor/northmoor_action_plan_2024.txt examples/northmoor/northmoor_improvement_plan_2025.txt \
	  examples/northmoor/formats/northmoor_nscb_plan_2025.docx \
	  --overlay examples/northmoor/overlay.yaml --out $(DEMO)/northmoor.json
	$(BIN)/govgraph stats --graph $(DEMO)/northmoor.json
	$(BIN)/govgraph lint --graph $(DEMO)/northmoor.json
	$(BIN)/govgraph query blockers --graph $(DEMO)/northmoor.json
	$(BIN)/govgraph query impact northmoor_improvement_plan_2025/13 --graph $(DEMO)/northmoor.json
	$(BIN)/govgraph query escalation "QA Sub Group" --graph $(DEMO)/northmoor.json
	$(BIN)/govgraph diagram governance --graph $(DEMO)/northmoor.json --out $(DEMO)/governance.svg
	$(BIN)/govgraph diagram accountability --board NSCB --with-parts --graph $(DEMO)/northmoor.json --out $(DEMO)/nscb-accountability.svg
	$(BIN)/govgraph report board NSCB --with-parts --graph $(DEMO)/northmoor.json --out $(DEMO)
	@echo "Demo output (graph, diagrams, board pack) is in $(CURDIR)/$(DEMO)/"

test: venv system-deps cypher-lint
	$(BIN)/python -m pytest

# Neo4j's own Cypher front-end (npm), for the test that lints every statement we send to Neo4j
# (tests/neo4j/test_cypher_lint.py). Installed into the venv's folder; if npm or the registry is not
# reachable, say so loudly and go on: that test skips with the reason. Node >= 20 runs it (it asks for newer).
CYPHER_LINT     := $(VENV)/cypher-lint
CYPHER_LINT_PKG := @neo4j-cypher/language-support@2.0.0-next.38
cypher-lint: $(CYPHER_LINT)/node_modules/@neo4j-cypher/language-support/package.json

$(CYPHER_LINT)/node_modules/@neo4j-cypher/language-support/package.json:
	@mkdir -p $(CYPHER_LINT)
	@npm install --prefix $(CYPHER_LINT) --no-audit --no-fund --no-save --loglevel=error $(CYPHER_LINT_PKG) >/dev/null 2>&1 || \
	  echo "WARNING: could not install $(CYPHER_LINT_PKG) (npm or its registry unreachable); the Cypher lint test will skip." >&2

# Programme-scale benchmarks (minutes): writes benchmarks/RESULTS.md.
bench: venv system-deps
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/push_throughput.py

clean:
	rm -rf $(DEMO) .pytest_cache build *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

# Graphviz renders the diagrams; Chromium checks the board pack in tests and prints it to PDF; poppler
# (pdftoppm, pdftotext, pdfinfo) reads the printed pack back in the paper tests.
# Installed only when missing (needs root or sudo; Debian/Ubuntu package names).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# If they cannot be installed, say so loudly and go on: the tests that need them skip with that reason.
system-deps:
	@command -v dot >/dev/null && command -v chromium >/dev/null && command -v pdftoppm >/dev/null || \
	  { $(SUDO) apt-get install -y -q graphviz chromium poppler-utils >/dev/null || \
	    { $(SUDO) apt-get update -q >/dev/null && \
	      $(SUDO) apt-get install -y -q graphviz chromium poppler-utils >/dev/null; } || \
	    echo "WARNING: could not install graphviz, chromium and poppler-utils; diagram and board-pack tests will skip." >&2; }
