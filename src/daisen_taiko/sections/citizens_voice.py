"""第1章 3.(5) 市民の声: the 要望度 table, 図7, 表2, 図8, 図9, 図10 and the
quantities of its prose.

図9 and 図10 come from the 令和6年度 survey for the 第3次総合計画, of which the
draft gives only the order of the leading options and one percentage: the bars
that have a value are drawn, the others are listed by rank and marked missing."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .. import figures, tables
from ..claims import claim, increasing_trend
from ..data import load
from ..era import short, wareki
from ..sources import source_line
from ..text import glue_text
from .ch1_common import publish_figure, rows, statement

MAX, MIN, AVERAGE = "要望度最大", "要望度最小", "average"
N = "回答者数(n)"
ADMIN_Q = "行財政運営において重点を置いて取り組むべき項目(3つまで選択)"
DIGITAL_Q = "デジタル化を進める上で力を入れるべき分野"
USABILITY_Q = "市のサービスは利用しやすいですか"
USABLE = "利用しやすい・ある程度しやすい"
UNUSABLE = "利用しにくい・どちらかといえば利用しにくい"
ADMIN_ITEM = "行財政運営(行財政運営の効率化)"
DIGITAL_ITEM = "地域情報化"

# What the prose's qualitative words mean, as checks against the data (points of 要望度
# or percentage points of the usability shares):
#   USABLE_FLAT      「ほとんど変化がみられません」: max − min of the share over the table's years ≤ this
#   YOBODO_NEAR      「平均値に近く」: mean over the years of |item − average| ≤ this
#   (「平均値よりやや低い」: the item is below the average in every year)
#   YOBODO_NO_CHANGE 「大きな変化は見られていません」: max − min of each item over the years ≤ this
USABLE_FLAT = 3.0
YOBODO_NEAR = 0.15
YOBODO_NO_CHANGE = 0.3


# --------------------------------------------------------------------------- 要望度
def yobodo() -> pd.DataFrame:
    return load("shisei_hyoka_yobodo")


def item_label(item: str) -> str:
    """``行財政運営(行財政運営の効率化)`` → ``行財政運営`` (the draft's row label)."""
    return item.split("(")[0]


def evaluated_items() -> pd.DataFrame:
    """The survey-meta row giving how many 施策 are evaluated (its latest year)."""
    meta = load("shisei_hyoka_survey_meta")
    sel = meta[meta["metric"] == "評価施策項目数"].sort_values("fiscal_year")
    if sel.empty:
        raise LookupError("shisei_hyoka_survey_meta.csv: no 評価施策項目数")
    return sel.tail(1)


def glue_numbers() -> None:
    yb = yobodo()
    glue_text("shisei_start_fy", wareki(statement("shisei_hyoka_start_fy"), fiscal=True))
    glue_text("shisei_scale", str(statement("shisei_hyoka_scale")))
    glue_text("yobodo_items", f"{int(evaluated_items()['value'].iloc[0])}")
    glue_text("yobodo_years", f"{yb['fiscal_year'].nunique()}")
    du = usability()
    glue_text("usability_first_fy", wareki(int(du["fiscal_year"].min()), fiscal=True))
    glue_text("plan_survey_fy", wareki(statement("plan_survey_fy"), fiscal=True))
    glue_text("plan3_fy", wareki(statement("comprehensive_plan_3_fy"), fiscal=True))
    glue_text("plan_survey_choices", str(statement("plan_survey_max_choices")))
    sv = survey()
    for key, question in (("admin", ADMIN_Q), ("digital", DIGITAL_Q)):
        for r in ranked(sv, question).itertuples():
            glue_text(f"{key}_rank{int(r.rank)}", r.option)
            if pd.notna(r.value):
                glue_text(f"{key}_rank{int(r.rank)}_share", f"{float(r.value):g}%")


def _series(yb: pd.DataFrame, item: str) -> pd.Series:
    s = yb[yb["item"] == item].set_index("fiscal_year")["value"].astype(float).sort_index()
    if s.empty:
        raise LookupError(f"shisei_hyoka_yobodo.csv: no rows for {item}")
    return s


def _average(yb: pd.DataFrame) -> pd.Series:
    return _series(yb, yb.loc[yb["role"] == AVERAGE, "item"].iloc[0])


def _span(yb: pd.DataFrame) -> str:
    ys = sorted(int(y) for y in yb["fiscal_year"].unique())
    return f"{short(ys[0])}〜{short(ys[-1])}"


def check_admin_near_average(yb: pd.DataFrame) -> tuple[bool, str]:
    diff = (_series(yb, ADMIN_ITEM) - _average(yb)).dropna()
    mean = float(diff.abs().mean())
    return mean <= YOBODO_NEAR, (f"「{item_label(ADMIN_ITEM)}」と平均値の差の絶対値の{_span(yb)}平均が"
                                 f"{mean:.3f}点（基準：{YOBODO_NEAR:g}点以下を「平均値に近い」とする）")


def check_digital_below_average(yb: pd.DataFrame) -> tuple[bool, str]:
    diff = (_series(yb, DIGITAL_ITEM) - _average(yb)).dropna()
    detail = "、".join(f"{short(int(y))} {d:+.2f}" for y, d in diff.items())
    return bool(len(diff)) and bool((diff < 0).all()), (
        f"「{DIGITAL_ITEM}」−平均値: {detail}点（基準：全年度で平均値を下回ることを「平均値より低い」とする）")


def check_yobodo_no_big_change(yb: pd.DataFrame) -> tuple[bool, str]:
    spans = {item: float(_series(yb, item).max() - _series(yb, item).min()) for item in (ADMIN_ITEM, DIGITAL_ITEM)}
    detail = "、".join(f"「{item_label(i)}」{v:.2f}点" for i, v in spans.items())
    return all(v <= YOBODO_NO_CHANGE for v in spans.values()), (
        f"{_span(yb)}の最大−最小: {detail}（基準：{YOBODO_NO_CHANGE:g}点以下を「大きな変化なし」とする）")


def check_usable_flat(du: pd.DataFrame) -> tuple[bool, str]:
    s = du[du["category"] == USABLE].set_index("fiscal_year")["value"].astype(float).sort_index()
    span = float(s.max() - s.min())
    return bool(len(s) >= 2) and span <= USABLE_FLAT, (
        f"「{USABLE}」{_span(du)}: " + "、".join(f"{v:.1f}%" for v in s)
        + f"、最大−最小 {span:.1f}ポイント（基準：{USABLE_FLAT:g}ポイント以下を「ほとんど変化なし」とする）")


def check_unusable_increasing(du: pd.DataFrame) -> tuple[bool, str]:
    s = du[du["category"] == UNUSABLE].set_index("fiscal_year")["value"].astype(float).sort_index()
    return increasing_trend(s.tolist()), (
        f"「{UNUSABLE}」{_span(du)}: " + "、".join(f"{v:.1f}%" for v in s)
        + "（基準：最終年度が初年度を上回り、かつ直前の年度から下がっていないことを「増加傾向」とする）")


def glue_claims(ed) -> None:
    yb = yobodo()
    claim(ed, "yobodo_admin_near", "平均値に近く", *check_admin_near_average(yb),
          sentence="「行財政運営の効率化」は平均値に近く…推移しており")
    claim(ed, "yobodo_digital_lower", "平均値よりやや低い", *check_digital_below_average(yb),
          sentence="「地域情報化」は平均値よりやや低い要望度として推移しており")
    claim(ed, "yobodo_no_big_change", "大きな変化は見られていません", *check_yobodo_no_big_change(yb),
          sentence="直近…年間での大きな変化は見られていません。")
    du = usability()
    claim(ed, "usable_flat", "ほとんど変化がみられません", *check_usable_flat(du),
          sentence="「利用しやすい・ある程度利用しやすい」の回答はほとんど変化がみられません")
    claim(ed, "unusable_increasing", "増加傾向があり", *check_unusable_increasing(du),
          sentence="「利用しにくい・どちらかと言えば利用しにくい」の回答に増加傾向があり")


def yobodo_frame(yb: pd.DataFrame) -> pd.DataFrame:
    """The draft's 要望度 table: one row per item (in file order), one column per year."""
    years = sorted(int(y) for y in yb["fiscal_year"].unique())
    out = []
    for item, s in yb.groupby("item", sort=False):
        role = s["role"].iloc[0]
        rec = {"要望度": item_label(item)}
        rec.update({short(int(y)): f"{float(v):.2f}" for y, v in zip(s["fiscal_year"], s["value"])})
        rec["備考"] = role if role in (MAX, MIN) else ""
        out.append(rec)
    return pd.DataFrame(out, columns=["要望度", *[short(y) for y in years], "備考"]).fillna("—")


def yobodo_table() -> Markdown:
    yb = yobodo()
    unit = yb["unit"].dropna().unique()
    return tables.table(yobodo_frame(yb), None, None, source_line(yb), unit="・".join(unit))


def figure7() -> None:
    yb = yobodo()
    years = sorted(int(y) for y in yb["fiscal_year"].unique())
    fig, ax = figures.new(height=3.4)
    colors = iter(figures.PALETTE)
    for item, s in yb.groupby("item", sort=False):
        role = s["role"].iloc[0]
        label = item_label(item) + (f"（{role}）" if role in (MAX, MIN) else "")
        avg = role == AVERAGE
        ax.plot([years.index(int(y)) for y in s["fiscal_year"]], s["value"].astype(float),
                "--" if avg else "o-", color="#000000" if avg else next(colors), lw=1.2, ms=4, label=label)
    ax.set_xticks(range(len(years)), [f"{short(y)}\n({y})" for y in years])
    ax.set_ylabel("要望度（重要度−満足度）")
    ax.axhline(0, color="#888888", lw=0.6)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
    drawn = yb[["fiscal_year", "item", "role", "value"]].rename(columns={
        "fiscal_year": "年度", "item": "項目", "role": "区分", "value": "要望度"}).reset_index(drop=True)
    drawn["要望度"] = drawn["要望度"].astype(float)
    publish_figure("fig_yobodo", fig, f"図7 「市民による市政評価」 直近{len(years)}年間の要望度の推移", drawn, yb)


# --------------------------------------------------------------------------- 表2 / 図8
def usability() -> pd.DataFrame:
    df = load("shisei_hyoka_digital_usability")
    return df[df["question"] == USABILITY_Q]


def table2() -> Markdown:
    du = usability()
    years = sorted(int(y) for y in du["fiscal_year"].unique())
    n = du[du["category"] == N].set_index("fiscal_year")["value"]
    cols = {y: f"{short(y)} n={int(n[y])}" if y in n.index else short(y) for y in years}
    out = []
    for cat, s in du[du["category"] != N].groupby("category", sort=False):
        rec = {f"問：{USABILITY_Q}": cat}
        rec.update({cols[int(y)]: f"{float(v):.1f}%" for y, v in zip(s["fiscal_year"], s["value"])})
        out.append(rec)
    table = pd.DataFrame(out, columns=[f"問：{USABILITY_Q}", *cols.values()]).fillna("—")
    caption = "「市民による市政評価」における「市の情報発信や行政サービスのデジタル化」の設問に対する割合推移"
    return tables.table(table, caption, "tbl-digital-usability", source_line(du))


def figure8() -> None:
    du = usability()
    shares = du[du["category"] != N]
    years = sorted(int(y) for y in du["fiscal_year"].unique())
    fig, ax = figures.new(height=3.0)
    for i, (cat, s) in enumerate(shares.groupby("category", sort=False)):
        xs = [years.index(int(y)) for y in s["fiscal_year"]]
        vs = s["value"].astype(float).tolist()
        ax.plot(xs, vs, "o-", color=figures.PALETTE[i], label=cat)
        for x, v in zip(xs, vs):
            ax.annotate(f"{v:.1f}%", (x, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    ax.set_xticks(range(len(years)), [short(y) for y in years])
    ax.set_ylim(0, 70)
    ax.set_ylabel("%")
    ax.set_title(f"問：{USABILITY_Q}", fontsize=9)
    ax.legend(loc="center right", fontsize=8)
    drawn = shares[["fiscal_year", "category", "value"]].rename(columns={
        "fiscal_year": "年度", "category": "回答", "value": "割合（%）"}).reset_index(drop=True)
    drawn["割合（%）"] = drawn["割合（%）"].astype(float)
    publish_figure("fig_usability", fig, "図8 「市民による市政評価」における「市の情報発信や行政サービスのデジタル化」"
                   "の設問に対する割合推移", drawn, du)


# --------------------------------------------------------------------------- 図9 / 図10
def survey() -> pd.DataFrame:
    return load("comprehensive_plan_survey_r6")


def ranked(sv: pd.DataFrame, question: str) -> pd.DataFrame:
    sel = sv[sv["question"] == question].sort_values("rank")
    if sel.empty:
        raise LookupError(f"comprehensive_plan_survey_r6.csv: no rows for {question}")
    return sel


def _ranks(ranks) -> str:
    r = sorted(int(x) for x in ranks)
    return f"{r[0]}位" if len(r) == 1 else f"{r[0]}〜{r[-1]}位"


def ranked_missing(sel: pd.DataFrame) -> str:
    """What the draft does not give for a ranked question."""
    lacking = sel[sel["value"].isna()]
    valued = sel[sel["value"].notna()]
    parts = []
    if not lacking.empty:
        parts.append("".join(f"「{o}」" for o in lacking["option"]) + "の回答割合")
    parts.append(f"{int(sel['rank'].max()) + 1}位以下の選択肢とその割合")
    parts.append("回答者数")
    known = f"{_ranks(sel['rank'])}の選択肢" + (f"と{_ranks(valued['rank'])}の割合" if not valued.empty else "")
    return "、".join(parts) + f"（草案に記載があるのは{known}のみ）"


def ranked_figure(question: str, name: str, label: str) -> None:
    sel = ranked(survey(), question)
    fig, ax = figures.new(height=1.4 + 0.5 * len(sel))
    for i, r in enumerate(sel.itertuples()):
        if pd.notna(r.value):
            ax.barh(i, float(r.value), color=figures.PALETTE[0], height=0.55)
            ax.text(float(r.value) + 1, i, f"{float(r.value):g}%", va="center", fontsize=8.5)
        else:
            ax.text(1, i, "割合は未整備", va="center", fontsize=8.5, color=figures.MISSING_COLOR)
    ax.set_yticks(range(len(sel)), [f"{int(r)}位 {o}" for r, o in zip(sel["rank"], sel["option"])])
    ax.set_ylim(len(sel) + 0.5, -0.5)        # one free row at the bottom for the note
    ax.set_axisbelow(True)
    ax.set_xlim(0, 100)
    ax.set_xlabel("回答割合（%）")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    below = f"{int(sel['rank'].max()) + 1}位以下の選択肢"
    figures.note_missing(ax, (f"回答割合・{below}・回答者数は未整備です" if sel["value"].isna().all()
                              else f"一部の回答割合・{below}・回答者数は未整備です"), y=0.5 / (len(sel) + 1))
    drawn = sel[["rank", "option", "value"]].rename(columns={
        "rank": "順位", "option": "選択肢", "value": "回答割合（%）"}).reset_index(drop=True)
    drawn["回答割合（%）"] = drawn["回答割合（%）"].astype(float)
    publish_figure(name, fig, label, drawn, sel, ranked_missing(sel))


def figure9() -> None:
    ranked_figure(ADMIN_Q, "fig_admin_priorities",
                  "図9 「第3次総合計画策定に向けたアンケート」における「行財政運営において重点を置いて取り組むべき項目」の回答結果")


def figure10() -> None:
    ranked_figure(DIGITAL_Q, "fig_digital_fields",
                  "図10 「第3次総合計画策定に向けたアンケート」における「デジタル化を進める上で力を入れるべき分野」の回答結果")
