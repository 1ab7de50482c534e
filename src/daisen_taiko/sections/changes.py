"""「前年度版からの変更点」 and 「記述の検証」: generated from the executed notebooks and data."""

from __future__ import annotations

import json

import pandas as pd
from IPython.display import Markdown, display

from ..editions import compare, snapshot, snapshot_path
from ..tables import pipe_table
from ..text import glue_text


def _show(df: pd.DataFrame, empty: str) -> None:
    display(Markdown(pipe_table(df) if len(df) else empty))


def glue_summary(ed) -> dict:
    cur = snapshot()
    glue_text("changes_edition", ed.edition)
    not_ok = [c for c in cur["claims"] if c["status"] != "一致"]
    glue_text("claims_total", f"{len(cur['claims'])}件")
    glue_text("claims_not_ok", f"{len(not_ok)}件")
    prev = ed.previous_edition
    if prev is None:
        glue_text("changes_basis", "この版は初版のため、前年度版との比較はありません。")
        return {"current": cur, "diff": None}
    path = snapshot_path(prev)
    if not path.exists():
        glue_text("changes_basis", f"前年度版（{prev}）の成果物（_build/{prev}/snapshot.json）が見つからないため比較できません。"
                                   f"先に make book EDITION={prev} を実行してください。")
        return {"current": cur, "diff": None}
    diff = compare(json.loads(path.read_text(encoding="utf-8")), cur)
    glue_text("changes_basis", f"前年度版（{prev}）と比べて、本文・図表の数値 {len(diff['quantities'])}件、"
                               f"データ {len(diff['data'])}件が変わりました。")
    return {"current": cur, "diff": diff}


def show_claims(summary: dict) -> None:
    rows = [{"状態": c["status"], "記述": c["sentence"], "データによる確認": c["evidence"], "ページ": c["notebook"]}
            for c in summary["current"]["claims"]]
    rows.sort(key=lambda r: {"不一致": 0, "未検証": 1, "一致": 2}[r["状態"]])
    _show(pd.DataFrame(rows, columns=["状態", "記述", "データによる確認", "ページ"]), "検証対象の記述はありません。")


def show_quantity_changes(summary: dict) -> None:
    diff = summary["diff"]
    if diff is None:
        return
    df = pd.DataFrame([{"項目": q["name"], "前年度版": q["old"] or "（なし）", "今回": q["new"] or "（なし）"}
                       for q in diff["quantities"]], columns=["項目", "前年度版", "今回"])
    _show(df, "本文・図表の数値に変更はありません。")


def show_data_changes(summary: dict) -> None:
    diff = summary["diff"]
    if diff is None:
        return
    df = pd.DataFrame([{"ファイル": f"data/{d['file']}.csv", "行": d["key"], "列": d["field"], "区分": d["kind"],
                        "前年度版": d["old"] if d["old"] is not None else "（なし）",
                        "今回": d["new"] if d["new"] is not None else "（なし）"} for d in diff["data"]],
                      columns=["ファイル", "行", "列", "区分", "前年度版", "今回"])
    _show(df, "データに変更はありません。")
