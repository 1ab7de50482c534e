"""The 作業レポート: what the planners of DX推進課 must act on, apart from the 大綱.

Pages (MyST Markdown, written from the build's results; a page without content is left out):
記述の検証, データの依頼（データ整備状況）, 原稿との相違, 前年度版からの変更点, 取組計画の提出状況と進捗,
データの出典と取得元.  File names and build words may appear here; never in the 大綱.
"""

from __future__ import annotations

from daisen_taiko.documents import Context
from daisen_taiko.documents.report import changes, checks, comments, corrections, plans, requests, sources
from daisen_taiko.documents.report.common import Page
from daisen_taiko.inputs.params import Edition

TAIKO_FROM_REPORT = "../../../html/index.html"  # report/html/report/index.html → html/index.html


def build_pages(ed: Edition, context: Context) -> tuple[dict[str, str], dict[str, bytes]]:
    """All pages of the report (name → Markdown, root first) and the files they include (the
    writer declared in book/documents.yml)."""
    found, numbers, previous = context.results, context.numbers, context.previous
    made: list[Page] = [
        p
        for p in (
            checks.page(found),
            requests.page(numbers, ed.fiscal_year),
            corrections.page(final=not ed.is_draft),
            comments.page(ed),
            changes.page(ed, found, numbers, previous),
            plans.page(ed),
            sources.page(found.figures, numbers),
        )
        if p is not None
    ]
    files: dict[str, bytes] = {}
    for p in made:
        files.update(p.files)
    index = [
        "# 作業レポート",
        "",
        f"{ed.full_title}（{ed.cover_period}）{ed.status}（{ed.issued_label}）の作成担当向けの資料です。"
        "大綱には載せない、確認と対応が必要な事項をまとめています。",
        "",
    ]
    index += [f"- {{doc}}`{p.name}`：{p.summary}" for p in made]
    # the web edition of the 大綱 beside it (published in the same _build/<edition>/)
    index += [
        "",
        "```{raw} html",
        f'<p class="taiko-link"><a href="{TAIKO_FROM_REPORT}">大綱の Web 版を開く</a></p>',
        "```",
    ]
    pages = {"index": "\n".join(index) + "\n"}
    pages.update({p.name: p.text for p in made})
    return pages, files
