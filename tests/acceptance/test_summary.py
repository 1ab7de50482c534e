"""The 概要版 (issue 31) as the default edition's build publishes it: four A4 pages with every font
embedded, the edition's status on it, no text below 9 pt (its figures drawn with larger text than
the 本編's); every heading and sentence the draft's own, every value the 本編's of the same name,
its figures' 出典 lines the 本編's.  An edition that asks for A3 gets the same on two A3 landscape
pages."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup
from support import (
    DEFAULT,
    ROOT,
    assert_a4_with_every_font_embedded,
    assert_every_font_embedded,
    page_chars,
    paper_of,
    pdf_info,
    pdf_text,
    run_cli,
)

from daisen_taiko.documents.summary import SIDES

PRINT_MIN = 9.0  # points: a 概要版 prints nothing smaller (issue 31)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf(built):
    return built.out / "summary" / "pdf" / f"daisen-dx-taiko-gaiyo-{DEFAULT}.pdf"


@pytest.fixture(scope="module")
def article(built):
    page = (built.out / "summary" / "html" / "summary" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(page, "html.parser").find("article")


def test_four_a4_pages_fonts_embedded_and_the_status_on_the_first(pdf):
    assert int(pdf_info(pdf)["Pages"]) == SIDES == 4
    assert_a4_with_every_font_embedded(pdf)
    first = squeeze(pdf_text(pdf, "-f", "1", "-l", "1"))
    assert "大仙市行政サービス改革・DX推進大綱【概要版】" in first and "(草案)" in first
    assert pdf_info(pdf)["Title"] == "大仙市行政サービス改革・DX推進大綱【概要版】（草案）"


def test_every_heading_and_sentence_is_the_drafts(article, built):
    """Each paragraph, list line and heading of the web page (its title, figures' captions and 出典
    lines apart) is found in the draft; a line of 取組内容 is read piece by piece (施策, ①…)."""
    draft = squeeze((ROOT / "data" / "draft" / f"{DEFAULT}.txt").read_text(encoding="utf-8"))
    taiko = " ".join(p.read_text(encoding="utf-8") for p in (built.html / "book").glob("*.html"))
    checked = 0
    for el in article.find_all(["h2", "h3", "p"]):
        if el.find_parent(class_=["source", "summary-caption", "framework"]):
            continue
        text = re.sub(r"[#¶]$", "", el.get_text(" ", strip=True)).strip()
        for piece in [p for p in re.split(r"　|\s(?=[①-⑳])", text) if p.strip()]:
            piece = re.sub(r"^(?:\(\d+\)|[①-⑳]|・|\d+\.)\s*", "", piece.strip())
            assert squeeze(piece) in draft, piece
            checked += 1
    assert checked >= 60
    captions = [c.get_text(strip=True) for c in article.select(".summary-caption")]
    sources = [c.get_text(" ", strip=True) for c in article.select(".source")]
    assert len(captions) == len(sources) == 2
    assert all(squeeze(c) in squeeze(taiko) for c in captions + sources)  # as the 本編 prints them


def test_every_value_is_the_one_the_taiko_glues_under_that_name(article, pdf, built):
    spec = yaml.safe_load((ROOT / "book" / "summary.yml").read_text(encoding="utf-8"))
    names = set(re.findall(r"\{(\w+)\}", json.dumps(spec, ensure_ascii=False)))
    assert {"pop_peak", "ratio_latest", "plan_period"} <= names
    glued = json.loads((built.out / "snapshot.json").read_text(encoding="utf-8"))["quantities"]
    web, printed = squeeze(article.get_text()), squeeze(pdf_text(pdf))
    for name in names:
        (value,) = {v for k, v in glued.items() if k.endswith(f"::{name}")}
        assert squeeze(value) in web and squeeze(value) in printed, name
    assert "91.1%" in printed and "12万3,158人" in printed  # the draft's own, from today's data


def test_the_30_initiatives_and_the_framework_are_on_it(article, pdf):
    printed = squeeze(pdf_text(pdf, "-f", "4", "-l", "4"))
    # counted by hand in the draft's 第3章: 13 施策 (3, 3, 4, 3), 30 取組内容
    assert printed.count("①") == 13 and len(re.findall("[①-⑳]", printed)) == 30
    for item in ("オンライン申請の充実", "新規財源確保の推進", "個人情報・セキュリティ対策"):
        assert item in printed
    assert "将来を見据えた、行政サービスの最適化" in squeeze(pdf_text(pdf, "-f", "3", "-l", "3"))
    assert items_broken_over_lines(pdf) == []
    assert article.select(".framework")


def items_broken_over_lines(pdf) -> list[str]:
    """The 取組内容 (①…, from data/) not printed whole on one line of the 重点取組 page."""
    import csv

    with open(ROOT / "data" / "initiative_structure.csv", encoding="utf-8") as f:
        items = [chr(0x2460 + int(r["item_no"]) - 1) + r["item"] for r in csv.DictReader(f)]
    lines = [squeeze(line) for line in pdf_text(pdf, "-f", "4", "-l", "4").splitlines()]
    assert len(items) == 30
    return [item for item in items if not any(squeeze(item) in line for line in lines)]


def words_outside(pdf, tmp_path) -> tuple[int, list]:
    """How many words pdftotext finds (figures' labels included), and those not inside their page."""
    import subprocess

    out = tmp_path / f"{pdf.stem}-words.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(out)], check=True)
    html = out.read_text(encoding="utf-8")
    width, height = paper_of(pdf)
    boxes = re.findall(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">', html)
    inside = [0 <= float(b[0]) and float(b[2]) <= width and 0 <= float(b[1]) and float(b[3]) <= height for b in boxes]
    return len(boxes), [b for b, ok in zip(boxes, inside) if not ok]


def smaller_than(least: float, pdf) -> list[str]:
    """The characters printed below ``least`` points (figures' text included), with their page."""
    return [f"p.{n}: {c.text} {c.size}pt" for n, p in enumerate(page_chars(pdf), 1) for c in p if c.size < least]


def test_no_word_outside_the_page_box(pdf, tmp_path):
    count, outside = words_outside(pdf, tmp_path)
    assert count > 300  # (408 today: a run of Japanese text is one word)
    assert outside == []


def test_no_text_below_9_pt_at_print_size_figures_included(pdf):
    """The body is set at 10 pt; the figures are the 本編's drawn again on a smaller canvas, so
    their smallest labels (7.5 pt in the 本編) print at 9.4 pt."""
    printed = [c for p in page_chars(pdf) for c in p if c.text.strip()]
    assert len(printed) > 2500 and sum(c.font.startswith("IPAex") for c in printed) > 400  # the figures' too
    assert smaller_than(PRINT_MIN, pdf) == []
    assert len(smaller_than(9.5, pdf)) > 400  # the check sees the figures' smallest labels (9.37 pt)


@pytest.mark.builds
def test_an_edition_asking_for_a3_gets_two_a3_landscape_pages_with_the_same_text(built, project, pdf, tmp_path):
    """summary_paper: A3横2ページ in the edition's parameters: two A3 landscape pages, each two
    of the A4 pages side by side; the same characters (but the page numbers 3 and 4 and two
    status marks), fonts embedded, nothing outside the page, nothing below 9 pt."""
    import shutil

    shutil.copytree(built.work.parent / "cache", project / ".work" / "cache")
    params = project / "parameters" / f"{DEFAULT}.yaml"
    params.write_text(params.read_text(encoding="utf-8") + "summary_paper: A3横2ページ\n", encoding="utf-8")
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout + res.stderr
    a3 = project / "_build" / DEFAULT / "summary" / "pdf" / pdf.name
    assert int(pdf_info(a3)["Pages"]) == 2
    width, height = paper_of(a3)
    assert abs(width - 1190.55) < 1 and abs(height - 841.89) < 1  # A3 (420 × 297 mm) landscape
    assert_every_font_embedded(a3)
    assert words_outside(a3, tmp_path)[1] == [] and smaller_than(PRINT_MIN, a3) == []
    four, two = Counter(squeeze(pdf_text(pdf))), Counter(squeeze(pdf_text(a3)))
    assert four - two == Counter("34草草案案") and two - four == Counter()
    assert "概要版" in pdf_info(a3)["Title"]
