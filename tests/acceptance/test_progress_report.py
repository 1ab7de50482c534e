"""The 推進状況報告書 (issue 29): a year of returns filled as the departments would (intake_kit.
year_of_returns: 30 取組, grades typed every way, 6 left blank, a smaller-is-better indicator,
財政効果額 on three rows, full-width digits, and a change of the plan with its reason) is read with
the intake command and built; the published report (HTML and PDF) holds the counts made by hand.
With no returns (the project's data today) nothing is published."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from support import DEFAULT, assert_a4_with_every_font_embedded, copy_project, pdf_info, pdf_text, run_cli, run_intake

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "intake"))
from intake_kit import add_departments, fill, year_of_returns  # noqa: E402
from test_html import axe_source, browser  # noqa: E402,F401  (the fixtures of the web checks)

pytestmark = pytest.mark.builds  # builds its own changed copies: make test-builds (CI), not make test

IDS = [
    *("1-1-1", "1-1-2", "1-1-3", "1-2-1", "1-2-2", "1-3-1", "1-3-2", "1-3-3"),
    *("2-1-1", "2-1-2", "2-2-1", "2-2-2", "2-2-3", "2-3-1", "2-3-2"),
    *("3-1-1", "3-1-2", "3-1-3", "3-2-1", "3-2-2", "3-2-3", "3-3-1", "3-3-2", "3-4-1", "3-4-2"),
    *("4-1-1", "4-2-1", "4-2-2", "4-3-1", "4-3-2"),
]
REASON = "国の標準化に合わせて導入時期を見直すため"
# working words that must never reach a public document
PDF = f"daisen-dx-suishin-jokyo-{DEFAULT}-2026.pdf"  # 令和8年度's
WORKING = ("xlsx", "data/", "シート", "retrieved_from", "取得元", "受領", "make ", "確認中", "✓")


def text_of(html: Path) -> str:
    body = html.read_text(encoding="utf-8")
    body = body[body.index("<main") : body.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_with_no_returns_nothing_is_published(built):
    assert not (built.out / "progress").exists()
    manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    assert not [name for name in manifest["documents"] if name.startswith("progress")]
    assert "推進状況報告書" not in built.log.split("完了")[-1]  # not among the documents made
    report = text_of(built.report_html / "report" / "plans.html")
    assert "推進状況報告書は作成していません" in report
    assert "令和8年度の進捗（実績値・評価）の返送を待っている取組は次のとおりです（30件）" in report


@pytest.fixture(scope="module")
def published(built, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("progress")
    project = copy_project(tmp / "proj")
    add_departments(project)
    assert run_intake(project, "template").returncode == 0
    blank = project / "_build" / "intake" / DEFAULT / "取組計画_記入用.xlsx"
    res = run_intake(project, "read", "--received", "2027-05-10", str(year_of_returns(blank, tmp / "返送.xlsx", IDS)))
    assert res.returncode == 0, res.stdout + res.stderr
    assert run_intake(project, "template").returncode == 0  # next round: pre-filled with the plan returned
    change = fill(blank, tmp / "変更.xlsx", plan={"1-1-1": {"令和10年度": "準備", "変更理由": REASON}})
    res = run_intake(project, "read", "--received", "2027-06-01", str(change))
    assert res.returncode == 0, res.stdout + res.stderr
    nine = fill(blank, tmp / "令和9年度.xlsx", progress={("1-1-1", "令和9年度"): {"実績値": 28, "評価": "B"}})
    res = run_intake(project, "read", "--received", "2028-05-10", str(nine))
    assert res.returncode == 0, res.stdout + res.stderr
    res = run_cli(project, "build", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))
    assert res.returncode == 0, res.stdout + res.stderr
    listed = [line.split(":")[0].strip() for line in res.stdout.split("完了")[-1].splitlines()[1:]]
    assert listed == [
        "大綱",
        "作業レポート",
        "概要版",
        "推進状況報告書（令和8年度実績）",
        "推進状況報告書（令和9年度実績）",
    ]
    return project / "_build" / DEFAULT / "progress" / "2026"  # 令和8年度's (令和9年度's: one return)


def test_the_contents_stay_on_one_page(published):
    """The 目次 (every 取組 listed) is the PDF's second page, whole: its last entry is on it."""
    contents = pdf_text(published / "pdf" / PDF, "-f", "2", "-l", "2")
    assert "目次" in contents and "取組計画の変更" in contents


