"""The パブリックコメント from the 意見募集版 to the adopted text (issue 30): 12 opinions recorded in
the workbook of the 意見募集版's places and built into the public 「意見募集の結果」 — counts equal to
a hand count, the table in the order of the draft, each change 対応 A before and after — and into
the 確定 edition's text once approved (without approval the 確定 build stops naming the opinion).
No published file holds an opinion as written (意見（原文）)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from comments_kit import OPINIONS, fill
from playwright.sync_api import sync_playwright
from support import DEFAULT, copy_project, pdf_text, run_cli, run_intake, tree_bytes

pytestmark = pytest.mark.builds  # builds its own changed copies: make test-builds (CI), not make test

RESULTS = "comments"  # its folder in _build/<版>/ (book/documents.yml)
NOTICE = [("提出方法", "（試験）電子メール、郵送"), ("提出先", "（試験）DX推進課")]
CHANGED = (
    "社会全体のデジタル化が急速に進み",
    "市民サービスの向上を一層実感してもらえる行政",
)  # the two A's new wording


def set_status(project, status: str) -> None:
    params = project / "parameters" / f"{DEFAULT}.yaml"
    text = params.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("status:"))
    params.write_text(text.replace(old, f"status: {status}"), encoding="utf-8")


def build(project, built) -> subprocess.CompletedProcess:
    return run_cli(project, "build", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))


@pytest.fixture(scope="module")
def answered(built, tmp_path_factory):
    """The 意見募集版 built, its workbook made, the 12 opinions recorded and answered, built again."""
    project = copy_project(tmp_path_factory.mktemp("pubcom") / "proj")
    set_status(project, "意見募集")
    with open(project / "data" / "public_comment_notice.csv", "w", encoding="utf-8") as notice:
        notice.write("item,text,publication,retrieved_from,confidence,note\n")  # (test data: the city's lines)
        for item, text in NOTICE:
            notice.write(f"{item},{text},試験「意見募集の告知」,tests/acceptance/test_public_comments.py,test,\n")
    res = build(project, built)
    assert res.returncode == 0, res.stdout + res.stderr
    assert not (project / "_build" / DEFAULT / RESULTS).exists()  # no opinion yet: nothing to publish
    res = run_intake(project, "comments-template")
    assert res.returncode == 0, res.stdout + res.stderr
    book = fill(project / "_build" / "comments" / DEFAULT / "意見記録.xlsx", project / "記録.xlsx", OPINIONS)
    res = run_intake(project, "comments", str(book))
    assert res.returncode == 0, res.stdout + res.stderr
    res = build(project, built)
    assert res.returncode == 0, res.stdout + res.stderr
    out = project / "_build" / DEFAULT
    soup = BeautifulSoup(
        (out / RESULTS / "html" / "comment_results" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    tables = [
        [[c.get_text(" ", strip=True) for c in tr.select("th, td")] for tr in t.select("tr")]
        for t in soup.select("main table")
    ]
    return project, out, tables


def test_the_results_count_as_a_hand_count(answered):
    _, _, tables = answered
    outline, methods, responses = tables[:3]
    assert outline == [
        ["案件", "募集期間", "担当課", "意見提出者数", "意見件数"],
        ["大仙市行政サービス改革・DX推進大綱（案）", "令和8年1月8日～令和8年1月23日", "DX推進課", "9人", "12件"],
    ]
    # by hand from comments_kit.OPINIONS: 受付番号 1, 7, 9 by e-mail (opinions 1, 2, 9, 12) …
    assert methods[1:] == [
        ["電子メール", "3人", "4件"],
        ["郵送", "2人", "3件"],
        ["ファクス", "1人", "1件"],
        ["持参", "1人", "1件"],
        ["意見箱", "1人", "2件"],
        ["電子申請", "1人", "1件"],
    ]
    assert [(r[0], r[2]) for r in responses[1:]] == [
        ("A", "2件"),
        ("B", "3件"),
        ("C", "4件"),
        ("D", "2件"),
        ("対象外", "1件"),
    ]


def test_the_table_follows_the_draft_and_shows_each_change_before_and_after(answered):
    _, _, tables = answered
    opinions, changes = tables[3], tables[4]
    summary = {o["意見番号"]: o["意見の概要"] for o in OPINIONS}
    # the plan as a whole first, then 第1章 1〔1〕, 1〔2〕 (two), 3 (1)〔2〕, 4 (1)〔3〕, 5〔2〕, 第2章 2〔9〕,
    # 第3章 1 (2)〔3〕, 3 （2）〔1〕, 各種取組計画〔1〕 — as the 意見募集版 prints them
    order = [3, 5, 7, 1, 2, 4, 11, 10, 8, 12, 6, 9]
    assert [r[2] for r in opinions[1:]] == [summary[n] for n in order]
    assert [r[0] for r in opinions[1:]] == [str(n) for n in range(1, 13)]
    assert opinions[1][1] == "全体" and opinions[4][1] == opinions[5][1] == "第1章 1〔2〕"
    assert changes[1:] == [
        ["1", "第2章 1〔4〕", "市民サービスの向上を実感してもらえる行政", CHANGED[1]],
        ["4", "第1章 1〔2〕", "社会全体のデジタル化が進み", CHANGED[0]],
    ]


def published_text(out) -> str:
    """Every published file as text (a PDF as pdftotext reads it)."""
    texts = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            texts.append(pdf_text(path, layout=False))
        elif path.suffix in (".html", ".json", ".txt", ".csv", ".js", ".xml", ".svg"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def test_no_published_file_holds_an_opinion_as_written(answered):
    _, out, _ = answered
    text = published_text(out)
    assert OPINIONS[0]["意見の概要"] in text  # (the summaries are published)
    assert [o["意見（原文）"] for o in OPINIONS if o["意見（原文）"] in text] == []


def test_the_edition_out_for_comment_opens_with_the_notice_and_offers_a_one_page_form(answered):
    _, out, _ = answered
    lines = ["募集期間 令和8年1月8日～令和8年1月23日", "担当課 DX推進課", *(f"{i} {t}" for i, t in NOTICE)]
    lines.append("該当箇所 章・節の番号と段落の番号〔 〕（例 第1章 3 (1)〔2〕）")
    taiko = out / "pdf" / f"daisen-dx-taiko-{DEFAULT}.pdf"
    squash = lambda text: "".join(text.split())  # noqa: E731  (pdftotext spaces digits from kanji)
    second = squash(pdf_text(taiko, "-f", "2", "-l", "2"))  # the page after the cover
    assert "意見募集のお知らせ" in second and all(squash(line) in second for line in lines), second
    assert "第1章 3 (1)〔2〕" in (out / "html" / "book" / "ch1_3_1_population_finance.html").read_text(encoding="utf-8")
    soup = BeautifulSoup((out / "html" / "book" / "index.html").read_text(encoding="utf-8"), "html.parser")
    notice = soup.select_one(".comment-notice")
    assert [li.get_text("", strip=True) for li in notice.select("li")] == [line.replace(" ", "：", 1) for line in lines]
    link = notice.select_one("a")["href"]
    assert link == "../../comment-form/html/index.html" and (out / "html" / "book" / link).resolve().is_file()
    form_pdf = next((out / "comment-form" / "pdf").glob("*.pdf"))
    info = subprocess.run(["pdfinfo", str(form_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "595.28 x 841.89" in info  # one A4 page
    form = squash(pdf_text(form_pdf))
    assert (
        all(squash(line.replace(" ", "：", 1)) in form for line in lines)
        and "該当箇所ご意見" in form
        and "□市民□事業者□団体□その他" in form
    )
    assert not any(w in form for w in ("氏名", "住所", "電話", "メールアドレス"))
    page = BeautifulSoup(
        (out / "comment-form" / "html" / "comment_form" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert [th.get_text() for th in page.select("table.comment-form th")] == ["該当箇所", "ご意見"]
    assert len(page.select("table.comment-form tbody tr")) == 4


def test_the_new_pages_read_well_on_a_desktop_and_a_phone(answered):
    """axe finds no WCAG 2.1 A/AA violation and nothing squeezes or overflows, at both widths, on
    the 意見募集版's first page, the form and the 意見募集の結果 (the checks of test_html)."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from test_html import AXE, CHROMIUM_FLAGS, DESKTOP, PHONE, Browser, _Handler, axe_violations, layout_problems

    _, out, _ = answered
    pages = [
        "html/book/index.html",
        "comment-form/html/comment_form/index.html",
        "comments/html/comment_results/index.html",
    ]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    found = {}
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS, ignore_default_args=["--hide-scrollbars"]
            )
            browser = Browser(chromium)
            for page in pages:
                for width in (DESKTOP, PHONE):
                    view = browser.open(f"http://127.0.0.1:{httpd.server_address[1]}/{page}", width)
                    problems = axe_violations(view, AXE.read_text(encoding="utf-8")) + layout_problems(view)
                    if problems:
                        found[(page, width)] = problems
            chromium.close()
    finally:
        httpd.shutdown()
    assert found == {}


