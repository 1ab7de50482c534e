# 大仙市 行政サービス改革・DX推進大綱 — build and test.
#   make book [EDITION=<版>]   set up what is missing, then build HTML + PDF into _build/<版>/
#   make test                  set up what is missing (the dev tools too), then unit, acceptance on one shared build, nbval over book/*.ipynb
#   make test-builds           the tests that build their own changed copies (rebuilds, kills, editions, documents; CI)
#   make test-yearly           README's yearly steps in a copy, then both suites there, twice (CI)
#   make test-fast             unit tests and data validation only (about 20 seconds)
#   make refresh [EDITION=…]   re-execute the notebooks in book/ (the nbval references)
SHELL := /bin/bash
EDITION ?= $(shell cat parameters/DEFAULT)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PYTHON ?= python3
APT_PACKAGES := texlive-lang-japanese texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
	texlive-latex-base texlive-base texlive-pictures tex-gyre latexmk poppler-utils
export SOURCE_DATE_EPOCH := 1764547200
export PYTHONHASHSEED := 0

.PHONY: book test test-builds test-yearly test-fast mutants lint refresh verify check setup dev-setup system-deps test-deps lock clean bench edition

book: setup
	$(PY) -m daisen_taiko build --edition $(EDITION)

test: dev-setup test-deps
	$(PY) -m pytest -n auto --dist loadfile -m "not yearly and not builds" tests src book --nbval -p no:cacheprovider

# The build's life in copies of the project: incremental rebuilds and make verify, kills, concurrent
# builds, editions side by side, the documents of a year's returns and of the パブリックコメント.
# Each test builds its own copy, so this takes longer than make test; CI runs it after make test.
test-builds: dev-setup test-deps
	$(PY) -m pytest -n auto --dist loadfile -m builds tests -p no:cacheprovider

# README's yearly steps in a copy (make edition, the draft placed), then the tests of make test and
# make test-builds there, before and after make refresh (CI runs it after them).
test-yearly: dev-setup test-deps
	$(PY) -m pytest -m yearly tests/acceptance/test_yearly_edition.py -p no:cacheprovider

test-fast: dev-setup
	$(PY) -m pytest tests src -m "not acceptance" -q -p no:cacheprovider

# Apply each mistake of tools/mutants.py in a copy, refresh, run the tests: every one must be caught.
mutants: dev-setup test-deps
	$(PY) tools/mutants.py

lint: dev-setup
	$(PY) -m ruff check src tests tools
	$(PY) -m ruff format --check src tests tools

refresh: setup
	$(PY) -m daisen_taiko refresh --edition $(EDITION)

# Start next year's edition: make edition FROM=r7-12-soan TO=r8-12-soan
edition: setup
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "使い方: make edition FROM=<前年度版> TO=<新しい版>"; exit 2; }
	$(PY) -m daisen_taiko edition --from $(FROM) --to $(TO)

# Rebuild the edition in another folder, time zone, locale and umask; 一致 or the files that differ.
verify: setup
	$(PY) -m daisen_taiko verify --edition $(EDITION)

check: setup
	$(PY) -m daisen_taiko check --edition $(EDITION)

setup: system-deps $(STAMP)

# setup, plus the dev extra of pyproject.toml (pytest, nbval, ruff, Playwright …) that the tests and lint need.
dev-setup: setup $(DEV_STAMP)

# Debian packages for upLaTeX Japanese PDF and poppler (pdftotext etc.), installed only when missing.
system-deps:
	@if command -v uplatex >/dev/null && command -v latexmk >/dev/null && command -v pdftotext >/dev/null \
	    && kpsewhich pxchfon.sty >/dev/null && kpsewhich HaranoAjiMincho-Regular.otf >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "[準備] TeX（upLaTeX 日本語）と poppler-utils をインストールしています（数分かかります）…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	else \
	    echo "エラー: TeX 関連パッケージが不足しています。管理者権限で次を実行してください:"; \
	    echo "  sudo apt-get install $(APT_PACKAGES)"; exit 1; \
	fi

