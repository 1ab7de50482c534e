"""Acceptance checks on a real build of the default edition: HTML and a Japanese A4 PDF."""

import re
import subprocess


def pdftext(pdf):
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_build_shows_progress_and_publishes_html_and_one_pdf(built_book):
    assert (built_book["html"] / "index.html").exists()
    assert len(list((built_book["out"] / "pdf").glob("*.pdf"))) == 1
    for step in ("[1/5]", "[2/5]", "[3/5]", "[4/5]", "[5/5]", "完了"):
        assert step in built_book["log"]


def test_pdf_is_a4_with_every_font_embedded(built_book):
    info = subprocess.run(["pdfinfo", str(built_book["pdf"])], capture_output=True, text=True, check=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(w - 595) < 1.5 and abs(h - 842) < 1.5
    fonts = subprocess.run(["pdffonts", str(built_book["pdf"])], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows, fonts
    # columns end with: emb sub uni object ID
    assert all(r.split()[-5] == "yes" for r in rows), fonts


def test_pdf_holds_section_figures_and_glued_numbers(built_book):
    text = pdftext(built_book["pdf"])
    compact = re.sub(r"\s+", "", text)
    for needle in ("人口減少と財政状況", "図1", "図2", "図3", "目次"):
        assert needle in compact, needle
    assert "12万3,158" in compact or "123,158" in compact
    assert "91.1%" in compact


def test_no_code_or_parameter_cells_in_pdf_or_html(built_book):
    text = pdftext(built_book["pdf"])
    html = (built_book["html"] / "book" / "ch1_3_1_population_finance.html").read_text(encoding="utf-8")
    for leak in ("edition_params", "import ", "sec.figure", "glue_text", "nb.start"):
        assert leak not in text, leak
        assert leak not in html, leak


def test_every_figure_is_followed_by_a_source_line(built_book):
    text = re.sub(r"[ \t]+", "", pdftext(built_book["pdf"]))
    for n in (1, 2, 3):
        after = text.split(f"図{n}", 1)[1][:400]
        assert "出典：" in after, f"図{n}"


def test_toc_lists_every_chapter_with_a_page_number(built_book):
    text = pdftext(built_book["pdf"])
    toc = text.split("目次", 1)[1].split("本書は", 1)[0]
    for chapter in ("第1章 大綱策定の背景", "第2章 基本方針及び推進体制", "第3章 重点取組", "各種取組計画",
                    "用語集", "データ整備状況"):
        pattern = r"\s*".join(map(re.escape, chapter.replace(" ", ""))) + r"[\s.]*\d+\s*$"
        assert re.search(pattern, toc, re.M), chapter


def test_draft_mark_on_every_page(built_book):
    pages = pdftext(built_book["pdf"]).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) > 20
    assert all("草案" in p for p in pages)
