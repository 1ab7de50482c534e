"""Changes of a 取組計画 already returned: each needs the 変更理由 of its row, and is kept, with the
value before and after, in ``data/initiative_changes.csv`` (what the 推進状況報告書 marks).

A change is a claim on the 取組計画 sheet (a plan field, a year's 段階 or 目標値) whose value
differs from a value data/ already holds; a first entry, or a value left as it was, is none.
"""

from __future__ import annotations

from pathlib import Path

from daisen_taiko.common.errors import Problem
from daisen_taiko.intake.workbook import CHANGES_TABLE, PLAN_TABLE, SCHEDULE_TABLE, Claim
from daisen_taiko.plans import PLAN_FIELDS, PLAN_FIELDS_AFTER, REASON, fy_label, target_label

NONE = "（なし）"  # a value erased by 「—」


def label(table: str, key: tuple, field: str) -> str:
    """The changed item as the workbook heads it: 内容, 段階（令和9年度）, 目標値（令和9年度）…"""
    if table == SCHEDULE_TABLE:
        return f"段階（{fy_label(key[1])}）" if field == "phase" else target_label(key[1])
    return {f: h for h, f in {**PLAN_FIELDS, **PLAN_FIELDS_AFTER}.items()}[field]


def shown(v) -> str:
    if v is None:
        return NONE
    if isinstance(v, float):
        return f"{v:,.15g}" if not v.is_integer() else f"{int(v):,}"
    return str(v)


def find(claims: list[Claim], old: dict[str, dict], received: str) -> tuple[list[dict], list[Problem]]:
    """The changes the claims make to data/ (rows of initiative_changes without provenance, and the
    reason's place as ``where``), and a problem for every change without a reason."""
    reasons = {c.key[0]: c for c in claims if c.table == CHANGES_TABLE and c.value}
    rows: dict[tuple, dict] = {}
    problems = []
    for c in claims:
        if c.table not in (PLAN_TABLE, SCHEDULE_TABLE):
            continue
        before = (old[c.table].get(c.key) or {}).get(c.field)
        if before is None or before == c.value:
            continue
        item = label(c.table, c.key, c.field)
        reason = reasons.get(c.key[0])
        if reason is None:
            problems.append(
                c.where.problem(
                    f"提出済みの取組計画の「{item}」を「{shown(before)}」から「{shown(c.value)}」に変えています。"
                    f"計画を変えるときは、この取組の行の「{REASON}」欄に理由を書いてください（例 国の制度改正に"
                    "合わせて実施時期を見直すため）。変えないときは元の値に戻してください。",
                    shown(c.value),
                )
            )
            continue
        rows[(c.key[0], item, received)] = {
            "id": c.key[0],
            "item": item,
            "received": received,
            "before": shown(before),
            "after": shown(c.value),
            "reason": reason.value,
            "where": reason.where,
        }
    return list(rows.values()), problems


def with_provenance(row: dict, dept: str) -> dict:
    w = row.pop("where")
    spot = f"{Path(w.file).name} シート「{w.sheet}」{w.row}行目"
    return {
        **row,
        "publication": f"大仙市 {dept}「取組計画」",
        "retrieved_from": f"{spot}（{dept}、{row['received']} 受領）",
        "confidence": "high",
        "note": None,
    }
