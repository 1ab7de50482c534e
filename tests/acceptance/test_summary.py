"""The 概要版 (issue 31) as the default edition's build publishes it: four A4 pages with every font
embedded, the edition's status on it; every heading and sentence the draft's own, every value the
本編's of the same name, its figures' 出典 lines the 本編's."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup
from support import DEFAULT, ROOT, assert_a4_with_every_font_embedded, pdf_info, pdf_text

from daisen_taiko.documents.summary import PAGES


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
    assert int(pdf_info(pdf)["Pages"]) == PAGES == 4
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
    assert article.select(".framework")


def test_no_word_outside_the_page_box(pdf, tmp_path):
    """Every word pdftotext finds (figures' labels included) lies inside its A4 page."""
    import subprocess

    out = tmp_path / "words.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(out)], check=True)
    html = out.read_text(encoding="utf-8")
    boxes = re.findall(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">', html)
    assert len(boxes) > 300  # (408 today: a run of Japanese text is one word)
    outside = [
        b
        for b in boxes
        if not (0 <= float(b[0]) and float(b[2]) <= 595.3 and 0 <= float(b[1]) and float(b[3]) <= 841.9)
    ]
    assert outside == []
