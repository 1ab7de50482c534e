"""第1章 3.(5) 市民の声: the 要望度 table, 図7, 表2, 図8, 図9, 図10, the quantities of its prose
and its statements.  Of the 令和6年度 survey for the 第3次総合計画 the draft gives only the
order of the leading options and one percentage: 図10 draws that one, 図9 waits for the data."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.kernel import api

_FOCUS, MAX, MIN, AVERAGE = api.YOBODO_ROLES
N = "回答者数(n)"
ADMIN_Q = "行財政運営において重点を置いて取り組むべき項目(3つまで選択)"
DIGITAL_Q = "デジタル化を進める上で力を入れるべき分野"
USABILITY_Q = "市のサービスは利用しやすいですか"
USABLE = "利用しやすい・ある程度しやすい"
UNUSABLE = "利用しにくい・どちらかといえば利用しにくい"
ADMIN_ITEM, DIGITAL_ITEM = "行財政運営(行財政運営の効率化)", "地域情報化"
# What the prose's words mean as checks (points of 要望度, percentage points of the shares):
NEAR, NO_CHANGE, FLAT = 0.15, 0.3, 3.0


def yobodo() -> pd.DataFrame:
    return api.load("shisei_hyoka_yobodo")


def usability() -> pd.DataFrame:
    df = api.load("shisei_hyoka_digital_usability")
    return df[df["question"] == USABILITY_Q]


def survey(question: str) -> pd.DataFrame:
    df = api.load("comprehensive_plan_survey_r6")
    return df[df["question"] == question].sort_values("rank")


def _series(df: pd.DataFrame, col: str, key: str) -> pd.Series:
    sel = df[df[col] == key].sort_values("fiscal_year")
    return pd.Series(sel["value"].astype(float).to_numpy(), index=sel["fiscal_year"].astype(int).to_numpy())


def _span(years) -> str:
    return f"{api.short(min(years))}〜{api.short(max(years))}"


def glue_prose() -> None:
    yb, du = yobodo(), usability()
    api.text("shisei_start_fy", api.wareki(int(api.statement("shisei_hyoka_start_fy")), fiscal=True))
    api.text("shisei_scale", f"{int(api.statement('shisei_hyoka_scale'))}")
    meta = api.load("shisei_hyoka_survey_meta")
    items = meta[meta["metric"] == "評価施策項目数"].sort_values("fiscal_year")
    api.text("yobodo_items", f"{int(items['value'].iloc[-1])}")
    api.text("yobodo_years", f"{yb['fiscal_year'].nunique()}")
    api.text("usability_first_fy", api.wareki(int(du["fiscal_year"].min()), fiscal=True))
    api.text("plan_survey_fy", api.wareki(int(api.statement("plan_survey_fy")), fiscal=True))
    api.text("plan3_fy", api.wareki(int(api.statement("comprehensive_plan_3_fy")), fiscal=True))
    api.text("plan_survey_choices", f"{int(api.statement('plan_survey_max_choices'))}")
    for key, question in (("admin", ADMIN_Q), ("digital", DIGITAL_Q)):
        for r in survey(question).itertuples():
            api.text(f"{key}_rank{int(r.rank)}", r.option)
            if pd.notna(r.value):
                api.text(f"{key}_rank{int(r.rank)}_share", f"{float(r.value):g}%")
    glue_checks(yb, du)


def glue_checks(yb: pd.DataFrame, du: pd.DataFrame) -> None:
    avg = _series(yb, "role", AVERAGE)
    admin, digital = _series(yb, "item", ADMIN_ITEM), _series(yb, "item", DIGITAL_ITEM)
    span = _span(avg.index)
    gap = float((admin - avg).abs().mean())
    api.check(
        "yobodo_admin_near",
        "「行財政運営の効率化」は平均値に近く",
        gap <= NEAR,
        f"「行財政運営」と平均値の差の絶対値の{span}平均 {gap:.3f}点（基準：{NEAR:g}点以下を「平均値に近い」とする）",
        [yb],
    )
    diff = digital - avg
    api.check(
        "yobodo_digital_lower",
        "「地域情報化」は平均値よりやや低い要望度として推移しており",
        bool((diff < 0).all()),
        "「地域情報化」−平均値："
        + "、".join(f"{api.short(int(y))} {d:+.2f}" for y, d in diff.items())
        + "点（基準：全年度で平均値を下回ることを「平均値より低い」とする）",
        [yb],
    )
    spans = {"行財政運営": float(admin.max() - admin.min()), DIGITAL_ITEM: float(digital.max() - digital.min())}
    api.check(
        "yobodo_no_big_change",
        f"直近{len(avg)}年間での大きな変化は見られていません。",
        all(v <= NO_CHANGE for v in spans.values()),
        f"{span}の最大−最小："
        + "、".join(f"「{k}」{v:.2f}点" for k, v in spans.items())
        + f"（基準：{NO_CHANGE:g}点以下を「大きな変化なし」とする）",
        [yb],
    )
    usable, unusable = _series(du, "category", USABLE), _series(du, "category", UNUSABLE)
    api.check(
        "usable_flat",
        "「利用しやすい・ある程度利用しやすい」の回答はほとんど変化がみられません",
        float(usable.max() - usable.min()) <= FLAT,
        f"「{USABLE}」{_span(usable.index)}："
        + "、".join(f"{v:.1f}%" for v in usable)
        + f"、最大−最小 {usable.max() - usable.min():.1f}ポイント（基準：{FLAT:g}ポイント以下を「ほとんど変化なし」とする）",
        [du],
    )
    rising = unusable.iloc[-1] > unusable.iloc[0] and unusable.iloc[-1] >= unusable.iloc[-2]
    api.check(
        "unusable_increasing",
        "「利用しにくい・どちらかと言えば利用しにくい」の回答に増加傾向があり",
        bool(rising),
        f"「{UNUSABLE}」{_span(unusable.index)}："
        + "、".join(f"{v:.1f}%" for v in unusable)
        + "（基準：最終年度が初年度を上回り、直前の年度から下がっていないことを「増加傾向」とする）",
        [du],
    )


def _label(item: str) -> str:
    return item.split("(")[0]


def yobodo_table() -> api.Tabled:
    """The draft's 要望度 table; the rows of the largest and smallest 要望度 carry the legend's marks."""
    yb = yobodo()
    years = sorted(int(y) for y in yb["fiscal_year"].unique())
    mark = {MAX: "[■]{.swatch-max} ", MIN: "[■]{.swatch-min} "}
    heads = [f"{s[0]} {s[1:]}" for s in map(api.short, years)]  # as the draft writes them: 「R 3」
    head = "| 要望度 | " + " | ".join(heads) + " |"
    body = [head, "|:--|" + "--:|" * len(years)]
    for item, s in yb.groupby("item", sort=False):
        role = s["role"].iloc[0]
        vals = dict(zip(s["fiscal_year"].astype(int), s["value"].astype(float)))
        label = "平均値" if role == AVERAGE else _label(item)
        body.append(
            f"| {mark.get(role, '')}{api.escape(label)} | " + " | ".join(f"{vals[y]:.2f}" for y in years) + " |"
        )
    legend = [f":::{{div}} legend\n{mark[MAX]}{MAX}\n\n{mark[MIN]}{MIN}\n:::"]
    data = pd.DataFrame(
        {"年度": yb["fiscal_year"].astype(int), "項目": yb["item"].map(_label), "要望度": yb["value"].astype(float)}
    )
    return api.Tabled("\n".join(body), [yb], notes=legend, data=data)


def yobodo_figure() -> api.Drawn:
    yb = yobodo()
    years = sorted(int(y) for y in yb["fiscal_year"].unique())
    fig, ax = api.new(height=3.2)
    colors = iter(api.PALETTE)
    for item, s in yb.groupby("item", sort=False):
        role = s["role"].iloc[0]
        avg = role == AVERAGE
        label = ("平均値" if avg else _label(item)) + (f"（{role}）" if role in (MAX, MIN) else "")
        ax.plot(
            s["fiscal_year"].astype(int),
            s["value"].astype(float),
            "--" if avg else "o-",
            color="#000000" if avg else next(colors),
            lw=1.2,
            ms=4,
            label=label,
        )
    ax.set_xticks(years, [f"{api.short(y)}\n({y})" for y in years])
    ax.set_ylabel("要望度（重要度−満足度）")
    ax.axhline(0, color="#888888", lw=0.6)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
    drawn = pd.DataFrame(
        {"年度": yb["fiscal_year"].astype(int), "項目": yb["item"].map(_label), "要望度": yb["value"].astype(float)}
    ).join(api.provenance(yb))
    return api.Drawn(fig, drawn, [yb], ["※要望度は、重要度から満足度を差し引いた値（各5段階評価）。"])


def usability_table() -> api.Tabled:
    du = usability()
    years = sorted(int(y) for y in du["fiscal_year"].unique())
    n = _series(du, "category", N)
    head = f"| 問：{api.escape(USABILITY_Q)} | " + " | ".join(f"{api.short(y)} n={int(n[y])}" for y in years) + " |"
    body = [head, "|:--|" + "--:|" * len(years)]
    for cat in (USABLE, UNUSABLE):
        s = _series(du, "category", cat)
        body.append(f"| {api.escape(cat)} | " + " | ".join(f"{s[y]:.1f}%" for y in years) + " |")
    data = pd.DataFrame(
        {"年度": du["fiscal_year"].astype(int), "区分": du["category"], "値": du["value"].astype(float)}
    )
    return api.Tabled("\n".join(body), [du], data=data)


def usability_figure() -> api.Drawn:
    du = usability()
    shares = du[du["category"] != N]
    fig, ax = api.new(height=2.6)
    for i, cat in enumerate((USABLE, UNUSABLE)):
        s = _series(du, "category", cat)
        ax.plot(s.index, s.to_numpy(), "o-", color=api.PALETTE[i], label=cat)
        for y, v in s.items():
            ax.annotate(f"{v:.1f}%", (y, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=api.LABEL)
    years = sorted(int(y) for y in du["fiscal_year"].unique())
    ax.set_xticks(years, [api.short(y) for y in years])
    ax.set_ylim(0, 70)
    ax.set_ylabel("%")
    ax.set_title(f"問：{USABILITY_Q}", fontsize=9)
    ax.legend(loc="center right")
    drawn = pd.DataFrame(
        {
            "年度": shares["fiscal_year"].astype(int),
            "回答": shares["category"],
            "割合（%）": shares["value"].astype(float),
        }
    ).join(api.provenance(shares))
    return api.Drawn(fig, drawn, [du])


def _ranked(question: str) -> api.Drawn:
    sel = survey(question)
    valued = sel[sel["value"].notna()]
    if valued.empty:
        return api.Drawn(None, pd.DataFrame())
    fig, ax = api.new(height=0.8 + 0.42 * len(sel))
    for i, r in enumerate(sel.itertuples()):
        if pd.notna(r.value):
            ax.barh(i, float(r.value), color=api.PALETTE[0], height=0.55)
            ax.text(float(r.value) + 1, i, f"{float(r.value):g}%", va="center", fontsize=api.LABEL)
        else:
            ax.text(1, i, "…", va="center", fontsize=10, color=api.MUTED)
    ax.set_yticks(range(len(sel)), [f"{int(r)}位 {o}" for r, o in zip(sel["rank"], sel["option"])])
    ax.set_ylim(len(sel) - 0.5, -0.5)
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_axisbelow(True)
    drawn = pd.DataFrame(
        {"順位": valued["rank"].astype(int), "選択肢": valued["option"], "回答割合（%）": valued["value"].astype(float)}
    ).join(api.provenance(valued))
    first_missing = int(sel[sel["value"].isna()]["rank"].min()) if sel["value"].isna().any() else None
    notes = [f"※{first_missing}位以下は回答の多い順。「…」は割合を掲載していないことを示す。"] if first_missing else []
    return api.Drawn(fig, drawn, [valued], notes)


def admin_priorities() -> api.Drawn:
    return _ranked(ADMIN_Q)


def digital_fields() -> api.Drawn:
    return _ranked(DIGITAL_Q)
