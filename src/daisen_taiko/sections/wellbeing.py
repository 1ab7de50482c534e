"""第1章 3.(4) 地域幸福度（Well-Being）指標: 図6, 表1 and the quantities of its prose.

The draft's table has three year columns, but every factor row holds only two
values: which years they belong to cannot be recovered, so such values are kept
by position (値1, 値2 — ``value_position_if_year_unknown``) and shown as of unknown
year.  Factor rows that do carry a year are shown under that year."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .. import figures, tables
from ..claims import claim, decreasing, increasing_trend
from ..data import load
from ..sources import source_line
from ..text import glue_text
from .ch1_common import publish_figure, statement

N = "回答者数(n)"
SCORES = ("幸福度", "生活満足度")
FACTOR_PREFIX = "因子:"
POSITION = "value_position_if_year_unknown"
DIGITS = {"点(0-10)": 1, "偏差値": 2, "人": 0}
FACTORS = ("因子:地域行政", "因子:デジタル生活")
# 「ほぼ横ばい」: max − min of each score (幸福度, 生活満足度) over the years ≤ this many points
SCORES_FLAT = 0.5


def indicators() -> pd.DataFrame:
    df = load("wellbeing_indicators")
    bad = df[df["year"].isna() & (~df["metric"].str.startswith(FACTOR_PREFIX) | df[POSITION].isna())]
    if not bad.empty:
        raise ValueError("wellbeing_indicators.csv: only factor values may lack a year, and they need "
                         f"{POSITION}: {bad['metric'].tolist()}")
    return df


def is_factor(df: pd.DataFrame) -> pd.Series:
    return df["metric"].str.startswith(FACTOR_PREFIX)


def years(df: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in df["year"].dropna().unique())


def positions(df: pd.DataFrame) -> list[int]:
    """Positions of the factor values whose year is unknown (empty when every year is known)."""
    return sorted(int(p) for p in df.loc[df["year"].isna(), POSITION].unique())


def position_label(p: int) -> str:
    return f"値{p}（公開年度不明）"


def column(row) -> str:
    """The column a value belongs to: its year, or its position when the year is unknown."""
    return str(int(row["year"])) if pd.notna(row["year"]) else position_label(int(row[POSITION]))


def columns(df: pd.DataFrame) -> list[str]:
    return [str(y) for y in years(df)] + [position_label(p) for p in positions(df)]


def fmt(v: float, unit: str) -> str:
    return f"{float(v):.{DIGITS.get(unit, 2)}f}"


def factor_label(metric: str) -> str:
    return metric.removeprefix(FACTOR_PREFIX)


def glue_numbers() -> None:
    df = indicators()
    glue_text("wb_questions", str(statement("wellbeing_questions")))
    glue_text("wb_factor_groups", str(statement("wellbeing_factor_groups")))
    glue_text("wb_first_year", f"{years(df[~is_factor(df)])[0]}年")


def missing_text(df: pd.DataFrame) -> str:
    structure = (f"指標の構成（{statement('wellbeing_questions')}つの設問と"
                 f"{statement('wellbeing_factor_groups')}つの因子群）を示す図")
    ps = positions(df)
    if not ps:
        return structure + "は未整備です。"
    unknown = df[df["year"].isna()]
    ys = years(df[~is_factor(df)])
    names = "・".join(dict.fromkeys(factor_label(m) for m in unknown["metric"]))
    return (f"因子（{names}）の偏差値は、草案の表に{len(ys)}年分（{ys[0]}〜{ys[-1]}年）の欄がありながら"
            f"{len(ps)}つずつしか記載がなく、どの公開年度の値かを草案から判別できないため、記載順（"
            + "・".join(f"値{p}" for p in ps) + f"）で示しています。公開年度ごとの因子の値と、{structure}は未整備です。")


def figure6() -> None:
    df = indicators()
    scores, fac = df[~is_factor(df)], df[is_factor(df)]
    ys = years(scores)
    fig, (ax1, ax2) = figures.new(1, 2, height=3.4, width_ratios=[1, 1.35])
    for i, metric in enumerate(SCORES):
        s = scores[scores["metric"] == metric].sort_values("year")
        ax1.plot([int(y) for y in s["year"]], s["value"].astype(float), "o-", color=figures.PALETTE[i], label=metric)
        for y, v, u in zip(s["year"], s["value"], s["unit"]):
            ax1.annotate(fmt(v, u), (int(y), float(v)), textcoords="offset points", xytext=(0, 5 if i == 0 else -12),
                         ha="center", fontsize=8)
    n = scores[scores["metric"] == N].set_index("year")["value"]
    ax1.set_xticks(ys, [f"{y}\n(n={int(n[y])})" if y in n.index else str(y) for y in ys])
    ax1.set_xlim(ys[0] - 0.5, ys[-1] + 0.5)
    ax1.set_ylim(0, 10)
    ax1.set_title("幸福度・生活満足度（点、0〜10）")
    ax1.legend(loc="lower center", fontsize=8)

    combos = list(dict.fromkeys(zip(fac["metric"], fac["subjective_objective"])))
    cols = [c for c in columns(df) if c in set(fac.apply(column, axis=1))]
    width = 0.8 / max(len(cols), 1)
    for j, col in enumerate(cols):
        s = fac[fac.apply(column, axis=1) == col].set_index(["metric", "subjective_objective"])["value"]
        idx = [i for i, c in enumerate(combos) if c in s.index]
        xs = [i + (j - (len(cols) - 1) / 2) * width for i in idx]
        vals = [float(s[combos[i]]) for i in idx]
        ax2.bar(xs, vals, width=width * 0.95, color=figures.PALETTE[(2 + j) % len(figures.PALETTE)], label=col)
        for x, v in zip(xs, vals):
            ax2.text(x, v + 0.8, f"{v:.2f}", ha="center", va="bottom", fontsize=7, rotation=90)
    ax2.set_xticks(range(len(combos)), [f"{factor_label(m)}\n{so}" for m, so in combos], fontsize=8)
    ax2.set_ylim(0, 100)
    ax2.set_title("因子（偏差値）")
    ax2.legend(loc="upper left", fontsize=8)
    ps = positions(df)
    if ps:
        figures.note_missing(ax2, f"因子の値は{len(ps)}つずつのみで、\nどの公開年度の値か草案から判別できません", y=0.7)

    drawn = pd.concat([scores, fac])[["year", POSITION, "metric", "subjective_objective", "value"]].rename(columns={
        "year": "公開年度", POSITION: "値の位置（年度不明）", "metric": "指標", "subjective_objective": "主観・客観",
        "value": "値"}).reset_index(drop=True)
    drawn["値"] = drawn["値"].astype(float)
    publish_figure("fig_wellbeing", fig, "図6 地域幸福度（Well-Being）指標", drawn, df, missing_text(df))


def table1_frame(df: pd.DataFrame) -> pd.DataFrame:
    """表1: one row per indicator, one column per year and per unknown-year position."""
    out = []
    for (metric, so), s in df.groupby(["metric", "subjective_objective"], sort=False, dropna=False):
        rec = {"項目": f"因子：{factor_label(metric)}" if metric.startswith(FACTOR_PREFIX) else metric,
               "主観・客観": "" if pd.isna(so) else so}
        rec.update({column(r): fmt(r["value"], r["unit"]) for _, r in s.iterrows()})
        out.append(rec)
    return pd.DataFrame(out, columns=["項目", "主観・客観", *columns(df)]).fillna("—")


def table1() -> Markdown:
    df = indicators()
    kinds = df["metric"].where(~is_factor(df), "因子")
    units = "／".join(f"{'・'.join(dict.fromkeys(g))}：{u}" for u, g in kinds.groupby(df["unit"], sort=False))
    notes = []
    ps = positions(df)
    if ps:
        notes.append(f"因子の偏差値は、草案の表では{len(years(df))}つの公開年度の欄に対して{len(ps)}つずつしか記載がなく、"
                     "どの年度の値かを草案から判別できないため、記載順に" + "・".join(f"値{p}" for p in ps)
                     + "として示しています（「—」は該当なし）。")
    return tables.table(table1_frame(df), "地域幸福度指標（標準版調査）", "tbl-wellbeing", source_line(df),
                        unit=units, notes=notes)


# --------------------------------------------------------------------------- claims of the prose
def factor_series(df: pd.DataFrame, metric: str, so: str) -> tuple[list[float], str]:
    """A factor's values in order — by year, or by position (値1 before 値2) when the year is
    unknown — and how they were ordered (for the evidence)."""
    s = df[(df["metric"] == metric) & (df["subjective_objective"] == so)]
    if s["year"].notna().all():
        s = s.sort_values("year")
        return s["value"].astype(float).tolist(), "公開年度順"
    s = s.sort_values(POSITION)
    return s["value"].astype(float).tolist(), "記載順（値1→値2、公開年度不明のため年度順とみなす）"


def check_scores_flat(df: pd.DataFrame) -> tuple[bool, str]:
    parts, ok = [], True
    for metric in SCORES:
        s = df[df["metric"] == metric].sort_values("year")["value"].astype(float)
        span = float(s.max() - s.min())
        ok = ok and len(s) >= 2 and span <= SCORES_FLAT
        parts.append(f"{metric} " + "→".join(f"{v:.1f}" for v in s) + f"（最大−最小 {span:.1f}点）")
    return ok, "、".join(parts) + f"（基準：各指標の最大−最小が{SCORES_FLAT:g}点以下を「ほぼ横ばい」とする）"


def check_factor_trend(df: pd.DataFrame, so: str) -> tuple[bool, str]:
    """主観値 rising (claims.increasing_trend) / 客観値 falling (claims.decreasing) for both factors."""
    rule = increasing_trend if so == "主観" else decreasing
    parts, ok = [], True
    for metric in FACTORS:
        values, order = factor_series(df, metric, so)
        holds = rule(values)
        ok = ok and holds
        parts.append(f"{factor_label(metric)} " + "→".join(f"{v:.2f}" for v in values)
                     + f"（{order}；{'該当' if holds else '該当せず'}）")
    word = "上昇（最後の値が最初の値を上回り、直前から下がっていない）" if so == "主観" else "下降（各段階で前の値より小さい）"
    return ok, f"{so}値: " + "、".join(parts) + f"（基準：2因子とも{word}）"


def glue_claims(ed) -> None:
    df = indicators()
    claim(ed, "wb_scores_flat", "ほぼ横ばいの数値となっています", *check_scores_flat(df),
          sentence="幸福度と生活満足度とともに…以降ほぼ横ばいの数値となっています")
    claim(ed, "wb_subjective_rising", "主観値は上昇傾向", *check_factor_trend(df, "主観"),
          sentence="「地域行政」「デジタル生活」の2因子に着目した場合、主観値は上昇傾向…が見られます。")
    claim(ed, "wb_objective_falling", "客観値は下降傾向", *check_factor_trend(df, "客観"),
          sentence="「地域行政」「デジタル生活」の2因子に着目した場合、…客観値は下降傾向が見られます。")
