"""第1章 3.(1) 人口減少と財政状況: the quantities of its prose, its statements, 図1–図3."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.kernel import api

TOTAL, YOUNG, WORKING, AGED = api.POPULATION_GROUPS
AGE_GROUPS = (YOUNG, WORKING, AGED)
STRENGTH, RATIO, DEBT, BURDEN = api.FISCAL_INDICATORS
COVID_FY = range(2020, 2023)  # 令和2〜4年度: the years the draft excludes as affected by COVID-19


def census() -> pd.DataFrame:
    df = api.load("population_census")
    return df[df["metric"] == TOTAL].sort_values("year").reset_index(drop=True)


def projection() -> pd.DataFrame:
    df = api.load("population_projection")
    return df[df["projection"] == "令和5年推計"].sort_values("target_year").reset_index(drop=True)


def _by_year(df: pd.DataFrame, metric: str) -> pd.Series:
    sel = df[df["metric"] == metric]
    return pd.Series(sel["value"].astype(float).to_numpy(), index=sel["target_year"].astype(int).to_numpy())


# --------------------------------------------------------------------------- prose
def glue_population() -> None:
    c = census()
    peak = c.loc[c["value"].idxmax()]
    api.text("pop_peak_year", api.wareki(int(peak["year"])))
    api.text("pop_peak", api.man(int(peak["value"])) + "人")
    threshold = int(api.statement("pop_threshold"))
    after = c[(c["year"] > peak["year"]) & (c["value"] < threshold)]
    below, last = after.iloc[0], c.iloc[-1]
    api.text("pop_below_year", api.wareki(int(below["year"])))
    api.text("pop_threshold", api.man(threshold) + "人")
    per_year = (float(below["value"]) - float(last["value"])) / (int(last["year"]) - int(below["year"]))
    api.text("pop_decline_per_year", api.approx(per_year) + "人")
    since = c[c["year"] >= peak["year"]]
    values = since["value"].astype(float).tolist()
    api.check(
        "pop_decreasing",
        "本市の人口は…ピークに減少に転じ、…以降、年間約…程度のスピードで減少しています。",
        all(b < a for a, b in zip(values, values[1:])),
        "国勢調査の総人口 "
        + "、".join(f"{api.wareki(int(y))} {int(v):,}人" for y, v in zip(since["year"], values))
        + f"（ピーク以降すべての調査年で前回を下回るか）。{api.wareki(int(below['year']))}〜"
        f"{api.wareki(int(last['year']))}の年平均減少数 {per_year:,.0f}人",
        [c],
    )

    p = projection()
    exceeds, share_year = int(api.statement("aged_exceeds_working_year")), int(api.statement("aged_share_50_year"))
    share_limit = float(api.statement("aged_share_threshold"))
    api.text("aged_exceeds_year", api.wareki(exceeds))
    api.text("aged_share_year", api.wareki(share_year))
    api.text("aged_share_threshold", f"{share_limit:g}%")
    aged, working, total = _by_year(p, AGED), _by_year(p, WORKING), _by_year(p, TOTAL)
    _first_year_claim(
        "aged_exceeds_working",
        f"{api.wareki(exceeds)}には生産年齢人口（15歳以上64歳以下）を老人人口（65歳以上）が上回ると予想され",
        p,
        aged > working,
        exceeds,
        lambda y: f"{api.wareki(int(y))} 老年 {aged[y]:,.0f}人・生産年齢 {working[y]:,.0f}人",
        "老年人口が生産年齢人口を初めて上回る年",
    )
    shares = (aged / total * 100).round(2)
    _first_year_claim(
        "aged_share_over_half",
        f"{api.wareki(share_year)}には総人口に占める老人人口の割合が{share_limit:g}%を超える見込みとなっています。",
        p,
        shares > share_limit,
        share_year,
        lambda y: f"{api.wareki(int(y))} 老年人口 {aged[y]:,.0f}人／総人口 {total[y]:,.0f}人 = {shares[y]:.2f}%",
        f"割合が{share_limit:g}%を初めて超える年",
    )


def _first_year_claim(key, sentence, p: pd.DataFrame, crossed: pd.Series, stated: int, shown, what: str) -> None:
    """Check a sentence "in year X the projection first crosses a line": ``crossed`` is a yes/no
    series by year; the evidence lists the five years up to the stated one."""
    first = next((y for y in crossed.index if crossed[y]), None)
    api.check(
        key,
        sentence,
        None if p.empty else first == stated,
        "社人研 令和5年推計："
        + "、".join(shown(y) for y in crossed.index if stated - 5 <= y <= stated)
        + f"（{what}：{api.wareki(first) if first else 'なし'}）",
        [p],
    )


def fiscal() -> pd.DataFrame:
    return api.load("fiscal_indicators").sort_values("fiscal_year").reset_index(drop=True)


def glue_fiscal() -> None:
    f = fiscal()
    ratio = f[f["indicator"] == RATIO]
    latest = ratio.iloc[-1]
    api.text("ratio_latest_fy", api.wareki(int(latest["fiscal_year"]), fiscal=True))
    api.text("ratio_latest", f"{float(latest['value']):.1f}%")
    limit = float(api.statement("ratio_threshold"))
    api.text("ratio_threshold", f"{limit:g}%")
    years = api.years_of("fig-fiscal")  # the span of 図3 and of the draft's 90% statement
    span = ratio[ratio["fiscal_year"].isin(years)]
    used = span[~span["fiscal_year"].isin(list(COVID_FY))]
    have = {int(y) for y in span["fiscal_year"]}
    lacking = [y for y in years if y not in have]
    api.check(
        "ratio_above_threshold",
        f"新型コロナウイルスによる影響があった時期を除き、{limit:g}%を超えており、財政の硬直傾向が見られます。",
        None if used.empty else bool((used["value"].astype(float) > limit).all()),
        f"{api.wareki_span(years[0], years[-1], fiscal=True)}の経常収支比率のうち、新型コロナの影響年度"
        f"（{api.wareki_span(COVID_FY[0], COVID_FY[-1], fiscal=True)}）を除いた値："
        + "、".join(
            f"{api.wareki(int(y), fiscal=True)} {float(v):.1f}%" for y, v in zip(used["fiscal_year"], used["value"])
        )
        + "（除いた年度の値："
        + "、".join(
            f"{api.wareki(int(y), fiscal=True)} {float(v):.1f}%"
            for y, v in zip(span["fiscal_year"], span["value"])
            if int(y) in COVID_FY
        )
        + "）"
        + (f"。値の無い年度：{'、'.join(api.wareki(y, fiscal=True) for y in lacking)}" if lacking else ""),
        [f],
    )
    api.check(
        "ratio_below_similar",
        "人口や産業構造が類似している類似団体との比較では低いものの",
        None,
        "類似団体の経常収支比率（平均値）が data/ に無いため確かめられません",
        [],
    )


# --------------------------------------------------------------------------- figures
def _year_ticks(ax, years, fiscal: bool = False, turned: bool = False) -> None:
    """Each year and its era year (1980 / S55) under its bar; ``turned``: on one line, turned a
    quarter, where the years are too close for the labels to stand side by side at the house
    style's size (図1: every five years from 1980)."""
    sep = " " if turned else "\n"
    labels = [f"{y}{sep}{api.short(y, fiscal=fiscal)}" for y in years]
    ax.set_xticks(years, labels, fontsize=api.SMALL, rotation=90 if turned else 0)
    ax.tick_params(axis="x", length=2, pad=2)


