# Every target bootstraps .venv first, so a fresh machine needs only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.docbind-installed
# The generated packages installed so far, one line: a spec added later gets its package
# installed by the next `make generate` or `make test`.
GENERATED_STAMP := $(VENV)/.docbind-generated

.PHONY: generate test test-lowest check lint validate clean install-generated

# Every generated/<pkg>/ with a pyproject.toml, installed editable, so tests and users can import
# them; the shell glob runs when the recipe does, so packages `docbind generate` just wrote count.
define INSTALL_GENERATED
	@pkgs=""; for project in generated/*/pyproject.toml; do \
		[ -f "$$project" ] && pkgs="$$pkgs $${project%/pyproject.toml}"; done; \
	if [ -n "$$pkgs" ] && [ "$$pkgs" != "$$(cat $(GENERATED_STAMP) 2>/dev/null)" ]; then \
		echo "installing generated packages:$$pkgs"; \
		$(BIN)/python -m pip install --quiet --no-deps $$(for p in $$pkgs; do printf -- '-e %s ' "$$p"; done) \
			&& echo "$$pkgs" > $(GENERATED_STAMP); \
	fi
endef

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(GENERATED_STAMP)
	$(INSTALL_GENERATED)
	touch $(STAMP)

install-generated: $(STAMP)
	$(INSTALL_GENERATED)

generate: $(STAMP)
	$(BIN)/docbind generate
	$(INSTALL_GENERATED)

validate: $(STAMP)
	$(BIN)/docbind validate spec/*/

check: $(STAMP)
	$(BIN)/docbind check

# vulture: dead code in docbind itself (generator/runtime/ is the API generated code calls). Names
# only templates, JSON or a base class use are listed,
# with the reason, in vulture_whitelist.py).
lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy
	$(BIN)/vulture generator/docbind vulture_whitelist.py

test: install-generated
	$(BIN)/pytest

# The generated packages' own tests against the lowest dependency versions their pyproject.toml
# allows (tests/lowest_versions.py): a lower bound that is too low fails here, not for a user.
test-lowest: $(STAMP)
	$(BIN)/python tests/lowest_versions.py

clean:
	rm -rf $(VENV) build dist *.egg-info

# The HTML reference site, and a browser check of it (headless Chromium from Debian's packages).
# Not part of `make test`: it needs a browser. The screenshot goes to build/ (ignored by git).
SITE ?= site
SCREENSHOT ?= build/site-screenshot.png
CHROMIUM = chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --hide-scrollbars

.PHONY: site site-screenshot

site: $(STAMP)
	$(BIN)/docbind docs -o $(SITE)

# The refund page in a 1280x800 first screen: its request table must show there.
SCREENSHOT_PAGE ?= kicc_easypay/operations/refund.html

site-screenshot: site
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	mkdir -p $(dir $(SCREENSHOT))
	$(CHROMIUM) --window-size=1280,800 --screenshot=$(abspath $(SCREENSHOT)) \
		file://$(abspath $(SITE))/$(SCREENSHOT_PAGE)
	@echo "screenshot: $(abspath $(SCREENSHOT))"

