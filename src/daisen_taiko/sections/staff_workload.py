"""第1章 3.(2) 市職員の業務状況と労働時間: 図4, 図5 and the quantities of its prose.

Only the draft's headline numbers are available (41% non-core work in the 令和2年
survey; total overtime above 40,000 hours a year), so the figures draw those and
say what is missing."""

from __future__ import annotations

import pandas as pd

from .. import figures
from ..claims import claim
from ..data import load
from ..era import wareki
from ..text import glue_text, man
from .ch1_common import publish_figure, rows

NONCORE = "ノンコア業務時間の割合(全業務時間比)"
SURVEY_YEAR = "全庁業務量調査 実施年"
OVERTIME_FLOOR = "総時間外労働時間(下限値)"
OVERTIME_TURN = "一人当たり平均年間時間外労働時間 減少傾向に転じた年度(頃)"

FIG4_MISSING = "業務の性質別・部署別の作業時間とその比率（草案に記載があるのはノンコア業務の割合のみ）"
FIG5_MISSING = ("年度別の総時間外労働時間と一人当たり平均年間時間外労働時間"
                "（草案に記載があるのは「例年{floor}を超える」という下限のみ）")


def results() -> pd.DataFrame:
    return load("reform_results_2020_2025")


def _value(df: pd.DataFrame, metric: str) -> float:
    return float(rows(df, metric=metric)["value"].iloc[0])


def glue_numbers() -> None:
    df = results()
    glue_text("survey_year", wareki(int(_value(df, SURVEY_YEAR))))
    glue_text("noncore_share", f"{_value(df, NONCORE):g}%")
    glue_text("overtime_turn_fy", wareki(int(_value(df, OVERTIME_TURN)), fiscal=True))
    glue_text("overtime_floor", man(_value(df, OVERTIME_FLOOR)) + "時間")


def overtime_per_capita_check() -> tuple[bool | None, str]:
    """The draft says the per-capita overtime has been falling since about a year; no
    yearly per-capita values are in data/, so the claim cannot be checked."""
    return None, ("一人当たり平均年間時間外労働時間の年度別の値が data/ に未整備のため検証できません"
                  "（reform_results_2020_2025.csv にあるのは減少に転じた年度（頃）と総時間外労働時間の下限のみ）")


def glue_claims(ed) -> None:
    claim(ed, "overtime_per_capita_decreasing", "減少傾向にある", *overtime_per_capita_check(),
          sentence="一人当たりの平均年間時間外労働時間は、…ころから減少傾向にあるものの")


def figure4() -> None:
    df = results()
    used = rows(df, metric=NONCORE)
    share = float(used["value"].iloc[0])
    fig, ax = figures.new(height=2.2)
    ax.barh([0], [share], color=figures.PALETTE[3], height=0.5, label="ノンコア業務（専門性不要で定型的な作業的業務）")
    ax.text(share / 2, 0, f"{share:g}%", ha="center", va="center", color="white", fontsize=10, fontweight="bold")
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, 1.4)
    ax.set_yticks([0], ["全業務時間"])
    ax.set_xlabel("全業務時間に占める割合（%）")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", fontsize=8.5)
    figures.note_missing(ax, "業務の性質別・部署別の内訳は未整備です")
    drawn = pd.DataFrame({"区分": ["ノンコア業務"], "全業務時間に占める割合（%）": [share]})
    publish_figure("fig_workload", fig, "図4 職員の作業時間と性質毎の比率", drawn, used, FIG4_MISSING)


def figure5() -> None:
    df = results()
    used = rows(df, metric=OVERTIME_FLOOR)
    floor = float(used["value"].iloc[0])
    fig, ax = figures.new(height=2.8)
    ax.axhline(floor, color=figures.PALETTE[0], lw=1.2, ls="--")
    ax.text(0.02, floor, f"草案の記載：総時間外労働時間は例年{man(floor)}時間を超える（下限）",
            transform=ax.get_yaxis_transform(), ha="left", va="bottom", fontsize=8.5, color=figures.PALETTE[0])
    ax.set_ylim(0, floor * 1.5)
    ax.set_xticks([])
    ax.set_xlabel("年度（年度別の値は未整備）")
    ax.set_ylabel("時間")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    figures.note_missing(ax, "年度別の総時間外労働時間・一人当たり平均時間は未整備です", y=0.3)
    drawn = pd.DataFrame({"指標": ["総時間外労働時間（下限値）"], "時間": [floor]})
    publish_figure("fig_overtime", fig, "図5 職員の時間外労働時間", drawn, used,
                   FIG5_MISSING.format(floor=man(floor) + "時間"))
