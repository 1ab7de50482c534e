"""The 確定 gate over what the executed pages recorded (:mod:`daisen_taiko.common.records`):
a 確定 edition must not state what its data contradict."""

from __future__ import annotations

from daisen_taiko.common.errors import DaisenError
from daisen_taiko.common.records import CONTRADICTED, Results


class StatementsError(DaisenError):
    """A 確定 edition states something its data contradict (every such statement is listed)."""


def gate(results: Results, is_draft: bool) -> list:
    """The contradicted statements; in a 確定 edition they stop the build, all named at once."""
    bad = [c for c in results.checks if c.status == CONTRADICTED]
    if bad and not is_draft:
        from daisen_taiko.inputs.toc import page_title

        lines = [
            f"・「{c.sentence}」（{page_title(c.page)}）\n    根拠: {c.evidence}"
            + (f"\n    使用データ: {'、'.join(c.data)}" if c.data else "")
            for c in bad
        ]
        raise StatementsError(
            f"確定版の本文に、データと一致しない記述が {len(bad)}件あります。\n"
            + "\n".join(lines)
            + "\n直し方: データが誤っているときは使用データのファイルを直します。本文が誤っているときは"
            " data/draft_corrections.csv に訂正の行（原文・訂正後・理由）を加え、承認者が approved_by と approved_on を"
            "記入します（README「草案の文言と訂正」）。作業レポートの「記述の検証」に同じ一覧があります。"
        )
    return bad
