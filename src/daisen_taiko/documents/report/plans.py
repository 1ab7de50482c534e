"""取組計画の提出状況と進捗: which 取組 still lack a 取組計画 or a yearly 進捗 (with the 担当課 to
ask), and the 進捗 returned so far — 目標, 実績, 達成率, 評価 — with one chart per 重点取組."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.common.style import figure_files
from daisen_taiko.documents.report.common import Page, list_table
from daisen_taiko.inputs.data.schema_plans import GRADES
from daisen_taiko.inputs.params import Edition
from daisen_taiko.plans import Layout, departments, fy_label, yearly
from daisen_taiko.plans.views import missing_returns, progress_chart, progress_table


def _num(v) -> str:
    return "" if v is None or pd.isna(v) else f"{float(v):,.1f}".removesuffix(".0")


def progress_report(ed: Edition) -> list[str]:
    """What the 推進状況報告書 awaits: the year it reports (or, with no returns, the first year of the
    推進期間, for which nothing is published yet) and the 評価 not returned for it, by 担当課."""
    year = yearly.report_year(ed)
    shown = year or Layout.of(ed).years[0]
    table = yearly.year_table(ed, shown)
    waiting = table[table["評価"] == yearly.NOT_REPORTED]
    label = fy_label(shown)
    lines = ["", "## 推進状況報告書", ""]
    if year is None:
        lines.append(
            f"実績値・評価が返送された年度がないため、推進状況報告書は作成していません（公開するものはありません）。"
            f"{label}の進捗（実績値・評価）の返送を待っている取組は次のとおりです（{len(waiting)}件）。"
        )
    else:
        lines.append(
            f"{label}実績の推進状況報告書を作成しました。評価が返送されていない取組（{len(waiting)}件）は、"
            "報告書に「未報告」として載ります。"
        )
        if not yearly.summary_text(year):
            lines.append(
                f"{label}の総括が data/progress_summary.csv にありません。書くと報告書の最初に「総括」として載ります"
                "（列は data/SOURCES.md）。"
            )
    if len(waiting):
        by_dept = waiting.groupby("担当課", sort=True)["ID"].apply(list)
        lines += [
            "",
            list_table(
                ["担当課（取組数）", "取組（ID）"],  # no narrow column: a phone would wrap its heading
                [[f"{dept}（{len(ids)}件）", "、".join(ids)] for dept, ids in by_dept.items()],
                [30, 70],
            ),
        ]
    if year is not None:
        found = yearly.inconsistencies(ed, year)
        if len(found):
            lines += [
                "",
                f"### 公表の前に担当課に確認すること（{len(found)}件）",
                "",
                list_table(
                    ["ID", "取組内容", "担当課", "確認すること"],
                    [[r.ID, r.取組内容, r.担当課, r.確認すること] for r in found.itertuples()],
                    [10, 28, 16, 46],
                    ids_first=True,
                ),
            ]
    return lines


def page(ed: Edition) -> Page:
    missing = missing_returns(ed)
    table = progress_table(ed)
    reported = table[table["実績"].notna() | table["評価"].notna()]
    lines = [
        "# 取組計画の提出状況と進捗",
        "",
        "各課から返送された「取組計画_記入用.xlsx」（make intake-template で作成、make intake で取込み）の状況です。",
    ]
    if not missing.empty:
        lines += [
            "",
            f"## 未提出の取組（{len(missing)}件）",
            "",
            "担当課が未定の取組は、行革推進チームを通じて担当課を確認してください。",
            "",
            list_table(
                ["ID", "取組内容", "担当課", "未提出"],
                [[r.ID, r.取組内容, r.担当課, r.未提出] for r in missing.itertuples()],
                [10, 45, 18, 27],
                ids_first=True,
            ),
        ]
    to_confirm = departments.unconfirmed()
    if to_confirm:
        lines += [
            "",
            f"## 課所室名の確認（{departments.KEEPER}、{len(to_confirm)}件）",
            "",
            f"返送されたブックの担当課は {departments.FILE} の課所室名と照らし合わせます（全角・半角と空白はそろえます）。"
            f"次の名前は市の組織の資料で確かめられていません。{departments.KEEPER}に確認を依頼し、確かめたら出典"
            "（publication・retrieved_from）を直して confidence を「confirmed (確認した課 日付)」に書き換えてください。"
            "一覧にない課所室が担当するときは、同じく出典とともに追加してください。",
            "",
            list_table(["課所室名", "いまの出典"], [[n, p] for n, p in to_confirm], [30, 70]),
        ]
    lines += progress_report(ed)
    files: dict[str, bytes] = {}
    if not reported.empty:
        scale = "、".join(f"{g}：{meaning}" for g, meaning in GRADES.items())
        lines += [
            "",
            f"## 進捗（{len(reported)}件）",
            "",
            f"評価の区分　{scale}。達成率は実績÷目標×100（目標が数値のときのみ）。",
            "",
            list_table(
                ["取組内容", "年度", "目標", "実績", "達成率（%）", "評価"],
                [
                    [r.取組内容, r.年度, _num(r.目標), _num(r.実績), _num(r.達成率), r.評価 or ""]
                    for r in reported.itertuples()
                ],
                [38, 16, 12, 12, 12, 10],  # 年度 wide enough for 「令和12年度」 (never broken)
            ),
        ]
        for pillar_no in sorted(set(int(i.split("-")[0]) for i in reported["ID"])):
            svg, pdf = figure_files(progress_chart(ed, pillar_no))
            files[f"figures/progress-{pillar_no}.svg"], files[f"figures/progress-{pillar_no}.pdf"] = svg, pdf
            lines += [
                "",
                f"```{{figure}} figures/progress-{pillar_no}.*",
                f":alt: 重点取組{pillar_no}の取組の評価の件数（年度別）",
                "```",
            ]
    summary = f"未提出 {len(missing)}件、進捗の報告 {len(reported)}件"
    return Page("plans", "\n".join(lines) + "\n", summary, files)
