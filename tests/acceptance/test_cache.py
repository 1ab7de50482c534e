"""The execution cache counts executions: a copy of the project that starts from a filled cache
runs no notebook, a no-op rebuild rewrites nothing, a one-CSV change runs exactly the notebooks
that read that file, and the book shows the new value; an edited ※ note and an approved correction
of the draft show although no page's source changed.  The rebuilds reuse Sphinx's and
upLaTeX's state from the build before (only changed pages are read again); what they publish
is byte for byte what a build from scratch elsewhere publishes (``make verify``, which finds
every file the same but a stray one put into the published book, and lists that one)."""

from __future__ import annotations

import json

import pytest
from support import DEFAULT, approve_bpr, change_first_ratio, pdf_text, replace_once, run_cli, tree_bytes

pytestmark = pytest.mark.builds  # builds its own changed copies: make test-builds (CI), not make test


def executions(project) -> list[str]:
    return json.loads((project / ".work" / DEFAULT / "executions.json").read_text(encoding="utf-8"))


def readers(project, csv_name: str) -> set[str]:
    return {
        f"book/{r.stem}.ipynb"
        for r in (project / ".work" / "cache" / "deps").glob("*.json")
        if csv_name in json.loads(r.read_text(encoding="utf-8"))[0]  # the latest run's list
    }


def html_times(project) -> dict[str, int]:
    """When Sphinx last wrote each web page of the 大綱 (in its working copy)."""
    html = project / ".work" / DEFAULT / "sphinx" / "taiko" / "_build" / "html"
    return {str(p.relative_to(html)): p.stat().st_mtime_ns for p in html.rglob("*.html")}


def test_filled_cache_noop_one_csv_change_and_one_page_change(built, project):
    import shutil

    shutil.copytree(built.work.parent / "cache", project / ".work" / "cache")
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    assert executions(project) == [] and "10件は前回の結果を再利用" in res.stdout

    published = tree_bytes(project / "_build")
    res = run_cli(project, "build")
    assert res.returncode == 0 and executions(project) == [] and "実行 0件" in res.stdout
    assert tree_bytes(project / "_build") == published

    # a value no other test writes, so no other test has put its execution into the shared cache
    before = change_first_ratio(project, "92.8")
    pages = html_times(project)
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    ran = set(executions(project))
    assert ran == readers(project, "fiscal_indicators.csv") == {"book/ch1_3_1_population_finance.ipynb"}
    rewritten = {page for page, t in html_times(project).items() if pages.get(page) != t}
    # Sphinx wrote the changed page (and the pages that list it), not the whole book again
    assert "book/ch1_3_1_population_finance.html" in rewritten, rewritten
    assert not rewritten & {"book/ch2_policy.html", "book/ch3_priorities.html", "book/plans.html"}, rewritten
    text = pdf_text(next((project / "_build" / DEFAULT / "pdf").glob("*.pdf")))
    assert "92.8" in text and before not in text  # the cache never serves a stale result
    summary = pdf_text(next((project / "_build" / DEFAULT / "summary" / "pdf").glob("*.pdf")))
    assert "92.8" in summary and before not in summary  # the 概要版 draws the 本編's figure anew

    nb = project / "book" / "plans.ipynb"
    book = json.loads(nb.read_text(encoding="utf-8"))
    book["cells"][-1]["source"] += "\n"
    nb.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    assert executions(project) == ["book/plans.ipynb"]

    def note_page() -> str:
        return (project / "_build" / DEFAULT / "html" / "book" / "ch1_3_3_dx_trends.html").read_text(encoding="utf-8")

    replace_once(project / "data" / "glossary.csv", "業務本来の目的に立ち返り、", "業務本来の目的に立ち返って、")
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    assert "業務本来の目的に立ち返って、" in note_page()
    assert "業務本来の目的に立ち返って、" in pdf_text(next((project / "_build" / DEFAULT / "pdf").glob("*.pdf")))

    approve_bpr(project)
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    page = note_page()
    assert "B P R" not in page and "BPR (Business Process Re-engineering)" in page  # body and ※ note

    # a working area deleted by hand (.work/<版>/) while the published book is up to date
    shutil.rmtree(project / ".work" / DEFAULT)
    res = run_cli(project, "build")
    assert res.returncode == 0 and "実行 0件" in res.stdout, res.stdout + res.stderr

    # make verify: a build from scratch of the same inputs, elsewhere (another path with Japanese
    # in it, time zone, locale, umask and hash seed, no SOURCE_DATE_EPOCH).  With one stray file
    # put into the published book it lists that file alone: every file the incremental builds
    # published is byte for byte the rebuild's.  (「一致:」 itself: test_add_a_document.)
    stray = project / "_build" / DEFAULT / "html" / "downloads" / "手で置いたファイル.csv"
    stray.write_text("年度,値\n", encoding="utf-8")
    res = run_cli(project, "verify")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "不一致: 公開済みの本と、現在の入力から作り直した本で 1件のファイルが異なります。" in res.stdout, res.stdout
    listed = [line.strip() for line in res.stdout.splitlines() if line.strip().startswith("・")]
    assert listed == ["・html/downloads/手で置いたファイル.csv（公開済みの本にだけある）"], res.stdout
