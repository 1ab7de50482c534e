"""The 取組計画 and 進捗 of the departments: the layout the workbooks and the data share
(sheet names, column headings, plan years), and the tables and charts read from data/
(:mod:`daisen_taiko.plans.views`, used by the pages and by the 作業レポート).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from daisen_taiko.common.era import wareki
from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.data.schema_plans import GRADES, PHASES
from daisen_taiko.inputs.params import Edition

__all__ = ["GRADES", "PHASES", "Layout", "initiatives", "fy_label"]

SHEET_PLAN = "取組計画"
SHEET_PROGRESS = "進捗"
SHEET_HELP = "記入方法"
SHEET_ORIGINAL = "_元の値"  # very hidden: the values pre-filled into the template
TEMPLATE_NAME = "取組計画_記入用.xlsx"
ERASE = "—"  # typed into a value cell: delete the value kept in data/
NOT_PLANNED = "未策定"  # no 取組計画 returned yet
UNKNOWN_DEPT = "未定"

# identifying columns (locked) and the 取組計画 input columns: heading → field of initiative_plans
ID_COLUMNS = ("ID", "重点取組", "施策", "取組内容")
PLAN_FIELDS = {"担当課": "owner_dept", "内容": "content"}
PLAN_FIELDS_AFTER = {
    "指標": "indicator",
    "単位": "unit",
    "基準値": "baseline",
    "基準年度": "baseline_fy",
    "目標値（最終年度）": "target_final",
}
# the last column of the 取組計画 sheet: why a value already returned is changed (required then)
REASON = "変更理由"
PROGRESS_FIELDS = {
    "実績値": "actual",
    "評価": "rating",
    "取組状況": "comment",
    "財政効果額（千円）": "fiscal_effect",
    "次年度の方向性": "next_step",
}
NUMERIC_FIELDS = {"baseline", "target_final", "target", "actual", "fiscal_effect"}
YEAR = "年度"


def fy_label(year: int) -> str:
    """``2026`` → ``令和8年度`` (the heading of a plan-year column)."""
    return wareki(year, fiscal=True)


def target_label(year: int) -> str:
    return f"目標値（{fy_label(year)}）"


@dataclass(frozen=True)
class Layout:
    """The columns of the two input sheets for the plan years of one edition."""

    years: tuple[int, ...]

    @classmethod
    def of(cls, ed: Edition) -> Layout:
        return cls(tuple(range(ed.plan_start, ed.plan_end + 1)))

    @property
    def plan_headers(self) -> list[str]:
        return [
            *ID_COLUMNS,
            *PLAN_FIELDS,
            *(fy_label(y) for y in self.years),
            *PLAN_FIELDS_AFTER,
            *(target_label(y) for y in self.years),
            REASON,
        ]

    @property
    def progress_headers(self) -> list[str]:
        return ["ID", "取組内容", YEAR, *PROGRESS_FIELDS]

    def phase_column(self, heading: str) -> int | None:
        """The fiscal year whose phase the heading holds, else None."""
        return next((y for y in self.years if fy_label(y) == heading), None)

    def target_column(self, heading: str) -> int | None:
        return next((y for y in self.years if target_label(y) == heading), None)


def initiatives() -> pd.DataFrame:
    """The 取組内容 of the 施策体系 in plan order, with ``id`` = ``<pillar>-<area>-<item>``."""
    df = load("initiative_structure").sort_values(["pillar_no", "area_no", "item_no"]).reset_index(drop=True)
    df["id"] = [f"{r.pillar_no}-{r.area_no}-{r.item_no}" for r in df.itertuples()]
    return df[["id", "pillar_no", "pillar", "area_no", "area", "item_no", "item"]]


def id_order(ids) -> list[str]:
    """IDs sorted as the plan lists them (1-2-10 after 1-2-9)."""

    def key(i: str):
        try:
            return (0, tuple(int(p) for p in i.split("-")), "")
        except ValueError:
            return (1, (), i)

    return sorted(set(ids), key=key)
