"""各種取組計画: one plan table per 取組内容 and the five-year schedule chart.

The fields of a 取組計画 live in ``data/initiative_structure.csv`` next to the
取組 they belong to: ``owner`` (担当), ``content`` (内容), ``schedule`` and
``target_kpi`` (指標・目標).  The city has not supplied them yet; an empty cell is
shown as 未設定 and never filled in.

``schedule`` holds phases separated by ``;``, each ``<first year>[-<last year>]:<what>``,
years as 和暦 or 西暦 fiscal years, e.g. ``令和8年度-令和9年度:検討; 令和10年度-令和12年度:実施``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

from .. import figures
from ..data import parse_number
from ..era import short, wareki, western_from_wareki
from ..params import Edition
from ..sources import source_line
from ..tables import _escape, pipe_table
from ..text import glue_text
from . import priorities

UNSET = "未設定"
FIELDS = {"owner": "担当", "content": "内容", "schedule": "実施スケジュール", "target_kpi": "指標・目標"}
SCHEDULE_EXAMPLE = "令和8年度-令和9年度:検討; 令和10年度-令和12年度:実施"


@dataclass(frozen=True)
class Phase:
    first: int
    last: int
    what: str


def _year(text: str) -> int | None:
    year = western_from_wareki(text)
    if year is None:
        num = parse_number(text)
        year = int(num) if num is not None and num == int(num) else None
    return year


def _filled(value) -> bool:
    return value is not None and not pd.isna(value) and str(value).strip() != ""


def parse_schedule(text: str | None, item: str = "") -> list[Phase]:
    """The phases of one ``schedule`` cell (empty → no phases)."""
    if not _filled(text):
        return []
    phases = []
    for part in re.split(r"[;；]", unicodedata.normalize("NFKC", str(text))):
        if not part.strip():
            continue
        span, _, what = part.partition(":")
        bounds = [_year(b) for b in re.split(r"\s*[-~〜]\s*", span.strip())]
        if not what.strip() or len(bounds) > 2 or None in bounds or bounds[-1] < bounds[0]:
            raise ValueError(f"data/initiative_structure.csv の schedule（{item}）を読めません: 「{part.strip()}」。"
                             f"書式の例: {SCHEDULE_EXAMPLE}")
        phases.append(Phase(bounds[0], bounds[-1], what.strip()))
    return phases


def plan_rows() -> pd.DataFrame:
    """The 取組 in plan order with a label and their parsed phases."""
    df = priorities.structure().copy()
    df["label"] = [f"{int(r.pillar_no)}({int(r.area_no)}){priorities.item_label(int(r.item_no), r.item)}"
                   for r in df.itertuples()]
    df["phases"] = [parse_schedule(r.schedule, r.label) for r in df.itertuples()]
    return df


def year_cell(phases: list[Phase], year: int) -> str:
    if not phases:
        return UNSET
    doing = [p.what for p in phases if p.first <= year <= p.last]
    return "・".join(doing) if doing else "—"


def plan_table(row, ed: Edition) -> pd.DataFrame:
    """The 取組計画 of one 取組 as a one-row table (担当, 内容, one column per plan year, 指標・目標)."""
    cells = {"担当": row.owner if _filled(row.owner) else UNSET,
             "内容": row.content if _filled(row.content) else UNSET}
    for y in range(ed.plan_start, ed.plan_end + 1):
        cells[short(y)] = year_cell(row.phases, y)
    cells["指標・目標"] = row.target_kpi if _filled(row.target_kpi) else UNSET
    return pd.DataFrame([cells])


def completeness(df: pd.DataFrame) -> pd.DataFrame:
    """Per field: how many 取組 have it."""
    return pd.DataFrame([{"項目": label, "設定済み": int(df[col].map(_filled).sum()), "取組数": len(df)}
                         for col, label in FIELDS.items()])


def glue_plans(ed: Edition) -> None:
    df = plan_rows()
    done = completeness(df)
    n = len(df)
    if done["設定済み"].sum() == 0:
        text = (f"市の取組計画が未提供のため、{n}の取組内容すべてについて、担当・内容・{ed.plan_period_label}の"
                "実施スケジュール・指標・目標は未設定です。")
    else:
        parts = "、".join(f"{r.項目}{r.設定済み}件" for r in done.itertuples())
        text = f"{n}の取組内容のうち設定済みの件数は、{parts}です。未設定の欄は「{UNSET}」と表示しています。"
    glue_text("plans_status", text)


def plan_tables(ed: Edition) -> Markdown:
    """Every 取組計画 table, under the pillar and 施策 it belongs to."""
    df = plan_rows()
    out: list[str] = []
    for (pno, pillar), pdf in df.groupby(["pillar_no", "pillar"], sort=True):
        out.append(f"## {_escape(priorities.pillar_label(int(pno), pillar))}")
        for (ano, area), adf in pdf.groupby(["area_no", "area"], sort=True):
            out.append(f"### {_escape(priorities.area_label(int(ano), area))}")
            for row in adf.itertuples():
                out.append(f"#### {_escape(priorities.item_label(int(row.item_no), row.item))}")
                cells = plan_table(row, ed)
                out.append(pipe_table(cells, "c" * len(cells.columns)))
                out.append(_escape(source_line(df.loc[[row.Index]])))
    return Markdown("\n\n".join(out))


def schedule_chart(ed: Edition) -> None:
    """Gantt chart of the plan years: phases where a schedule exists, 未設定 where it does not."""
    df = plan_rows()
    years = list(range(ed.plan_start, ed.plan_end + 1))
    n = len(df)
    fig, ax = figures.new(height=0.9 + 0.19 * n)
    drawn = []
    unset = 0
    for i, row in enumerate(df.itertuples()):
        if not row.phases:
            unset += 1
            ax.barh(i, len(years), left=years[0], height=0.7, color="#F4F4F4", edgecolor="#C8C8C8", lw=0.5,
                    ls="--")
            ax.text(years[0] + len(years) / 2, i, UNSET, ha="center", va="center", fontsize=7, color="#666666")
            drawn.append((row.label, None, None, UNSET))
            continue
        colour = figures.PALETTE[(int(row.pillar_no) - 1) % len(figures.PALETTE)]
        for p in row.phases:
            first, last = max(p.first, years[0]), min(p.last, years[-1])
            if first <= last:
                ax.barh(i, last - first + 1, left=first, height=0.7, color=colour, alpha=0.85)
                ax.text((first + last + 1) / 2, i, p.what, ha="center", va="center", fontsize=7, color="white")
            drawn.append((row.label, p.first, p.last, p.what))
    ax.set_xlim(years[0], years[-1] + 1)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xticks([y + 0.5 for y in years], [f"{wareki(y, fiscal=True)}\n({y})" for y in years], fontsize=8)
    ax.xaxis.set_ticks_position("top")
    ax.set_yticks(range(n), df["label"], fontsize=7)
    ax.grid(False)
    for y in years[1:]:
        ax.axvline(y, color="#DDDDDD", lw=0.6)
    for i in range(1, n):
        if df["pillar_no"].iloc[i] != df["pillar_no"].iloc[i - 1]:
            ax.axhline(i - 0.5, color="#888888", lw=0.6)
    ax.tick_params(length=0)
    if unset:
        ax.set_xlabel(f"実施スケジュール未設定：{n}件中{unset}件（市の取組計画が未提供）", color="#B00020", fontsize=9)
    data = pd.DataFrame(drawn, columns=["取組", "開始年度", "終了年度", "内容"])
    for col in ("開始年度", "終了年度"):
        data[col] = data[col].astype("Int64")
    figures.glue_figure("fig_plan_schedule", fig, "取組計画の実施スケジュール", data)
    glue_text("fig_plan_schedule_title", f"取組計画の実施スケジュール（{ed.plan_period_label}）")
    glue_text("fig_plan_schedule_source", source_line(df))
