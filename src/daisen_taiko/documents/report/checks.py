"""記述の検証: each statement of the draft checked against data, with its result and evidence."""

from __future__ import annotations

from daisen_taiko.common.records import Results
from daisen_taiko.documents.report.common import Page, esc
from daisen_taiko.inputs.toc import page_title

ORDER = (
    ("不一致", "データと一致しない記述（本文かデータの見直しが必要）"),
    ("未検証", "データが無く確かめられない記述（データの依頼が必要）"),
    ("一致", "データと一致した記述"),
)


def page(found: Results) -> Page | None:
    checks = found.checks
    if not checks:
        return None
    counts = {s: sum(c.status == s for c in checks) for s, _ in ORDER}
    lines = [
        "# 記述の検証",
        "",
        "草案の本文のうち、データで確かめられる記述を、ビルドのたびにデータと照合した結果です。"
        "大綱には草案の文をそのまま載せ、判定はこのレポートにだけ示します。"
        "確定版（status: 確定）では「不一致」の記述が1件でもあるとビルドが止まります。",
        "",
        f"照合した記述 {len(checks)}件：" + "・".join(f"{s} {counts[s]}件" for s, _ in ORDER),
    ]
    for status, heading in ORDER:
        group = [c for c in checks if c.status == status]
        if not group:
            continue
        lines += ["", f"## {heading}", ""]
        for c in group:
            lines += [
                ":::{div} check-item",
                f"**「{esc(c.sentence)}」**",
                "",
                f"- 該当箇所：{esc(page_title(c.page))}",
                f"- 判定：{status}",
                f"- 根拠：{esc(c.evidence)}",
                f"- 使用データ：{esc('、'.join(c.data) or 'なし')}",
                ":::",
                "",
            ]
    summary = "、".join(f"{s} {counts[s]}件" for s, _ in ORDER)
    return Page("checks", "\n".join(lines) + "\n", f"草案の記述 {len(checks)}件をデータと照合（{summary}）")
