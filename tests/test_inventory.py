"""The built HTML and PDF hold everything the draft holds (see draft_inventory.py)."""

import html as htmllib
import re
import subprocess
import unicodedata

import pytest

from draft_inventory import FIGURES, HEADINGS, ITEMS, TABLES


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def texts(built_book):
    pdf = subprocess.run(["pdftotext", str(built_book["pdf"]), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in sorted(built_book["html"].rglob("*.html")):
        if page.name in ("search.html", "genindex.html"):
            continue
        raw = page.read_text(encoding="utf-8")
        raw = re.sub(r"(?s)<(script|style|svg).*?</\1>", " ", raw)
        pages.append(htmllib.unescape(re.sub(r"<[^>]+>", " ", raw)))
    return {"pdf": norm(pdf), "html": norm(" ".join(pages)), "pdf_raw": pdf}


def test_inventory_sizes():
    assert len(ITEMS) == 30 and len(FIGURES) == 10 and len(HEADINGS) >= 40


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_every_heading_of_the_draft_is_in_the_book(texts, kind):
    missing = [h for h in HEADINGS if norm(h) not in texts[kind]]
    assert missing == []


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_every_figure_and_table_number_is_in_the_book(texts, kind):
    missing = [f for f in FIGURES + TABLES if f not in texts[kind]]
    assert missing == []


def test_figures_are_numbered_in_order_in_the_pdf(texts):
    order = [int(m.group(1)) for m in re.finditer(r"図\s?(\d+)(?!\d)", texts["pdf_raw"])]
    firsts = [order.index(n) for n in range(1, 11)]     # ValueError when a number is missing
    assert firsts == sorted(firsts)


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_all_30_initiatives_are_in_the_book(texts, kind):
    missing = [i for i in ITEMS if norm(i) not in texts[kind]]
    assert missing == []
