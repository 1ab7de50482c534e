"""第1章 3.(2) 市職員の業務状況と労働時間: the quantities of its prose, its statements, 図4 and 図5.

Of the 業務量調査 (令和2年) only the share of ノンコア業務 is available: 図4 shows it against
the rest of the working time.  No yearly overtime figures are available: 図5 is a frame
until 人事課 supplies them (the 作業レポート asks for them)."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.kernel import api

NONCORE = "ノンコア業務時間の割合(全業務時間比)"
SURVEY_YEAR = "全庁業務量調査 実施年"
OVERTIME_FLOOR = "総時間外労働時間(下限値)"
OVERTIME_TURN = "一人当たり平均年間時間外労働時間 減少傾向に転じた年度(頃)"


def results() -> pd.DataFrame:
    return api.load("reform_results_2020_2025")


def _row(metric: str) -> pd.DataFrame:
    df = results()
    return df[df["metric"] == metric]


def glue_prose() -> None:
    api.text("survey_year", api.wareki(int(api.value(results(), metric=SURVEY_YEAR))))
    api.text("noncore_share", f"{float(api.value(results(), metric=NONCORE)):g}%")
    turn = int(api.value(results(), metric=OVERTIME_TURN))
    floor = float(api.value(results(), metric=OVERTIME_FLOOR))
    api.text("overtime_turn_fy", api.wareki(turn, fiscal=True))
    api.text("overtime_floor", api.man(floor) + "時間")
    api.check(
        "paper_use",
        "ノンコア業務が多い部署で業務における紙の使用量が多い傾向にあることが明らかになりました。",
        None,
        "業務量調査の部署別のノンコア業務の割合と紙の使用量が data/ に無いため確かめられません",
        [],
    )
    api.check(
        "overtime_per_capita",
        f"一人当たりの平均年間時間外労働時間は、…{api.wareki(turn, fiscal=True)}ころから減少傾向にある",
        None,
        "年度別の一人当たり平均年間時間外労働時間が data/ に無いため確かめられません",
        [],
    )
    api.check(
        "overtime_total",
        f"総時間外労働時間は、例年{api.man(floor)}時間を超えてる状況となっています。",
        None,
        "年度別の総時間外労働時間が data/ に無いため確かめられません（data/ にあるのは草案の記載する下限のみ）",
        [],
    )


def workload() -> api.Drawn:
    """図4: the share of ノンコア業務 in all working time (令和2年 業務量調査), as one 100% bar."""
    row = _row(NONCORE)
    share = float(row["value"].iloc[0])
    fig, ax = api.new(height=1.7)
    ax.barh([0], [share], color=api.PALETTE[3], height=0.5, label="ノンコア業務")
    ax.barh([0], [100 - share], left=[share], color=api.MUTED, height=0.5, label="その他の業務")
    ax.text(
        share / 2,
        0,
        f"ノンコア業務 {share:g}%",
        ha="center",
        va="center",
        color=api.label_colour(api.PALETTE[3]),
        fontsize=9,
    )
    ax.text(
        share + (100 - share) / 2,
        0,
        f"その他の業務 {100 - share:g}%",
        ha="center",
        va="center",
        color=api.label_colour(api.MUTED),
        fontsize=9,
    )
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.5, 0.5)
    ax.set_yticks([0], ["全業務時間"])
    ax.set_xlabel("%")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_axisbelow(True)
    prov = api.provenance(row).iloc[0]
    drawn = pd.DataFrame(
        {
            "区分": ["ノンコア業務", "その他の業務"],
            "全業務時間に占める割合（%）": [share, 100 - share],
            "出典": prov["出典"],
            "取得元": prov["取得元"],
        }
    )
    year = api.wareki(int(api.value(results(), metric=SURVEY_YEAR)))
    notes = [f"※{year}に実施した全庁の業務量調査による。「その他の業務」はノンコア業務以外の業務。"]
    return api.Drawn(fig, drawn, [row], notes)


def overtime() -> api.Drawn:
    """図5: no yearly values are available yet, so the figure is a frame."""
    return api.Drawn(None, pd.DataFrame())