def population() -> api.Drawn:
    """図1: census totals (実績) and the 社人研 projection (推計) on a true time axis."""
    c, p = census(), projection()
    proj = p[(p["metric"] == TOTAL) & (p["target_year"] > c["year"].max())]
    fig, ax = api.new(height=2.75)
    for df, col, color, label in (
        (c, "year", api.PALETTE[0], "実績（国勢調査）"),
        (proj, "target_year", api.MUTED, "推計（社人研 令和5年推計）"),
    ):
        xs, vs = df[col].astype(int).tolist(), df["value"].astype(float).tolist()
        ax.bar(xs, vs, width=3.4, color=color, label=label)
        for x, v in zip(xs, vs):
            ax.text(x, v + 1500, f"{v:,.0f}", ha="center", va="bottom", fontsize=api.SMALL, rotation=90)
    years = c["year"].astype(int).tolist() + proj["target_year"].astype(int).tolist()
    _year_ticks(ax, years, turned=True)
    ax.set_ylim(0, 150000)
    ax.set_ylabel("人")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.legend(loc="lower right", bbox_to_anchor=(1, 1), ncol=2)  # above the bars: clear of their values
    drawn = pd.concat(
        [
            pd.DataFrame({"年": c["year"].astype(int), "区分": "実績", "総人口（人）": c["value"].astype(int)}).join(
                api.provenance(c)
            ),
            pd.DataFrame(
                {"年": proj["target_year"].astype(int), "区分": "推計", "総人口（人）": proj["value"].astype(int)}
            ).join(api.provenance(proj)),
        ],
        ignore_index=True,
    )
    gaps = [y for y in range(int(c["year"].min()), int(c["year"].max()) + 1, 5) if y not in set(c["year"].astype(int))]
    notes = [
        f"※{api.wareki(int(c['year'].max()))}までは国勢調査の実績値、{api.wareki(int(proj['target_year'].min()))}以降は推計値。"
    ]
    if gaps:
        notes.append(f"※{api.wareki_span(gaps[0], gaps[-1])}の国勢調査人口は掲載していない。")
    return api.Drawn(fig, drawn, [c, proj], notes)