def test_the_final_edition_takes_the_approved_changes_and_stops_without_them(answered, built):
    project, out, _ = answered
    assert not any(c in published_text(out / "html") for c in CHANGED)  # not in the 意見募集版
    set_status(project, "確定")
    before = tree_bytes(project / "_build")
    res = build(project, built)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "意見番号 1（受付番号 1）は対応 A" in res.stdout and "意見番号 3（受付番号 2）は対応 A" in res.stdout
    assert tree_bytes(project / "_build") == before
    log = project / "data" / "draft_corrections.csv"
    text = log.read_text(encoding="utf-8")
    for n in (1, 3):
        text = text.replace(f"（意見番号 {n}）への対応,,,", f"（意見番号 {n}）への対応,DX推進課長,2026-02-10,")
    log.write_text(text, encoding="utf-8")
    # The draft's two statements its data contradict stop any 確定 edition (test_final_edition) until
    # the city decides; this copy sets them aside in its data so that the 確定 edition builds.
    timeline = project / "data" / "plan_timeline.csv"
    timeline.write_text(
        timeline.read_text(encoding="utf-8").replace(
            "地域情報化計画,策定,2007-03,年月,2007-03,", "地域情報化計画,策定,2008-04,年月,2008-04,"
        ),
        encoding="utf-8",
    )
    wellbeing = project / "data" / "wellbeing_indicators.csv"
    lines = wellbeing.read_text(encoding="utf-8").split("\n")
    lines[13] = lines[13].replace(",42.76,", ",42.70,")  # 地域行政 客観, its second value
    wellbeing.write_text("\n".join(lines), encoding="utf-8")
    res = build(project, built)
    assert res.returncode == 0, res.stdout + res.stderr
    final = published_text(out / "html") + published_text(out / "pdf")
    assert all(c in final for c in CHANGED)
    assert [o["意見（原文）"] for o in OPINIONS if o["意見（原文）"] in published_text(out)] == []
