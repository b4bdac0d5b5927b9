# Two commands on a fresh machine with Python >= 3.11 and make:
#   make demo   installs what it needs into .venv and renders the demo reports into reports/demo/
#   make test   installs what it needs into .venv and runs every test, notebooks included
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench fixtures clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/impact demo --out reports/demo --force

# hypothesis derandomised (profile "ci" in conftest.py): every clone runs the same examples;
# `make test HYPOTHESIS_PROFILE=explore` looks for new counterexamples
HYPOTHESIS_PROFILE ?= ci
test: $(STAMP)
	HYPOTHESIS_PROFILE=$(HYPOTHESIS_PROFILE) $(BIN)/python -m pytest -n 2 -q

# Benchmarks print figures (targets are in each script); `make bench B="startup demo"` for some.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(B)

# Reference values from R (needs r-base-core and the r-cran-* packages; tests do not need R).
fixtures:
	for script in tests/fixtures/*.R; do echo "$$script"; Rscript "$$script" || exit 1; done

clean:
	rm -rf reports/demo .pytest_cache
