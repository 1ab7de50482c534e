"""前年度版からの変更点: quantities, figure data and data rows that differ from the previous
edition's snapshot (only when a previous edition exists)."""

from __future__ import annotations

from daisen_taiko.common.records import Results
from daisen_taiko.documents.report.common import Page, list_table
from daisen_taiko.documents.snapshot import data_rows, settings
from daisen_taiko.inputs.corrections import applies, corrections
from daisen_taiko.inputs.params import Edition

# The columns of data/ as the report names them (the files' own names are English).
FIELD_NAMES = {
    "value": "値",
    "unit": "単位",
    "publication": "出典",
    "retrieved_from": "取得元",
    "confidence": "確度",
    "note": "備考",
}


def compare_rows(old: dict, new: dict) -> list[list[str]]:
    out = []
    for file in sorted(set(old) | set(new)):
        a_rows, b_rows = old.get(file, {}), new.get(file, {})
        for key in sorted(set(a_rows) | set(b_rows)):
            a, b = a_rows.get(key), b_rows.get(key)
            if a is None or b is None:
                out.append(
                    [
                        f"data/{file}.csv",
                        key,
                        "追加" if a is None else "削除",
                        "" if a is None else str(a.get("value")),
                        "" if b is None else str(b.get("value")),
                    ]
                )
                continue
            for field in sorted(set(a) | set(b)):
                if a.get(field) != b.get(field):
                    name = FIELD_NAMES.get(field, field)
                    out.append([f"data/{file}.csv", f"{key}（{name}）", "変更", str(a.get(field)), str(b.get(field))])
    return out


def page(ed: Edition, found: Results, numbers: dict[str, str], previous: dict | None) -> Page | None:
    if not ed.previous_edition:
        return None
    title = "# 前年度版からの変更点"
    if previous is None:
        text = (
            f"{title}\n\n前年度版（{ed.previous_edition}）の成果物がまだありません。"
            f"先に `make book EDITION={ed.previous_edition}` を実行すると、ここに変更点が一覧になります。\n"
        )
        return Page("changes", text, "前年度版がまだビルドされていないため未作成")
    now = found.quantities
    quantities = [
        [k, str(previous["quantities"].get(k, "")), str(now.get(k, ""))]
        for k in sorted(set(previous["quantities"]) | set(now))
        if previous["quantities"].get(k) != now.get(k)
    ]
    rows = compare_rows(previous["data"], data_rows())
    before, after = previous.get("settings", {}), settings(ed)  # editions before 2026-12 kept none
    changed = [[k, before[k], after[k]] for k in after if k in before and before[k] != after[k]]
    promised = [  # the changes of the text the city's answers to the パブリックコメント promised (対応 A)
        [str(c.opinion), c.page, c.original, c.corrected]
        for c in corrections()
        if c.opinion is not None and applies(c, final=not ed.is_draft)
    ]
    lines = [title, "", f"前年度版（{previous['edition']}）と比べて変わった版の設定、本文中の数値とデータの行です。"]
    sections = (
        ("版の設定", changed, ["項目", "前年度版", "今回"], [20, 40, 40]),
        ("本文中の数値", quantities, ["ページ::名前", "前年度版", "今回"], [40, 30, 30]),
        ("データの行", rows, ["ファイル", "行", "種類", "前年度版", "今回"], [22, 30, 8, 20, 20]),
        ("パブリックコメントによる本文の修正", promised, ["意見番号", "ページ", "修正前", "修正後"], [12, 22, 33, 33]),
    )
    for heading, found_rows, columns, widths in sections:
        if found_rows:
            lines += ["", f"## {heading}（{len(found_rows)}件）", "", list_table(columns, found_rows, widths)]
    if not changed and not quantities and not rows and not promised:
        lines += ["", "版の設定、本文中の数値とデータに変更はありません。"]
    return Page(
        "changes",
        "\n".join(lines) + "\n",
        f"版の設定 {len(changed)}件・本文中の数値 {len(quantities)}件・データの行 {len(rows)}件が変更",
    )
