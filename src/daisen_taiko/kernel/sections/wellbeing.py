"""第1章 3.(4) 地域幸福度 (Well-Being) 指標: the quantities of its prose, its statements, 図6 and 表1.

The draft's 表1 has three year columns, but each factor row holds only two values; which
years they belong to cannot be recovered, so they are kept by position (値1, 値2) and set
in the draft's own cells (under its last two year columns).  図6 draws the scores
whose years are known; the 作業レポート asks for the factor values by year."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.kernel import api

N = "回答者数(n)"
SCORES = ("幸福度", "生活満足度")
FACTORS = ("因子:地域行政", "因子:デジタル生活")
POSITION = "value_position_if_year_unknown"
FLAT = 0.5  # 「ほぼ横ばい」: max − min of each score over the years ≤ this many points


def indicators() -> pd.DataFrame:
    return api.load("wellbeing_indicators")


def scores() -> pd.DataFrame:
    df = indicators()
    return df[df["year"].notna()].sort_values("year")


def factor_values(metric: str, so: str) -> list[float]:
    df = indicators()
    sel = df[(df["metric"] == metric) & (df["subjective_objective"] == so)]
    return sel.sort_values(["year", POSITION])["value"].astype(float).tolist()


def _series(metric: str) -> pd.Series:
    s = scores()
    s = s[s["metric"] == metric]
    return pd.Series(s["value"].astype(float).to_numpy(), index=s["year"].astype(int).to_numpy())


def glue_prose() -> None:
    api.text("wb_questions", f"{int(api.statement('wellbeing_questions'))}")
    api.text("wb_factor_groups", f"{int(api.statement('wellbeing_factor_groups'))}")
    first = int(scores()["year"].min())
    api.text("wb_first_year", f"{first}年")
    spans = {m: float(_series(m).max() - _series(m).min()) for m in SCORES}
    api.check(
        "wb_scores_flat",
        f"幸福度と生活満足度とともに{first}年以降ほぼ横ばいの数値となっています",
        all(v <= FLAT for v in spans.values()),
        "、".join(
            f"{m} " + "→".join(f"{v:.1f}" for v in _series(m)) + f"（最大−最小 {spans[m]:.1f}点）" for m in SCORES
        )
        + f"（基準：最大−最小が{FLAT:g}点以下を「ほぼ横ばい」とする）",
        [indicators()],
    )
    for key, so, word in (("wb_subjective_rising", "主観", "上昇"), ("wb_objective_falling", "客観", "下降")):
        parts, ok = [], True
        for metric in FACTORS:
            v = factor_values(metric, so)
            holds = (v[-1] > v[0] and v[-1] >= v[-2]) if so == "主観" else all(b < a for a, b in zip(v, v[1:]))
            ok = ok and holds
            parts.append(
                f"{metric.removeprefix('因子:')} "
                + "→".join(f"{x:.2f}" for x in v)
                + f"（{'該当' if holds else '該当せず'}）"
            )
        rule = "最後の値が最初の値を上回り、直前から下がっていない" if so == "主観" else "各段階で前の値より小さい"
        api.check(
            key,
            f"「地域行政」「デジタル生活」の2因子に着目した場合、…{so}値は{word}傾向…が見られます。",
            ok,
            f"{so}値（草案の表1の記載順。公開年度は判別できないため記載順を年度順とみなす）："
            + "、".join(parts)
            + f"（基準：2因子とも{rule}）",
            [indicators()],
        )


def wellbeing() -> api.Drawn:
    """図6: 幸福度 and 生活満足度 (0–10) by year of publication, with the number of respondents."""
    s = scores()
    fig, ax = api.new(height=2.8)
    n = _series(N)
    for i, metric in enumerate(SCORES):
        ser = _series(metric)
        ax.plot(ser.index, ser.to_numpy(), "o-", color=api.PALETTE[i], label=metric)
        for y, v in ser.items():
            ax.annotate(
                f"{v:.1f}",
                (y, v),
                textcoords="offset points",
                xytext=(0, 6 if i == 0 else -13),
                ha="center",
                fontsize=api.LABEL,
            )
    ax.set_xticks(n.index, [f"{y}年\n(n={int(v)})" for y, v in n.items()])
    ax.set_xlim(n.index.min() - 0.5, n.index.max() + 0.5)
    ax.set_ylim(0, 10)
    ax.set_ylabel("点（0〜10）")
    ax.legend(loc="lower right")
    drawn = pd.DataFrame({"公開年": s["year"].astype(int), "指標": s["metric"], "値": s["value"].astype(float)}).join(
        api.provenance(s)
    )
    notes = ["※公開年ごとの幸福度・生活満足度（n は回答者数）。因子の偏差値は{numref}`表%s <tbl-wellbeing>`のとおり。"]
    return api.Drawn(fig, drawn, [s], notes)


def table1() -> api.Tabled:
    """表1 in the draft's own grid, cell for cell: a label column, a column for the factor
    groups, then the 公開年度 columns; a factor row puts 主観/客観 and its two values in the
    last three of them, as the draft does (which 公開年度 the values belong to, the draft does not
    say; the 作業レポート asks)."""
    df = indicators()
    years = sorted(int(y) for y in df["year"].dropna().unique())
    fmt = {N: "{:.0f}", "幸福度": "{:.1f}", "生活満足度": "{:.1f}"}
    head = ["公開年度", "", *[str(y) for y in years]]
    rows = []
    for metric, label in ((N, "n=回答者数"), ("幸福度", "幸福度"), ("生活満足度", "生活満足度")):
        ser = _series(metric)
        rows.append([label, "", *[fmt[metric].format(ser[y]) if y in ser.index else "" for y in years]])
    for i, metric in enumerate(FACTORS):
        for j, so in enumerate(("主観", "客観")):
            cells = [so, *(f"{v:.2f}" for v in factor_values(metric, so))]
            group = ["因子" if i == j == 0 else "", metric.removeprefix("因子:") if j == 0 else ""]
            rows.append(group + [""] * (len(years) - len(cells)) + cells)
    body = ["| " + " | ".join(api.escape(c) for c in head) + " |", "|:--|:--|" + "--:|" * len(years)]
    body += ["| " + " | ".join(api.escape(c) for c in r) + " |" for r in rows]
    columns = [c or f"列{k}" for k, c in enumerate(head, 1)]
    return api.Tabled("\n".join(body), [df], data=pd.DataFrame(rows, columns=columns))
