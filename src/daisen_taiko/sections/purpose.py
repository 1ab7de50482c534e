"""第1章 1. 大綱策定にあたって: the dates of its prose and the table
【これまでの大綱等の主な取組】 (plan_timeline.csv + earlier_plans_initiatives.csv)."""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

from ..data import load
from ..era import fiscal_year_of, short, wareki, wareki_date
from ..sources import source_line
from ..tables import _escape
from ..text import glue_text
from .ch1_common import kanji_number, rows, statement

ADMIN_REFORM = "行政改革大綱"            # the numbered plans 第1次〜第3次 contain this name
SERVICE_REFORM = "行政サービス改革大綱"
INFO_PLAN = "地域情報化計画"
DX_VISION = "DX推進ビジョン(初版)"
ADOPTED = "策定"
PERIOD = "推進期間"
PLAN_SEP = "；"                        # separates plan names in the ``plans`` column
ETC = "等"                             # the draft ends every list of the table with 「等」


def timeline() -> pd.DataFrame:
    return load("plan_timeline")


def initiatives() -> pd.DataFrame:
    return load("earlier_plans_initiatives")


def adopted(tl: pd.DataFrame, plan: str) -> str:
    """The 策定 date of ``plan`` as written in the timeline (``2020-04``)."""
    return str(rows(tl, plan=plan, event=ADOPTED)["date"].iloc[0])


def adopted_fy(tl: pd.DataFrame, plan: str) -> str:
    """The fiscal year ``plan`` was adopted in, as 和暦 (``令和3年度``)."""
    return wareki(fiscal_year_of(adopted(tl, plan)), fiscal=True)


def periods(tl: pd.DataFrame, plan: str) -> list[tuple[str, int, int]]:
    """(label, first FY, last FY) of each 推進期間 of ``plan``: label 前期, 後期・DX … or ''."""
    sel = tl[(tl["plan"] == plan) & tl["event"].str.startswith(PERIOD)]
    if sel.empty:
        raise LookupError(f"plan_timeline.csv: no {PERIOD} for {plan}")
    out = []
    for r in sel.itertuples():
        label = re.fullmatch(rf"{PERIOD}(?:\((.+)\))?", r.event)
        out.append(((label.group(1) or "") if label else r.event, int(r.start), int(r.end)))
    return out


def admin_reform_plans(tl: pd.DataFrame) -> list[str]:
    """The numbered 行政改革大綱 (第1次〜) that preceded the 行政サービス改革大綱."""
    adopted_plans = tl[tl["event"] == ADOPTED]["plan"]
    return [p for p in adopted_plans if ADMIN_REFORM in p]


def glue_prose() -> None:
    tl = timeline()
    glue_text("merger_year", wareki(statement("merger_year")))
    glue_text("admin_reform_count", kanji_number(len(admin_reform_plans(tl))))
    glue_text("service_reform_adopted", wareki_date(adopted(tl, SERVICE_REFORM)))
    glue_text("info_plan_prose_fy", wareki(statement("info_plan_prose_fy"), fiscal=True))
    glue_text("dx_vision_adopted", wareki_date(adopted(tl, DX_VISION)))


# --------------------------------------------------------------------------- table
def fy_span(start: int, end: int) -> str:
    """``H17〜21``, ``H29〜31``, ``R2〜7`` (the era letter is not repeated within one era)."""
    a, b = short(start), short(end)
    if a[0] == b[0]:
        b = b[1:]
    return f"{a}〜{b}"


def display_name(plan: str) -> str:
    return plan.replace("(", "（").replace(")", "）")


def schedule(tl: pd.DataFrame, plan: str) -> list[str]:
    """Lines of the 実施期間 cell for one plan: name, 策定 month, periods."""
    lines = [display_name(plan), wareki_date(adopted(tl, plan))]
    lines += [f"{label}（{fy_span(a, b)}）" for label, a, b in periods(tl, plan)]
    return lines


TRACKS = ("行政改革大綱", "地域情報化計画・DX推進ビジョン")


def table_cells(tl: pd.DataFrame, ini: pd.DataFrame) -> pd.DataFrame:
    """One row per filled cell pair of the draft's table, in the draft's order: the
    track, the row of the draft's table, the 実施期間 lines and the 主な取組 items."""
    unknown = set(ini["track"]) - set(TRACKS)
    if unknown:
        raise ValueError(f"earlier_plans_initiatives.csv: unknown track {sorted(unknown)}")
    out = []
    for track in TRACKS:
        for row_no, cell in ini[ini["track"] == track].groupby("table_row", sort=True):
            if cell["plans"].nunique() > 1:
                raise ValueError(f"earlier_plans_initiatives.csv: row {row_no} {track} names different plans")
            plans = cell["plans"].iloc[0].split(PLAN_SEP)
            out.append({"track": track, "table_row": int(row_no),
                        "schedule": [line for plan in plans for line in schedule(tl, plan)],
                        "items": list(cell.sort_values("item_no")["initiative"])})
    return pd.DataFrame(out)


def used_timeline(tl: pd.DataFrame, ini: pd.DataFrame) -> pd.DataFrame:
    plans = {p for cell in ini["plans"].unique() for p in cell.split(PLAN_SEP)}
    return tl[tl["plan"].isin(plans) & (tl["event"].eq(ADOPTED) | tl["event"].str.startswith(PERIOD))]


def _cell(lines: list[str], items: list[str] | None = None) -> list[str]:
    """Markdown lines of one list-table cell (indented by the caller)."""
    if items is None:
        return "\n\n".join(_escape(x) for x in lines).splitlines()
    return [f"- {_escape(x)}" for x in items[:-1]] + [f"- {_escape(items[-1])} {ETC}"]


def list_table(head: list[str], body: list[list[list[str]]], widths: str) -> list[str]:
    """A MyST list-table whose cells are lists of Markdown lines (no caption: not numbered)."""
    md = [":::{list-table}", ":header-rows: 1", f":widths: {widths}", ""]
    for row in [[[_escape(h)] for h in head], *body]:
        for i, lines in enumerate(row):
            md.append(("* - " if i == 0 else "  - ") + lines[0])
            md += [("    " + x) if x else "" for x in lines[1:]]
    return md + [":::"]


def info_plan_discrepancy(tl: pd.DataFrame) -> str | None:
    """The draft dates the 地域情報化計画 differently in its prose and its table."""
    prose_fy = statement("info_plan_prose_fy")
    table_date = adopted(tl, INFO_PLAN)
    if fiscal_year_of(table_date) == prose_fy:
        return None
    return (f"注：草案は「大仙市{INFO_PLAN}」の策定を、本文では{wareki(prose_fy, fiscal=True)}、"
            f"この表では{wareki_date(table_date)}としており、一致していません（表は草案の表の記載のとおり）。")


def initiatives_table() -> Markdown:
    """The draft's table, one table per track (side by side it does not fit an A4 page)."""
    tl, ini = timeline(), initiatives()
    cells = table_cells(tl, ini)
    blocks = []
    for track in TRACKS:
        sel = cells[cells["track"] == track]
        body = [[_cell(r["schedule"]), _cell([], r["items"])] for r in sel.to_dict("records")]
        blocks.append("\n".join(list_table([f"{track}（実施期間）", "主な取組"], body, "30 70")))
    tail = []
    note = info_plan_discrepancy(tl)
    used = [ini, used_timeline(tl, ini)]
    if note:
        tail.append(_escape(note))
        used.append(rows(load("draft_statements"), key="info_plan_prose_fy"))
    tail.append(_escape(source_line(*used)))
    return Markdown("\n\n".join(blocks + tail))