def population_share() -> api.Drawn:
    """図2: shares of the three age groups, computed from the projection's counts."""
    p = projection()
    total = _by_year(p, TOTAL)
    fig, ax = api.new(height=2.7)
    bottom = pd.Series(0.0, index=total.index)
    rows = []
    for color, group in zip((api.PALETTE[2], api.PALETTE[0], api.PALETTE[1]), AGE_GROUPS):
        share = (_by_year(p, group) / total * 100).round(1)
        ax.bar(share.index, share, bottom=bottom, width=3.4, color=color, label=group)
        for y in share.index:
            ax.text(
                y,
                bottom[y] + share[y] / 2,
                f"{share[y]:.1f}%",
                ha="center",
                va="center",
                fontsize=api.SMALL,
                color=api.label_colour(color),
            )
        bottom = bottom + share
        src = p[p["metric"] == group]
        rows.append(
            pd.DataFrame({"年": share.index, "年齢区分": group, "割合（%）": share.to_numpy()}).join(
                api.provenance(src).reset_index(drop=True)
            )
        )
    _year_ticks(ax, total.index.tolist())
    ax.set_ylim(0, 100)
    ax.set_ylabel("%")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=3)
    base = int(total.index.min())
    notes = ["※年齢3区分別の割合は、推計人口から算出。", f"※{api.wareki(base)}は推計の基準人口（国勢調査）。"]
    return api.Drawn(fig, pd.concat(rows, ignore_index=True), [p], notes)


# indicator, unit, decimals, value range shown (wide enough that a steady series looks steady)
PANELS = (
    (RATIO, "%", 1, (80, 100)),
    (STRENGTH, "", 2, (0.2, 0.5)),
    (DEBT, "%", 1, (0, 20)),
    (BURDEN, "%", 1, (0, 200)),
)


def fiscal_indicators() -> api.Drawn:
    """図3: the four main indicators over the nine fiscal years before the edition's 策定年度
    (平成28〜令和6年度 in the 令和7年度 draft); years without a value marked 「…」."""
    years = api.years_of("fig-fiscal")
    every = fiscal()
    f = api.confirmed(every)  # a value read from a secondary copy waits for 財政課's confirmation
    held = {(r.indicator, int(r.fiscal_year)) for r in every.drop(f.index).itertuples()}
    f = f[f["fiscal_year"].isin(years)]
    fig, axes = api.new(2, 2, height=3.55)
    fig.get_layout_engine().set(hspace=0.06)  # the upper panels' years clear of the lower panels' titles
    limit = float(api.statement("ratio_threshold"))
    gaps: dict[bool, dict[str, list[str]]] = {False: {}, True: {}}  # awaiting? → span of years → indicators
    parts, panel_labels = [], []
    for ax, (name, unit, digits, (lo, hi)) in zip(axes.flat, PANELS):
        s = f[f["indicator"] == name]
        xs, vs = s["fiscal_year"].astype(int).tolist(), s["value"].astype(float).tolist()
        lo, hi = min([lo, *vs]), max([hi, *vs])
        values = dict(zip(xs, vs))  # a year without a value breaks the line (NaN), it is not bridged
        ax.plot(years, [values.get(y, float("nan")) for y in years], "o-", color=api.PALETTE[0], ms=3.5, lw=1.2)
        labels = []
        for k, (x, v) in enumerate(zip(xs, vs)):
            # the lowest point of a V (both neighbours higher): its value below it, clear of the two lines
            dip = 0 < k < len(vs) - 1 and v == min(vs) and v < vs[k - 1] and v < vs[k + 1]
            labels.append(
                ax.annotate(
                    f"{v:.{digits}f}",
                    (x, v),
                    textcoords="offset points",
                    xytext=(0, -6 if dip else 5),
                    va="top" if dip else "baseline",
                    ha="center",
                    fontsize=api.SMALL,
                )
            )
        panel_labels.append(labels)
        missing = [y for y in years if y not in xs]
        for y in missing:
            ax.text(y, lo + (hi - lo) * 0.08, "…", ha="center", va="center", fontsize=9, color=api.MUTED)
        for waiting, found in gaps.items():
            if ys := [y for y in missing if ((name, y) in held) == waiting]:
                found.setdefault(api.wareki_span(ys[0], ys[-1], fiscal=True), []).append(name)
        if name == RATIO:
            ax.axhline(limit, color=api.PALETTE[3], lw=0.8, ls="--")
        ax.set_ylim(lo, hi)
        api.axis_break(ax)
        ax.set_title(name + (f"（{unit}）" if unit else ""), fontsize=9)
        ax.set_xticks(years, [api.short(y) for y in years], fontsize=api.SMALL)
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)  # room for the first and last values' labels
        parts.append(
            pd.DataFrame({"年度": s["fiscal_year"].astype(int), "指標": name, "値": s["value"].astype(float)}).join(
                api.provenance(s)
            )
        )
    api.clear_neighbours(fig, panel_labels)
    drawn = pd.concat(parts, ignore_index=True)
    none, waiting = ("、".join(f"{span}の{'・'.join(n)}" for span, n in g.items()) for g in gaps.values())
    out = [
        f"※「…」は数値を掲載していないことを示す{f'（{none}）' if none else ''}。{f'{waiting}は確認中。' if waiting else ''}"
    ]
    out = (out if none or waiting else []) + [f"※経常収支比率の破線は{limit:g}%。"]
    return api.Drawn(fig, drawn, [f], out)
