"""原稿との相違: every recorded correction of the draft, approved (applied to the 大綱) or pending."""

from __future__ import annotations

from daisen_taiko import project_root
from daisen_taiko.documents.report.common import Page, list_table
from daisen_taiko.inputs.corrections import applies, corrections
from daisen_taiko.inputs.toc import documents, page_file, title


def _where(page: str) -> str:
    """The page as the 大綱 titles it, with the name the corrections file uses for it."""
    path = page_file(project_root() / "book", page)
    return f"{title(path)}（{page}）" if path.exists() else page


def in_reading_order(rows: list) -> list:
    """The rows by their page's place in the 大綱, then as the file lists them."""
    place = {doc.removeprefix("book/"): k for k, doc in enumerate(documents())}
    return sorted(rows, key=lambda c: (place.get(c.page, len(place)), c.line))


def page(final: bool) -> Page | None:
    """``final``: the 確定 edition (the changes promised to the パブリックコメント apply only there)."""
    rows = in_reading_order(corrections())
    if not rows:
        return None
    applied = [c for c in rows if applies(c, final)]
    pending = [c for c in rows if not applies(c, final)]
    lines = [
        "# 原稿との相違",
        "",
        "大綱は草案の文言をそのまま載せます。明らかな誤りの訂正は data/draft_corrections.csv の行としてだけ記録し、"
        "承認者（approved_by）が記入された行だけを大綱に反映します。",
    ]
    if applied:
        lines += [
            "",
            f"## 大綱に反映した訂正（{len(applied)}件）",
            "",
            list_table(
                ["ページ", "草案の文言", "訂正後", "理由", "承認"],
                [[_where(c.page), c.original, c.corrected, c.reason, c.approved_by or ""] for c in applied],
                [16, 24, 24, 24, 12],
            ),
        ]
    if pending:
        lines += [
            "",
            f"## 承認待ちの訂正候補（{len(pending)}件、大綱には未反映）",
            "",
            "反映するには、承認者が data/draft_corrections.csv の approved_by（と approved_on）を記入します。"
            "パブリックコメントの意見による修正（理由に意見番号のある行）は、承認後に確定版にだけ反映します。",
            "",
            list_table(
                ["ページ", "草案の文言", "訂正案", "理由", "承認"],
                [[_where(c.page), c.original, c.corrected, c.reason, c.approved_by or ""] for c in pending],
                [16, 24, 24, 24, 12],
            ),
        ]
    return Page(
        "corrections",
        "\n".join(lines) + "\n",
        f"草案の訂正 {len(rows)}件（反映 {len(applied)}件・承認待ち {len(pending)}件）",
    )