def test_one_report_per_fiscal_year_with_returns(published):
    """令和8年度's report keeps its year's counts (the tests below) beside 令和9年度's."""
    out = published.parents[1]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    reports = {k: v for k, v in manifest["documents"].items() if k.startswith("progress")}
    assert sorted(reports) == ["progress-2026", "progress-2027"]
    assert reports["progress-2027"]["pdf"] == f"progress/2027/pdf/daisen-dx-suishin-jokyo-{DEFAULT}-2027.pdf"
    nine = out / reports["progress-2027"]["pdf"]
    assert pdf_info(nine)["Title"].endswith("推進状況報告書（令和9年度実績）")
    index = text_of(out / "progress" / "2027" / "html" / "progress" / "index.html")
    assert "推進状況報告書（令和9年度実績）" in index and " B 1件 3.3% " in index and " 未報告 29件 96.7% " in index


def test_summary_in_html_and_pdf_equals_the_hand_count(published):
    index = text_of(published / "html" / "progress" / "index.html")
    for grade, n, share in (
        ("A", 8, "26.7"),
        ("B", 10, "33.3"),
        ("C", 4, "13.3"),
        ("D", 2, "6.7"),
        ("未報告", 6, "20.0"),
    ):
        assert f" {grade} {n}件 {share}% " in index, grade
    assert " 計 30件 100.0% " in index
    # the cross-table by 重点取組 drawn beside it, captioned, with its 出典 under it
    html = (published / "html" / "progress" / "index.html").read_text(encoding="utf-8")
    figure = html[html.index("<figure") : html.index("</figure>")]
    assert "grades-by-pillar.svg" in figure and "重点取組別の評価の件数（令和8年度）" in figure
    assert html[html.index("</figure>") :].startswith("</figure>\n<p>出典：大仙市 DX推進課「取組計画」、")
    assert "未報告の取組（6件）" in index and " 4-3-2 " in index
    assert " 令和8年度 1,545.5 " in index  # 1,200 + 300 + 45.5 千円
    assert "出典：大仙市 DX推進課「取組計画」、大仙市 DX推進課「取組計画」進捗報告" in index
    pdf = published / "pdf" / PDF
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "推進状況報告書" in text and "（令和8年度実績）" in text
    assert "A8件26.7%" in text and "未報告6件20.0%" in text and "1,545.5" in text
    assert pdf_info(pdf)["Title"].endswith("推進状況報告書（令和8年度実績）")
    for word in WORKING:
        assert word not in text and word not in index, word


def test_smaller_is_better_row_prints_no_rate(published):
    page = text_of(published / "html" / "progress" / "pillar-1.html")
    row = re.search(r"1-2-1 \S+ # 項目 内容 (.*?) 1-2-2 ", page)[1]  # its section (not the page's contents list)
    assert "紙の申請様式の数（様式）" in row and "減少を目指す指標" in row and "%" not in row
    text = re.sub(r"\s+", "", pdf_text(published / "pdf" / PDF))
    row = re.search(r"1-2-1ワンストップ窓口項目内容(.*?)1-2-2", text)[1]
    assert "実績値420" in row and "達成率減少を目指す指標" in row and "%" not in row  # 420 ÷ 400 would read 105.0%