# Publishing: for each generated package (all of generated/ by default), build it (wheel and sdist,
# `python -m build` in a temporary copy), `twine check` both, install the wheel into a fresh venv
# and import it.
# Not part of `make test`: it fetches the build backend and the packages' dependencies.
PUBLISH_PACKAGES ?= $(notdir $(patsubst %/pyproject.toml,%,$(wildcard generated/*/pyproject.toml)))

.PHONY: publish-check publish release-e2e

publish-check: $(STAMP)
	$(BIN)/docbind publish-check $(addprefix generated/,$(PUBLISH_PACKAGES)) $(if $(PUBLISH_AGAINST),--against $(PUBLISH_AGAINST))
	@set -e; work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	for pkg in $(PUBLISH_PACKAGES); do \
		echo "== $$pkg"; \
		cp -r generated/$$pkg "$$work/$$pkg"; \
		$(BIN)/python -m build --outdir "$$work/$$pkg-dist" "$$work/$$pkg" >"$$work/$$pkg-build.log" 2>&1 \
			|| { cat "$$work/$$pkg-build.log"; exit 1; }; \
		ls "$$work/$$pkg-dist"; \
		$(BIN)/twine check --strict "$$work/$$pkg-dist"/*; \
		$(PYTHON) -m venv "$$work/$$pkg-venv"; \
		"$$work/$$pkg-venv/bin/python" -m pip install --quiet "$$work/$$pkg-dist"/*.whl; \
		(cd "$$work" && "$$work/$$pkg-venv/bin/python" -c "import importlib.metadata as m, $$pkg; \
			print('$$pkg', m.version('$$(echo $$pkg | tr _ -)'), 'imports:', \
			', '.join(sorted(n for n in dir($$pkg) if not n.startswith('_'))))"); \
	done; echo "publish-check: ok ($(PUBLISH_PACKAGES))"

# Upload the packages to the index twine is configured for (TWINE_REPOSITORY_URL, TWINE_USERNAME,
# TWINE_PASSWORD). `docbind publish-check` first: a package whose contents changed while its
# version did not is refused (PUBLISH_AGAINST: the git revision last published from, e.g. a tag).
DIST ?= build/dist
PUBLISH_AGAINST ?=

publish: $(STAMP)
	@test -n "$$TWINE_REPOSITORY_URL" || { echo "make publish: set TWINE_REPOSITORY_URL" \
		"(and TWINE_USERNAME, TWINE_PASSWORD)" >&2; exit 2; }
	$(BIN)/docbind publish-check $(addprefix generated/,$(PUBLISH_PACKAGES)) $(if $(PUBLISH_AGAINST),--against $(PUBLISH_AGAINST))
	@set -e; rm -rf $(DIST); work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	for pkg in $(PUBLISH_PACKAGES); do \
		cp -r generated/$$pkg "$$work/$$pkg"; \
		$(BIN)/python -m build --no-isolation --outdir $(DIST)/$$pkg "$$work/$$pkg" \
			>"$$work/$$pkg.log" 2>&1 || { cat "$$work/$$pkg.log"; exit 1; }; \
	done; \
	$(BIN)/twine check --strict $(DIST)/*/*; \
	$(BIN)/twine upload --non-interactive --disable-progress-bar $(DIST)/*/*

# The release flow end to end (tests/e2e/, run by .ci/run): `make publish` to a pypiserver on
# loopback, pip install from it into a fresh venv; the pre-commit hooks via `pre-commit try-repo`.
# The wheelhouse (filled once, from the configured index) lets those installs run offline.
WHEELHOUSE := $(VENV)/wheelhouse

$(WHEELHOUSE)/.filled: $(STAMP) $(wildcard generated/*/pyproject.toml)
	$(BIN)/python tests/e2e/wheelhouse.py $(WHEELHOUSE)
	touch $@

release-e2e: $(WHEELHOUSE)/.filled
	DOCBIND_WHEELHOUSE=$(abspath $(WHEELHOUSE)) $(BIN)/pytest -p no:cacheprovider tests/e2e

# Benchmarks (benchmarks/README.md): generation and the generated code at run time, as ratios
# against baselines measured in the same run. Not part of `make test`: they are timings.
BENCH_STAMP := $(VENV)/.docbind-bench-installed

.PHONY: bench bench-quick

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench-quick: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py --quick

bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py

# A longer hypothesis run than the fixed budget `make test` uses (random, not derandomized).
FUZZ_EXAMPLES ?= 1000
.PHONY: fuzz

fuzz: install-generated
	DOCBIND_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider -s tests/test_fuzz.py

# Per corpus document (tests/importer/corpus/), the share of fields `docbind import` recovers
# (name, direction, nesting) and the share with every attribute right; -v lists each miss.
.PHONY: import-report
import-report: $(STAMP)
	$(BIN)/python tests/importer/corpus_report.py -v
