"""Schemas of the 取組計画 / 進捗 files written by ``make intake`` (see daisen_taiko.intake).

The departments return their 取組計画 and yearly 進捗 as Excel workbooks; ``make intake``
checks them and writes three long-format files.  All three are optional: before the first
return they are absent and read as empty tables.
"""

from __future__ import annotations

import re

from daisen_taiko.common.text import fold
from daisen_taiko.inputs.data.schema import PROVENANCE, Col, Schema

# Phase of a 取組 in one fiscal year (the drop-down of the template). "—" = nothing that year.
PHASES = ("検討", "準備", "実施", "拡充", "継続", "—")
# Yearly 評価 of a 取組: grade → meaning (printed on the template and in the book).
GRADES = {
    "A": "計画どおり進み、目標を達成した",
    "B": "おおむね計画どおり進んでいる",
    "C": "計画より遅れている",
    "D": "未着手（まだ取り組んでいない）",
}

_ID = re.compile(r"\d{1,2}-\d{1,2}-\d{1,2}")


def _check_id(row: dict) -> tuple[str, str] | None:
    if row.get("id") is not None and not _ID.fullmatch(str(row["id"])):
        return "id", "「id」は 重点取組-施策-取組内容 の番号（例 1-2-3）にしてください。"
    return None


def _check_dept(row: dict) -> tuple[str, str] | None:
    name = row.get("name")
    if name is not None and fold(name) != name:
        return "name", f"課所室名は全角の英数字・空白を含まない形（{fold(name)}）で書いてください。"
    return None


_ID_COL = Col("id", required=True)
_FY_COL = Col("fiscal_year", "year", True, 2000, 2100)

PLAN_SCHEMAS: dict[str, Schema] = {
    # The city's 課所室: a 担当課 returned in a workbook must be one of them (make intake).
    "departments": Schema(
        (Col("name", required=True), *PROVENANCE),
        key=("name",),
        row_check=_check_dept,
        description="市の課所室（取組計画の担当課の一覧）",
    ),
    "initiative_plans": Schema(
        (
            _ID_COL,
            Col("owner_dept", required=True),
            Col("content"),
            Col("indicator"),
            Col("unit"),
            Col("baseline", "float"),
            Col("baseline_fy", "year", False, 2000, 2100),
            Col("target_final", "float"),
            *PROVENANCE,
        ),
        key=("id",),
        row_check=_check_id,
        optional=True,
        refers=(("owner_dept", "departments", "name"),),
        description="取組計画（担当課・内容・指標・基準値・目標値）",
    ),
    "initiative_schedule": Schema(
        (_ID_COL, _FY_COL, Col("phase", choices=PHASES), Col("target", "float"), *PROVENANCE),
        key=("id", "fiscal_year"),
        row_check=_check_id,
        optional=True,
        description="取組計画の年度別スケジュール（段階・年度目標）",
    ),
    "initiative_progress": Schema(
        (
            _ID_COL,
            _FY_COL,
            Col("actual", "float"),
            Col("rating", choices=tuple(GRADES)),
            Col("comment"),
            Col("fiscal_effect", "float"),
            Col("next_step"),
            *PROVENANCE,
        ),
        key=("id", "fiscal_year"),
        row_check=_check_id,
        optional=True,
        description="取組の年度別進捗（実績値・評価・取組状況・財政効果額（千円）・次年度の方向性）",
    ),
    # the planners' 総括 of a year's 推進状況 (the city's words: the 推進状況報告書 prints them as written)
    "progress_summary": Schema(
        (_FY_COL, Col("paragraph", "int", True, 1, 50), Col("text", required=True), *PROVENANCE),
        key=("fiscal_year", "paragraph"),
        optional=True,
        description="推進状況報告書の総括（年度・段落の番号・文章）",
    ),
    # every change of a value already returned (取組計画 and its schedule), with the reason given
    "initiative_changes": Schema(
        (
            _ID_COL,
            Col("item", required=True),
            Col("received", "date", True),
            Col("before"),
            Col("after"),
            Col("reason", required=True),
            *PROVENANCE,
        ),
        key=("id", "item", "received"),
        row_check=_check_id,
        optional=True,
        description="取組計画の変更（変更した欄・変更前・変更後・変更理由）",
    ),
}
