# govgraph: common tasks. Every target is safe to run again.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := demo-out

.PHONY: venv demo test clean system-deps

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

demo: venv
	mkdir -p $(DEMO)
	$(BIN)/govgraph load examples/northmoor/*.txt --overlay examples/northmoor/overlay.yaml --out $(DEMO)/northmoor.json
	$(BIN)/govgraph stats --graph $(DEMO)/northmoor.json
	$(BIN)/govgraph lint --graph $(DEMO)/northmoor.json

test: venv
	$(BIN)/python -m pytest

clean:
	rm -rf $(DEMO) .pytest_cache build *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

# System packages for later features (diagram rendering, HTML to PDF). A no-op for now.
# system-deps:
# 	sudo apt-get install -y graphviz chromium
system-deps:
	@true
