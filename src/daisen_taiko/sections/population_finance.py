"""第1章 3.(1) 人口減少と財政状況: 図1, 図2, 図3 and the quantities of its prose."""

from __future__ import annotations

import pandas as pd

from .. import figures
from ..claims import claim, decreasing
from ..data import load, value
from ..era import short, wareki
from ..sources import source_line
from ..text import approx, comma, glue_text, man

PROJECTION_SOURCE = "国立社会保障・人口問題研究所「日本の地域別将来推計人口（令和5（2023）年推計）」"
PROJECTION_MISSING = ("社人研「日本の地域別将来推計人口（令和5年推計）」の大仙市の値"
                      "（2025〜2050年、総人口・年齢3区分）は未整備です")


def census() -> pd.DataFrame:
    df = load("population_census")
    return df[df["metric"] == "総人口(国勢調査)"].sort_values("year").reset_index(drop=True)


def statements() -> pd.DataFrame:
    return load("draft_statements")


COVID_YEARS = range(2020, 2023)   # FY2020–2022: the draft excludes the years affected by COVID-19


def glue_population(ed) -> None:
    df = census()
    peak = df.loc[df["value"].idxmax()]
    glue_text("pop_peak_year", wareki(int(peak["year"])))
    glue_text("pop_peak", man(int(peak["value"])) + "人")
    st = statements()
    glue_text("pop_below_100k_year", wareki(int(value(st, key="pop_below_100k_year"))))
    glue_text("pop_threshold", man(int(value(st, key="pop_threshold"))) + "人")
    since_peak = df[df["year"] >= peak["year"]]
    years = "・".join(str(int(y)) for y in since_peak["year"])
    claim(ed, "pop_decreasing", "減少しています", decreasing([float(v) for v in since_peak["value"]]),
          f"国勢調査 {years} 年の総人口がピーク以降すべて前回より少ないか",
          sentence="本市の人口は…ピークに減少に転じ…年間約…程度のスピードで減少しています。")
    # average yearly decline over the latest decade of census data
    last = df.iloc[-1]
    base = df[df["year"] == last["year"] - 10]
    decline = (base["value"].iloc[0] - last["value"]) / 10
    glue_text("pop_decline_per_year", approx(decline) + "人")
    glue_text("pop_decline_basis", f"{wareki(int(last['year']) - 10)}〜{wareki(int(last['year']))}の国勢調査で"
                                   f"年平均{comma(decline)}人減")
    glue_text("aged_exceeds_year", wareki(int(value(st, key="aged_exceeds_working_year"))))
    glue_text("aged_share_year", wareki(int(value(st, key="aged_share_50_year"))))
    glue_text("aged_share_threshold", f"{value(st, key='aged_share_threshold'):g}%")
    claim(ed, "aged_projection", "見込みとなっています", None,
          "社人研 令和5年推計の大仙市の年齢3区分別推計値が data/ に未整備のため、草案の記載を検証できません",
          sentence="…老人人口が上回ると予想され、…老人人口の割合が…を超える見込みとなっています。")


def _year_label(y: int) -> str:
    return f"{y}\n({short(y, fiscal=False)})"


