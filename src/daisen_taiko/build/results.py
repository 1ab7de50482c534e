"""What the executed pages produced, read back from their glued outputs.

``collect`` gathers, per page, the quantities of the prose, the statement checks and the
figure/table records (what each draws, its notes).  The build uses them for the 確定 gate,
the downloads, the 作業レポート and the edition snapshot; nothing here re-reads data.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import glue


class StatementsError(Exception):
    """A 確定 edition states something its data contradict (every such statement is listed)."""


def page_results(doc: str, executed: Path) -> dict:
    import nbformat

    texts = glue.texts(nbformat.read(executed, as_version=4))
    return {
        "doc": doc,
        "quantities": {k: v for k, v in sorted(texts.items()) if glue.is_quantity(k)},
        "checks": [dict(json.loads(v), page=doc) for k, v in sorted(texts.items()) if glue.is_check(k)],
        "figures": {json.loads(v)["id"]: json.loads(v) for k, v in sorted(texts.items()) if glue.is_figure_data(k)},
    }


def collect(executed: dict[str, Path]) -> dict:
    """``executed``: document name (``book/ch1_…``) → executed notebook, in reading order."""
    pages = [page_results(doc, path) for doc, path in executed.items()]
    return {
        "pages": pages,
        "checks": [c for p in pages for c in p["checks"]],
        "figures": {fid: dict(rec, page=p["doc"]) for p in pages for fid, rec in p["figures"].items()},
    }


def gate(results: dict, is_draft: bool) -> list[dict]:
    """The contradicted statements; in a 確定 edition they stop the build, all named at once."""
    bad = [c for c in results["checks"] if c["status"] == glue.CONTRADICTED]
    if bad and not is_draft:
        from .toc import page_title

        lines = [
            f"・「{c['sentence']}」（{page_title(c['page'])}）\n    根拠: {c['evidence']}"
            + (f"\n    使用データ: {'、'.join(c['data'])}" if c.get("data") else "")
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
