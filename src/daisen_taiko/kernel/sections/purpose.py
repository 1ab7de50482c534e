"""第1章 1. 大綱策定にあたって: the dates of its prose and the draft's table
【これまでの大綱等の主な取組】 (``earlier_plans_periods.csv`` + ``earlier_plans_initiatives.csv``)."""

from __future__ import annotations

import re

import pandas as pd

from daisen_taiko.kernel import api

ADOPTED = "策定"
TRACKS = ("行政改革大綱", "地域情報化計画・DX推進ビジョン")
ETC = "等"  # the draft ends every list of the table with 「等」
NOTES_BLOCK = "ch1_1_purpose:table"


def timeline() -> pd.DataFrame:
    return api.load("plan_timeline")


def adopted(plan: str) -> str:
    tl = timeline()
    return str(tl[(tl["plan"] == plan) & (tl["event"] == ADOPTED)]["date"].iloc[0])


def admin_reform_plans() -> list[str]:
    """The numbered 行政改革大綱 (第1次〜) that preceded the 行政サービス改革大綱."""
    tl = timeline()
    return [p for p in tl[tl["event"] == ADOPTED]["plan"] if re.search(r"(第\d次)?行政改革大綱", p)]


def glue_prose() -> None:
    api.text("merger_year", api.wareki(int(api.statement("merger_year"))))
    api.text("admin_reform_count", api.kanji_number(len(admin_reform_plans())))
    api.text("service_reform_adopted", api.wareki_date(adopted("行政サービス改革大綱")))
    api.text("service_reform_adopted_fy", api.wareki(api.fiscal_year_of(adopted("行政サービス改革大綱")), fiscal=True))
    api.text("info_plan_prose_fy", api.wareki(int(api.statement("info_plan_prose_fy")), fiscal=True))
    api.text("dx_vision_adopted", api.wareki_date(adopted("DX推進ビジョン(初版)")))
    api.text("dx_vision_adopted_fy", api.wareki(api.fiscal_year_of(adopted("DX推進ビジョン(初版)")), fiscal=True))
    table_fy = api.fiscal_year_of(adopted("地域情報化計画"))
    prose_fy = int(api.statement("info_plan_prose_fy"))
    api.check(
        "info_plan_date",
        f"市の情報化計画として{api.wareki(prose_fy, fiscal=True)}に策定していた「大仙市地域情報化計画」",
        table_fy == prose_fy,
        f"本文は{api.wareki(prose_fy, fiscal=True)}策定、同じ節の表【これまでの大綱等の主な取組】は"
        f"{api.wareki_date(adopted('地域情報化計画'))}（{api.wareki(table_fy, fiscal=True)}）策定としている",
        [timeline()],
    )


def _cell(lines: list[str]) -> list[str]:
    return "\n\n".join(api.noted(x, NOTES_BLOCK) for x in lines).split("\n")


def earlier_plans() -> api.Tabled:
    periods = api.load("earlier_plans_periods")
    items = api.load("earlier_plans_initiatives")
    rows = [
        ["行政改革大綱", "", "地域情報化計画・DX推進ビジョン", ""],
        ["実施期間", "主な取組", "実施期間", "主な取組"],
    ]
    for row_no in sorted(set(periods["table_row"].astype(int))):
        row = []
        for track in TRACKS:
            p = periods[(periods["table_row"] == row_no) & (periods["track"] == track)]
            i = items[(items["table_row"] == row_no) & (items["track"] == track)].sort_values("item_no")
            listed = list(i["initiative"])
            if listed:
                listed[-1] += f" {ETC}"
            row += [p["cell"].iloc[0].split("\n") if len(p) else [""], listed or [""]]
        rows.append(row)
    md = [":::{list-table}", ":header-rows: 2", ":widths: 17 33 17 33", ":class: earlier-plans span-groups hanging", ""]
    for row in rows:
        for k, cell in enumerate(row):
            lines = _cell(cell) if isinstance(cell, list) else [api.escape(cell)]
            md.append(("* - " if k == 0 else "  - ") + (lines[0] or " "))
            md += [("    " + x) if x else "" for x in lines[1:]]
    md.append(":::")
    return api.Tabled("\n".join(md), [periods, items])
