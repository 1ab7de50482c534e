"""The pages of one year's 推進状況報告書: the summary, one per 重点取組, the whole 推進期間 (in its
final year) and the changes of the 取組計画; labels, counts and the departments' words only."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.common.era import wareki, wareki_span
from daisen_taiko.documents.report.common import Markup, esc, list_table
from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.data.schema_plans import GRADES
from daisen_taiko.inputs.params import Edition
from daisen_taiko.plans import Layout, yearly

NAME = "推進状況報告書"
DOWN = "減少を目指す指標"  # the 達成率 cell of a 取組 whose 目標値 is below its 基準値
NO_VALUE = "（なし）"  # a change's value before or after when there was none (intake.changes)


CHART = "figures/grades-by-pillar"  # the chart of the cross-table by 重点取組 (SVG for the web, PDF for print)


def chart_caption(year: int) -> str:
    return f"重点取組別の評価の件数（{wareki(year, fiscal=True)}）"


def subtitle(year: int) -> str:
    return f"（{wareki(year, fiscal=True)}実績）"


def number(v, digits: int | None = None) -> str:
    if not yearly.returned(v):
        return ""
    v = float(v)
    if digits is not None:
        return f"{v:,.{digits}f}"
    return f"{int(v):,}" if v.is_integer() else f"{v:,.10g}"


def citation(year: int | tuple[int, ...], ids) -> str:
    """出典： the publications of what a page shows of the 取組 ``ids``: their 取組計画 (担当課, 指標,
    目標値) and their 進捗 of the year or years (the departments' 進捗報告)."""
    ids, years = set(ids), {year} if isinstance(year, int) else set(year)
    plans, progress = load("initiative_plans"), load("initiative_progress")
    pubs = set(plans.loc[plans["id"].isin(ids), "publication"].dropna())
    pubs |= set(progress.loc[progress["id"].isin(ids) & progress["fiscal_year"].isin(years), "publication"].dropna())
    return "出典：" + "、".join(sorted(pubs))


def summary_page(ed: Edition, year: int, table: pd.DataFrame) -> str:
    counts = yearly.summary(table)
    total = int(counts["件数"].sum())
    lines = [f"# {NAME}{subtitle(year)}", ""]
    written = yearly.summary_text(year)
    if written:  # the planners' words, first, as cities place their 総括
        lines += ["## 総括", ""]
        for paragraph in written:
            lines += [esc(paragraph), ""]
    lines += ["## 評価の区分", ""]
    lines.append(list_table(["評価", "意味"], [[g, m] for g, m in GRADES.items()], [15, 85]))
    lines += ["", "## 評価別の取組数", ""]
    rows = [[g, f"{int(r.件数)}件", f"{r.割合:.1f}%"] for g, r in counts.iterrows()]
    rows.append(["計", f"{total}件", f"{100:.1f}%"])
    lines.append(list_table(["評価", "取組数", "割合"], rows, [30, 35, 35]))
    if abs(counts["割合"].sum() - 100) > 1e-9:
        lines += ["", "※割合は小数点以下第2位を四捨五入しているため、合計が100%にならない場合があります。"]
    cross = yearly.by_pillar(table)
    lines += ["", "## 重点取組別の評価", ""]
    lines.append(
        list_table(
            ["重点取組", *cross.columns],
            [[name, *(str(int(v)) for v in r)] for name, r in cross.iterrows()],
            [28, *([12] * len(cross.columns))],
        )
    )
    lines += [
        "",
        f"```{{figure}} {CHART}.*",
        f":alt: {chart_caption(year)}。表「重点取組別の評価」の件数を帯グラフで示したもの",
        "",
        chart_caption(year),
        "```",
        "",
        citation(year, table["ID"]),
    ]
    this, upto = yearly.effects(ed, year)
    if this is not None or upto is not None:
        first = Layout.of(ed).years[0]
        span = wareki_span(first, year, fiscal=True) if year > first else wareki(year, fiscal=True)
        lines += ["", "## 財政効果額", ""]
        lines.append(
            list_table(
                ["区分", "財政効果額（千円）"],
                [[wareki(year, fiscal=True), number(this) or "0"], [f"累計（{span}）", number(upto) or "0"]],
                [50, 50],
            )
        )
    missing = table[table["評価"] == yearly.NOT_REPORTED]
    if len(missing):
        lines += ["", f"## 未報告の取組（{len(missing)}件）", ""]
        lines.append(
            list_table(
                ["ID", "取組内容", "担当課"],
                [[r.ID, r.取組内容, r.担当課] for r in missing.itertuples()],
                [12, 60, 28],
                ids_first=True,
            )
        )
    lines += ["", citation(year, table["ID"])]
    return "\n".join(lines) + "\n"


def _indicator(r) -> str:
    if not yearly.returned(r.指標):
        return ""
    return f"{r.指標}（{r.単位}）" if yearly.returned(r.単位) else str(r.指標)


def _baseline(r) -> str:
    if not yearly.returned(r.基準値):
        return ""
    when = f"（{wareki(int(r.基準年度), fiscal=True)}）" if yearly.returned(r.基準年度) else ""
    return number(r.基準値) + when


def past(years: list[dict]) -> list[list[str]]:
    """The rows of a 取組's table that show its years so far (from the report's second year on)."""
    if len(years) < 2:
        return []
    label = {y["fiscal_year"]: wareki(y["fiscal_year"], fiscal=True) for y in years}
    actual = [
        f"{label[y['fiscal_year']]} {number(y['実績']) or '−'}（{number(y['目標']) or '−'}）"
        for y in years
        if yearly.returned(y["実績"]) or yearly.returned(y["目標"])
    ]
    grades = [f"{label[y['fiscal_year']]} {y['評価'] or yearly.NOT_REPORTED}" for y in years]
    return [["実績値の推移（目標値）", "、".join(actual)], ["評価の推移", "、".join(grades)]]


def pillar_page(pillar_no: int, table: pd.DataFrame, year: int, so_far: dict[str, list[dict]]) -> str:
    mine = table[table["pillar_no"] == pillar_no]
    lines = [f"# 重点取組{pillar_no}　{esc(mine['重点取組'].iloc[0])}"]
    for r in mine.itertuples():
        rate = DOWN if r.減少目標 else (f"{number(r.達成率, 1)}%" if yearly.returned(r.達成率) else "")
        lines += ["", f"## {r.ID}　{esc(r.取組内容)}", ""]
        lines.append(
            list_table(
                ["項目", "内容"],
                [
                    ["施策", r.施策],
                    ["担当課", r.担当課],
                    ["指標（単位）", _indicator(r)],
                    ["基準値（年度）", _baseline(r)],
                    [f"目標値（{wareki(year, fiscal=True)}）", number(r.目標)],
                    ["実績値", number(r.実績)],
                    ["達成率", rate],
                    ["評価", r.評価],
                    ["取組状況", r.取組状況 or ""],
                    ["財政効果額（千円）", number(r.財政効果額)],
                    ["次年度の方向性", r.次年度の方向性 or ""],
                    *past(so_far.get(r.ID, [])),
                ],
                [25, 75],
            )
        )
    lines += ["", citation(year, mine["ID"])]
    return "\n".join(lines) + "\n"


def period_page(ed: Edition) -> str:
    """The final year's page on the whole 推進期間: 評価 counts by year, 財政効果額 by year, and each
    取組's final 目標値 and 実績値 with its 評価 of every year."""
    years = Layout.of(ed).years
    counts, per = yearly.period_summary(ed)
    label = {y: wareki(y, fiscal=True) for y in years}
    lines = [f"# 推進期間の総括（{wareki_span(years[0], years[-1], fiscal=True)}）", "", "## 評価別の取組数の推移", ""]
    lines.append(
        list_table(
            ["年度", *counts.columns],
            [[label[y], *(f"{int(v)}件" for v in r)] for y, r in counts.iterrows()],
            [22, *([13] * len(counts.columns))],
        )
    )
    spent = [(y, *yearly.effects(ed, y)) for y in years]
    if any(this is not None for _, this, _ in spent):
        lines += ["", "## 財政効果額の推移", ""]
        lines.append(
            list_table(
                ["年度", "財政効果額（千円）", "累計（千円）"],
                [[label[y], number(this) or "0", number(upto) or "0"] for y, this, upto in spent],
                [34, 33, 33],
            )
        )
    lines += ["", "## 各取組の評価の推移", ""]
    short = {y: label[y].removesuffix("年度") for y in years}

    def with_unit(v, unit) -> str:
        return number(v) + (str(unit) if number(v) and yearly.returned(unit) else "")

    lines.append(  # (each 取組's 指標 and 担当課: its page of the 重点取組)
        list_table(
            ["ID", "取組内容", "目標値（最終年度）", "実績値（最終年度）", *short.values()],
            [
                [r.ID, r.取組内容, with_unit(r.最終目標値, r.単位), with_unit(r.最終実績値, r.単位)]
                + [r[y] for y in years]
                for _, r in per.iterrows()
            ],
            [7, 19, 12, 12, *([50 // len(years)] * len(years))],  # 「1,200手続」 fits, 「令和10」 and 「未報告」 too
            ids_first=True,
        )
    )
    lines += ["", citation(years, per["ID"])]
    return "\n".join(lines) + "\n"


def marked(role: str, value: str) -> str:
    """A value of a change marked as removed ({del}) or added ({ins}); 「（なし）」 is not a value."""
    if value in ("", None, NO_VALUE):
        return value or ""
    return Markup(f"{{{role}}}``{value}``")


def changes_page(table: pd.DataFrame) -> str | None:
    changes = yearly.plan_changes()
    if changes.empty:
        return None
    items = dict(zip(table["ID"], table["取組内容"]))
    rows = [
        [f"{r.id}　{items.get(r.id, '')}", r.item, marked("del", r.before), marked("ins", r.after), r.reason]
        for r in changes.itertuples()
    ]
    lines = ["# 取組計画の変更", ""]
    lines.append(list_table(["取組", "項目", "変更前", "変更後", "変更理由"], rows, [20, 26, 12, 12, 30]))
    pubs = sorted(set(changes["publication"].dropna()))
    lines += ["", "出典：" + "、".join(pubs)]
    return "\n".join(lines) + "\n"