def figure1() -> None:
    df = census()
    fig, ax = figures.new(height=3.4)
    years = [int(y) for y in df["year"]]
    ax.bar(range(len(years)), df["value"].astype(float), color=figures.PALETTE[0], width=0.6, label="国勢調査（実績）")
    for i, v in enumerate(df["value"]):
        ax.text(i, float(v), f"{int(v):,}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(years)), [_year_label(y) for y in years])
    ax.set_ylabel("人")
    ax.set_ylim(0, float(df["value"].max()) * 1.35)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.legend(loc="upper right")
    figures.note_missing(ax, PROJECTION_MISSING.replace("（", "\n（"), y=0.86)
    drawn = pd.DataFrame({"年": years, "区分": "国勢調査（実績）", "総人口（人）": [int(v) for v in df["value"]]})
    figures.glue_figure("fig_population", fig, "図1 大仙市の将来推計人口", drawn)
    glue_text("fig_population_source", source_line(df))
    glue_text("fig_population_missing",
              f"未整備：{PROJECTION_MISSING}。国勢調査は {'・'.join(str(y) for y in years)} 年の値のみ整備済みです。")


def figure2() -> None:
    fig, ax = figures.new(height=2.6)
    ax.set_xlim(2020, 2050)
    ax.set_ylim(0, 100)
    ax.set_ylabel("%")
    ax.set_xticks(range(2020, 2051, 5), [_year_label(y) for y in range(2020, 2051, 5)])
    figures.note_missing(ax, "年齢3区分（0〜14歳・15〜64歳・65歳以上）の推計値が未整備のため描画できません")
    drawn = pd.DataFrame({"年": pd.Series(dtype="int64"), "年齢区分": pd.Series(dtype="str"),
                          "割合（%）": pd.Series(dtype="float")})
    figures.glue_figure("fig_population_share", fig, "図2 大仙市の将来推計人口割合", drawn)
    glue_text("fig_population_share_source", f"出典：{PROJECTION_SOURCE}（大仙市の値が未整備のため、図には値がありません）")
    glue_text("fig_population_share_missing", f"未整備：{PROJECTION_MISSING}。")


# --------------------------------------------------------------------------- finance
RATIO = "経常収支比率"
STRENGTH = "財政力指数"


def fiscal() -> pd.DataFrame:
    return load("fiscal_indicators")


RATIO_THRESHOLD = 90.0   # the level the draft's claim names (財政の硬直化の目安として本文が用いる値)


def glue_fiscal(ed) -> None:
    df = fiscal()
    ratio = df[df["indicator"] == RATIO].sort_values("fiscal_year")
    latest = ratio.iloc[-1]
    glue_text("ratio_latest_year", wareki(int(latest["fiscal_year"]), fiscal=True))
    glue_text("ratio_latest", f"{float(latest['value']):.1f}%")
    # the claim covers the ten fiscal years before the plan, COVID years excepted
    window = ratio[(ratio["fiscal_year"] >= ed.plan_start - 10) & ~ratio["fiscal_year"].isin(list(COVID_YEARS))]
    used = "、".join(f"{wareki(int(y), fiscal=True)} {float(v):.1f}%" for y, v in zip(window["fiscal_year"],
                                                                                   window["value"]))
    holds = bool(len(window)) and bool((window["value"].astype(float) > RATIO_THRESHOLD).all())
    claim(ed, "ratio_above_threshold", f"{RATIO_THRESHOLD:g}%を超えており", holds if len(window) else None,
          f"{wareki(ed.plan_start - 10, fiscal=True)}以降（新型コロナの影響年度を除く）の整備済みの値: {used or 'なし'}",
          sentence="経常収支比率は…新型コロナウイルスによる影響があった時期を除き、90%を超えており、財政の硬直傾向が見られます。")


def figure3() -> None:
    df = fiscal()
    ratio = df[df["indicator"] == RATIO].sort_values("fiscal_year")
    strength = df[df["indicator"] == STRENGTH].sort_values("fiscal_year")
    years = list(range(int(df["fiscal_year"].min()), int(df["fiscal_year"].max()) + 1))
    fig, (ax1, ax2) = figures.new(1, 2, height=3.2)
    pos = {y: i for i, y in enumerate(years)}
    have = {int(y) for y in ratio["fiscal_year"]}
    ax1.bar([pos[int(y)] for y in ratio["fiscal_year"]], ratio["value"].astype(float), color=figures.PALETTE[0],
            width=0.6)
    for y, v in zip(ratio["fiscal_year"], ratio["value"]):
        ax1.text(pos[int(y)], float(v) + 0.3, f"{float(v):.1f}", ha="center", va="bottom", fontsize=7.5)
    for y in years:
        if y not in have:
            ax1.text(pos[y], 80.5, "未", ha="center", va="bottom", fontsize=7, color=figures.MISSING_COLOR)
    ax1.axhline(90, color=figures.PALETTE[3], lw=0.8, ls="--")
    ax1.set_ylim(80, 100)
    ax1.set_title("経常収支比率（%）")
    ax1.set_xticks(range(len(years)), [short(y) for y in years], rotation=90, fontsize=7)
    ax2.plot([pos[int(y)] for y in strength["fiscal_year"]], strength["value"].astype(float), "o",
             color=figures.PALETTE[1])
    for y, v in zip(strength["fiscal_year"], strength["value"]):
        ax2.text(pos[int(y)], float(v) + 0.002, f"{float(v):.2f}", ha="center", va="bottom", fontsize=7.5)
    ax2.set_ylim(0.25, 0.45)
    ax2.set_title("財政力指数")
    ax2.set_xticks(range(len(years)), [short(y) for y in years], rotation=90, fontsize=7)
    fig.supxlabel("年度（「未」は値が未整備）", fontsize=8)
    used = pd.concat([ratio, strength])
    drawn = used[["fiscal_year", "indicator", "value"]].rename(
        columns={"fiscal_year": "年度", "indicator": "指標", "value": "値"}).reset_index(drop=True)
    drawn["値"] = drawn["値"].astype(float)
    figures.glue_figure("fig_fiscal", fig, "図3 大仙市の主な財政指標", drawn)
    glue_text("fig_fiscal_source", source_line(used))
    missing_years = [y for y in years if y not in have]
    glue_text("fig_fiscal_missing",
              "未整備：経常収支比率の " + "・".join(wareki(y, fiscal=True) for y in missing_years)
              + " の値、実質公債費比率・将来負担比率（全年度）、類似団体平均（水準値）。")
