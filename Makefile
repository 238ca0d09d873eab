# The two README commands are `make docs` and `make test`; `make serve` previews the site;
# `make po` refreshes the zh_CN catalogues; `make epub` and `make pdf` (which `make test` runs)
# build the offline formats.
SHELL   := bash
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip --disable-pip-version-check
# torch comes from PyTorch's own CPU index (PyPI's Linux torch is a multi-GB CUDA build), and
# only torch: every other package comes from the default index. A local wheel that pip can
# find without an index (its --find-links, as on the project's machines) is used first.
TORCH       := $(shell sed -n 's/^torch==//p' constraints.txt)
TORCH_INDEX := https://download.pytorch.org/whl/cpu
# One torch thread: the examples train tiny models, which threads slow down on a busy machine.
# make docs JOBS=auto: one process per CPU reads and writes the pages and runs the gallery
# examples (sphinx-gallery's "parallel", only when two or more are to run), with the same output
# as a serial build. On the shared 2-core machine it cost 10-34 % more CPU and saved wall time in
# one of four paired runs (benchmarks/build.py --jobs auto / 1), so one process is the default.
JOBS    ?= 1
SPHINX  := OMP_NUM_THREADS=1 $(PY) -m sphinx -c conf -W -n --keep-going -q -j $(JOBS)
LOCALE  := docs/locale
HTML    := build/html
PORT    ?= 8000
step    := @printf '\n==> %s\n'

.PHONY: docs test browser serve po constraints clean lighthouse epub pdf