def test_the_change_and_its_reason_marked_on_the_web_and_in_print(published):
    page = text_of(published / "html" / "progress" / "changes.html")
    assert f"段階（令和10年度） 実施 準備 {REASON}" in page
    html = (published / "html" / "progress" / "changes.html").read_text(encoding="utf-8")
    assert "<del>実施</del>" in html and "<ins>準備</ins>" in html
    import pdfplumber

    with pdfplumber.open(published / "pdf" / PDF) as pdf:
        page = next(p for p in pdf.pages if REASON[:6] in (p.extract_text() or "").replace(" ", ""))
        rules = [r for r in (*page.lines, *page.rects) if r["height"] < 1.5]

        def ruled(word: str, low: float, high: float) -> bool:
            """Every character of ``word`` (its last occurrence) has a horizontal rule across it
            between ``low`` and ``high`` of its height (0 = top, 1 = bottom)."""
            chars = page.chars
            start = "".join(c["text"] for c in chars).rindex(word)
            return all(
                any(
                    r["x0"] <= c["x0"] + 0.5 and r["x1"] >= c["x1"] - 0.5 and low <= (r["top"] - c["top"]) / h <= high
                    for r in rules
                )
                for c in chars[start : start + len(word)]
                for h in [c["bottom"] - c["top"]]
            )

        assert ruled("準備", 0.9, 1.4) and not ruled("準備", 0.2, 0.8)  # underlined, not struck
        assert ruled("実施", 0.2, 0.8) and not ruled("実施", 0.9, 1.4)  # struck through
        assert not ruled(REASON[:4], 0.0, 1.4)  # the reason in the same row is not marked


def test_the_data_download_and_the_pdf_fonts(published):
    import csv
    import io

    html = (published / "html" / "progress" / "index.html").read_text(encoding="utf-8")
    (href,) = re.findall(r'href="(\.\./_downloads/[^"]+\.csv)"', html)
    data = (published / "html" / "progress" / href).resolve().read_bytes().decode("utf-8-sig")
    rows = {r["ID"]: r for r in csv.DictReader(io.StringIO(data))}
    assert len(rows) == 30 and "取得元" not in rows["1-1-1"]
    with open(published.parents[3] / "data" / "initiative_progress.csv", encoding="utf-8") as fh:
        returned = {r["id"]: r for r in csv.DictReader(fh) if r["fiscal_year"] == "2026"}
    for ident, r in returned.items():
        assert float(rows[ident]["実績値"]) == float(r["actual"]) and rows[ident]["評価"] == r["rating"], ident
        assert rows[ident]["出典"] == r["publication"], ident
    assert {i for i, r in rows.items() if r["評価"] == "未報告"} == set(IDS) - set(returned)
    assert "CSV" not in pdf_text(published / "pdf" / PDF)  # the web edition's only
    assert_a4_with_every_font_embedded(published / "pdf" / PDF)


def test_rebuilt_byte_for_byte(published):
    verified = run_cli(published.parents[3], "verify", timeout=1800)
    assert verified.returncode == 0 and "一致:" in verified.stdout, verified.stdout + verified.stderr


def test_every_page_passes_axe_and_names_nothing_outside_on_desktop_and_phone(published, browser, axe_source):  # noqa: F811
    """The checks test_html.py makes of the 大綱's pages, on the 推進状況報告書's."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from test_html import DESKTOP, PHONE, _Handler, axe_violations, layout_problems, outside_requests

    out = published.parent
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    found = {}
    try:
        pages = sorted(p.relative_to(out).as_posix() for p in (published / "html" / "progress").glob("*.html"))
        assert len(pages) == 6  # the summary, four 重点取組, the changes
        for page in pages:
            for width in (DESKTOP, PHONE):
                tab = browser.open(f"{base}/{page}", width)
                problems = axe_violations(tab, axe_source) + layout_problems(tab)
                problems += outside_requests(browser.requested[width], base)
                if problems:
                    found[f"{page} ({width}px)"] = problems
    finally:
        httpd.shutdown()
    assert found == {}