# For the web tests (tests/acceptance/test_html.py), each installed only when missing:
#   Debian's chromium (the browser the tests drive) and a Japanese font (fonts-ipaexfont-gothic),
#   so pages are measured and drawn with Japanese glyphs as on a reader's machine;
#   axe-core from npm into node_modules/ (the versions in package-lock.json; Debian's nodejs and npm
#   are installed first when npm is missing).  Playwright (requirements-dev.lock) drives that chromium:
#   it downloads no browser of its own (`playwright install` is never run).
TEST_APT_PACKAGES := chromium fonts-ipaexfont-gothic
test-deps:
	@if command -v chromium >/dev/null && fc-list :lang=ja 2>/dev/null | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	    echo "[準備] テスト用に chromium と日本語フォントをインストールしています…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(TEST_APT_PACKAGES) >/dev/null; \
	else \
	    echo "エラー: chromium か日本語フォントがありません。sudo apt-get install $(TEST_APT_PACKAGES) を実行してください。"; exit 1; \
	fi
	@if [ -f node_modules/axe-core/axe.min.js ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null || [ "$$(id -u)" = 0 ]; then \
	    if ! command -v npm >/dev/null; then \
	        echo "[準備] テスト用に Node.js と npm をインストールしています…"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; \
	    fi; \
	    echo "[準備] テスト用に axe-core（npm）をインストールしています…"; \
	    npm ci --no-audit --no-fund --loglevel=error; \
	else \
	    echo "エラー: npm がありません。sudo apt-get install nodejs npm を実行してから make test を再実行してください。"; exit 1; \
	fi

$(STAMP): requirements.lock pyproject.toml
	@echo "[準備] Python 仮想環境（$(VENV)）を作成し、依存パッケージをインストールしています…"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	@touch $(STAMP)

# The dev extra at its locked versions (requirements-dev.lock holds only what requirements.lock does not).
$(DEV_STAMP): $(STAMP) requirements-dev.lock
	@echo "[準備] テスト・開発用の Python パッケージをインストールしています…"
	$(PY) -m pip install -q -r requirements.lock -r requirements-dev.lock
	@touch $(DEV_STAMP)

# Regenerate both exact-version locks from pyproject.toml (then commit them): requirements.lock is what
# the package needs to build (an input of every build: changing it re-executes the notebooks);
# requirements-dev.lock is what the dev extra adds, resolved with requirements.lock as constraints
# so that the two install together unchanged.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install -q --upgrade pip \
	  && .venv-lock/bin/pip install -q -e . && .venv-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock \
	  && .venv-lock/bin/pip install -q -c requirements.lock -e '.[dev]' \
	  && .venv-lock/bin/pip freeze --exclude-editable | grep -v '^-e' | grep -vxFf requirements.lock > requirements-dev.lock \
	  && rm -rf .venv-lock

clean:
	rm -rf .work _build

# Side-by-side timing against plain Jupyter Book (prints timings and ratios).
bench: setup
	$(PY) tools/bench.py

# 取組計画・進捗 exchanged with the departments as Excel workbooks (docs/intake.md).
#   make intake-template [EDITION=…]                       the workbook to send: _build/intake/<版>/取組計画_記入用.xlsx
#   make intake FILES="a.xlsx b.xlsx" [RECEIVED=YYYY-MM-DD]  check the returned workbooks and write them into data/
.PHONY: intake-template intake

intake-template: setup
	$(PY) -m daisen_taiko.intake template --edition $(EDITION)

# パブリックコメント (README「パブリックコメント」): while the edition's status is 意見募集 and after make book,
#   make comments-template [EDITION=…]    the workbook DX推進課 records opinions in: _build/comments/<版>/意見記録.xlsx
#   make comments FILES="意見記録.xlsx"     check it and write the opinions into data/public_comments.csv
.PHONY: comments-template comments
comments-template: setup
	$(PY) -m daisen_taiko.intake comments-template --edition $(EDITION)

comments: setup
	@test -n "$(FILES)" || { echo "使い方: make comments FILES=\"意見記録.xlsx\""; exit 2; }
	$(PY) -m daisen_taiko.intake comments --edition $(EDITION) $(FILES)

intake: setup
	@test -n "$(FILES)" || { echo "使い方: make intake FILES=\"返送1.xlsx 返送2.xlsx\"（フォルダも可） [RECEIVED=受領日 YYYY-MM-DD]"; exit 2; }
	$(PY) -m daisen_taiko.intake read --edition $(EDITION) $(if $(RECEIVED),--received $(RECEIVED)) $(FILES)