$(VENV)/installed: pyproject.toml constraints.txt
	$(step) "Creating $(VENV) with $$($(PYTHON) --version)"
	$(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet --upgrade pip
	$(step) "torch $(TORCH): a local wheel, else PyTorch's CPU index (a 192 MB download)"
	@$(PIP) install --quiet --no-deps --no-index torch==$(TORCH) 2>/dev/null \
	  && echo "    installed from a local wheel" \
	  || $(PIP) install --progress-bar on --no-deps --index-url $(TORCH_INDEX) torch==$(TORCH)
	$(step) "The other dependencies (constraints.txt) from the default index: 1 to 3 minutes"
	@# Progress is the package names; pip's log (with setuptools' editable-install banner) is
	@# shown only if the install fails.
	@set -o pipefail; $(PIP) install -c constraints.txt -e '.[docs,test]' 2>&1 \
	  | tee $(VENV)/install.log | awk '/^Collecting/ { print "    " $$2; fflush() }' \
	  || { cat $(VENV)/install.log; echo "pip failed: the full log is $(VENV)/install.log"; exit 1; }
	@touch $@

# The English build executes the gallery. The Chinese build reuses the executed examples: it
# starts with the English one and, once started, waits until the English build has run them
# and drawn the activation plots (conf/conf.py touches $(READY) then); it then runs beside the
# rest of the English build, on the second core, and copies the images once the English build
# has given the gallery's figures their palettes ($(READY).figures). If the English build
# fails, the Chinese one is stopped.
READY := build/doctrees/en/examples-ready
docs: $(VENV)/installed
	$(step) "English and Chinese sites: the English build runs every gallery example that changed, the Chinese one goes on once they have run"
	@rm -f $(READY); mkdir -p $(dir $(READY))
	@EXAMPLES_READY=$(READY) $(SPHINX) -b html -D language=en docs $(HTML)/en -d build/doctrees/en & english=$$!; \
	WAIT_FOR_EXAMPLES=$(READY) $(SPHINX) -b html -D language=zh_CN docs $(HTML)/zh_CN -d build/doctrees/zh_CN & chinese=$$!; \
	wait $$english || { kill $$chinese 2>/dev/null; wait $$chinese; exit 1; }; \
	wait $$chinese
	@cp conf/landing.html $(HTML)/index.html
	@echo
	@echo "Site built in $(HTML). Preview it with:  make serve   (then open http://localhost:$(PORT)/)"
	@echo "Opened from disk instead, search cannot show page text: browsers block it for file:// pages."

# axe-core (the accessibility tests) and Lighthouse (its benchmark) from npm, at the versions
# package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	$(step) "axe-core and Lighthouse from npm (package-lock.json)"
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 and npm (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# A browser for the browser tests: Debian's chromium, else Playwright's own; a clear stop otherwise.
browser: $(VENV)/installed node_modules/.installed
	@$(PY) tests/browser_setup.py

test: docs browser epub pdf
	$(step) "Tests: package, site, translations, EPUB and PDF, Read the Docs builds, browser, downloads"
	$(PY) -m pytest

serve:
	@test -f $(HTML)/index.html || { echo "No site in $(HTML): run make docs first."; exit 1; }
	@echo "Serving $(HTML) at http://localhost:$(PORT)/ (Ctrl-C stops)"
	@$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

# Extract the English messages, merge them into the zh_CN catalogues, drop obsolete entries.
# Translate what is new (msgstr ""), clear "fuzzy" flags, then `make test` checks the result.
po: $(VENV)/installed
	$(SPHINX) -b gettext -D plot_gallery=0 docs build/gettext
	$(VENV)/bin/sphinx-intl update -p build/gettext -d $(LOCALE) -l zh_CN -w 0 >/dev/null
	$(PY) conf/po_tidy.py $(LOCALE)/zh_CN/LC_MESSAGES

# Rewrite constraints.txt from the current environment (after changing pyproject.toml).
constraints: $(VENV)/installed
	echo '# Exact versions of every dependency, tested together. Regenerate: make constraints' > constraints.txt
	$(PIP) freeze --exclude-editable | grep -v '^activations' >> constraints.txt

# The site as an EPUB per language; epubcheck (Debian's package) fails the target on any error
# or warning.
epub: docs
	$(step) "EPUB, English and Chinese (build/epub), checked by epubcheck"
	$(SPHINX) -b epub -D language=en docs build/epub/en -d build/doctrees/epub-en
	$(SPHINX) -b epub -D language=zh_CN docs build/epub/zh_CN -d build/doctrees/epub-zh_CN
	@command -v epubcheck >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq \
	  && apt-get install -y -q epubcheck >/dev/null; } \
	  || { echo "epubcheck is missing: apt-get install epubcheck"; exit 1; }
	@# Both books at once, each JVM compiling with its quick compiler only (C1): 6 s of CPU a book
	@# instead of 17, the same report.
	printf '%s\n' en zh_CN | xargs -P 2 -I{} java -XX:TieredStopAtLevel=1 -jar /usr/share/java/epubcheck.jar \
	  --failonwarnings build/epub/{}/activations-{}.epub

# The site as a PDF per language: Sphinx's LaTeX, then xelatex with xeCJK and ctex (Debian's TeX
# Live, about 500 MB installed; no recommended packages). tests/test_offline_formats.py reads
# the LaTeX logs (tables within the page, no missing glyph).
TEX_PACKAGES := texlive-xetex texlive-lang-chinese texlive-fonts-recommended latexmk poppler-utils \
                fonts-noto-cjk fonts-freefont-otf
TEX_READY    := command -v latexmk pdftotext >/dev/null && kpsewhich ctex.sty xeCJK.sty pzdr.tfm >/dev/null \
                && fc-list -q 'Noto Serif CJK SC' && fc-list -q FreeSerif
LATEXMK      := $(MAKE) --no-print-directory LATEXMKOPTS='-interaction=nonstopmode -halt-on-error -quiet'
pdf: docs
	@$(TEX_READY) || { [ "$$(id -u)" = 0 ] && echo "==> apt-get install $(TEX_PACKAGES)" \
	  && apt-get update -qq && apt-get install -y -q --no-install-recommends $(TEX_PACKAGES) >/dev/null; } \
	  || { echo "TeX for the PDF is missing: apt-get install --no-install-recommends $(TEX_PACKAGES)"; exit 1; }
	$(step) "PDF, English and Chinese (build/pdf): Sphinx's LaTeX, then xelatex (about 1 minute each)"
	@for lang in en zh_CN; do \
	  $(SPHINX) -b latex -D language=$$lang docs build/latex/$$lang -d build/doctrees/latex-$$lang \
	  && $(LATEXMK) -C build/latex/$$lang >build/latex/$$lang/latexmk.out 2>&1 \
	  || { tail -20 build/latex/$$lang/latexmk.out; echo "the PDF failed: build/latex/$$lang/activations-$$lang.log"; exit 1; }; \
	  mkdir -p build/pdf && cp build/latex/$$lang/activations-$$lang.pdf build/pdf/; \
	done
	@ls build/pdf

# Lighthouse scores of a sample of pages, phone and desktop (figures for the README).
lighthouse: docs node_modules/.installed
	$(PY) benchmarks/lighthouse.py

clean:
	rm -rf build docs/auto_examples docs/gen_modules docs/_generated docs/sg_execution_times.rst
	find $(LOCALE) -name '*.mo' -delete
