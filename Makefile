# The two README commands are `make docs` and `make test`; `make po` refreshes the zh_CN catalogues.
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
# One torch thread: the examples train tiny models, which threads slow down on a busy machine.
SPHINX  := OMP_NUM_THREADS=1 $(PY) -m sphinx -c conf -W -n --keep-going -q
LOCALE  := docs/locale
HTML    := build/html

.PHONY: docs html-en html-zh_CN test po constraints clean

$(VENV)/installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[docs,test]'
	touch $@

# English first: it executes the gallery; zh_CN then reuses the executed examples.
docs: $(VENV)/installed
	$(SPHINX) -b html -D language=en docs $(HTML)/en -d build/doctrees/en
	$(SPHINX) -b html -D language=zh_CN docs $(HTML)/zh_CN -d build/doctrees/zh_CN
	cp conf/landing.html $(HTML)/index.html
	@echo "Site built: open $(CURDIR)/$(HTML)/index.html (English: $(HTML)/en/index.html, 中文: $(HTML)/zh_CN/index.html)"

test: docs
	$(PY) -m pytest

# Extract the English messages, merge them into the zh_CN catalogues, drop obsolete entries.
# Translate what is new (msgstr ""), clear "fuzzy" flags, then `make test` checks the result.
po: $(VENV)/installed
	$(SPHINX) -b gettext -D plot_gallery=0 docs build/gettext
	$(VENV)/bin/sphinx-intl update -p build/gettext -d $(LOCALE) -l zh_CN -w 0 >/dev/null
	$(PY) conf/po_tidy.py $(LOCALE)/zh_CN/LC_MESSAGES

# Rewrite constraints.txt from the current environment (after changing pyproject.toml).
constraints: $(VENV)/installed
	echo '# Exact versions of every dependency, tested together. Regenerate: make constraints' > constraints.txt
	$(PY) -m pip freeze --exclude-editable | grep -v '^activations' >> constraints.txt

clean:
	rm -rf build docs/auto_examples docs/gen_modules docs/_generated docs/sg_execution_times.rst
	find $(LOCALE) -name '*.mo' -delete
