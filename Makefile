# `make demo` and `make test` are the only set-up commands: each creates .venv when it is
# missing and (re)installs kgnews into it when pyproject.toml has changed.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kgnews-installed
PYTHON ?= $(shell command -v python3.11 || command -v python3)
STORE := kgnews.db
DEMO_OUT := demo-out
DEMO_QUERY := examples/queries/positions.rq
# The id kgnews gives examples/articles/seed-7249ac44.txt (a hash of its text), for its picture.
SEED_ID := 43ddc3fc

# Seconds `make fuzz` runs the reader fuzzer for.
FUZZ_SECONDS ?= 120

.PHONY: demo test test-fast install bench fuzz clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
	  { echo "kgnews needs Python >= 3.11; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The stamp is newer than pyproject.toml once the install has succeeded.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,dask]'
	touch $@

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kgnews ingest examples/articles --store $(STORE)
	$(BIN)/kgnews query $(DEMO_QUERY) --store $(STORE)
	mkdir -p $(DEMO_OUT)
	$(BIN)/kgnews export --format turtle --out $(DEMO_OUT)/kgnews.ttl --store $(STORE)
	@echo "wrote $(DEMO_OUT)/kgnews.ttl"
	$(BIN)/kgnews viz --format html --cooccurrence --out $(DEMO_OUT)/kgnews.html --store $(STORE)
	$(BIN)/kgnews viz --format png --cooccurrence --top 40 --out $(DEMO_OUT)/kgnews.png --store $(STORE)
	$(BIN)/kgnews viz --format png --article $(SEED_ID) --events --width 1200 --height 900 --out $(DEMO_OUT)/seed-graph.png --store $(STORE)

test: $(STAMP)
	$(BIN)/python -m pytest

# The quick loop while editing: everything but the slow and external tests (under a minute).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not external"

# Not part of `make test`: a bounded fuzzing run over a fresh corpus in a temporary folder;
# a finding stops it with the input saved there (libFuzzer prints its path).
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,dask,fuzz]'
	corpus=$$(mktemp -d -t kgnews-fuzz-XXXXXX) && \
	  $(BIN)/python tests/fuzz/fuzz_readers.py --seeds $$corpus && \
	  $(BIN)/python tests/fuzz/fuzz_readers.py $$corpus -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=$$corpus/ -print_final_stats=1 -rss_limit_mb=4096

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(STORE) $(DEMO_OUT)
