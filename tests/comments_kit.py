"""Opinions of a パブリックコメント as DX推進課 would record them, for the tests only (plainly test
data, written only into copies of the project), and the workbook filled with them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

SHEET = "意見"
WORKBOOK = Path("_build") / "comments"


def opinion(no, receipt, received, method, submitter, place, summary, answer, response, **change):
    return {
        "意見番号": no,
        "受付番号": receipt,
        "受付日": received,
        "提出方法": method,
        "提出者区分": submitter,
        "該当箇所": place,
        "意見（原文）": f"【原文{no:02d}】{summary}についての意見です。",  # never to be published
        "意見の概要": summary,
        "分類": "DX" if no % 2 else "行政サービス",
        "市の考え方": answer,
        "対応": response,
        **change,
    }


# 12 opinions from 9 submitters (受付番号 1 and 5 and 8 sent two each); every 対応, two on the
# same place (第1章 1〔2〕), one 対象外, 受付番号 in full-width digits, a 受付日 as Excel saves a
# date typed into a cell formatted as a number (the day's serial, 46030 = 2026-01-08).
OPINIONS = [
    opinion(1, "１", dt.datetime(2026, 1, 9), "電子メール", "市民", "第1章 1〔2〕", "デジタル化の速さを書くべき", "ご意見を踏まえ修正します。", "A",
            修正前の文="社会全体のデジタル化が進み", 修正後の文="社会全体のデジタル化が急速に進み"),
    opinion(2, "１", dt.datetime(2026, 1, 9), "電子メール", "市民", "第1章 1〔2〕", "AIの活用例を示してほしい", "今後の参考とします。", "C"),
    opinion(3, "2", 46030, "郵送", "事業者", "全体", "市民の実感を強く書くべき", "ご意見を踏まえ修正します。", "A",
            修正箇所="第2章 1〔4〕", 修正前の文="市民サービスの向上を実感してもらえる行政",
            修正後の文="市民サービスの向上を一層実感してもらえる行政"),
    opinion(4, "3", "2026/1/12", "ファクス", "団体", "第1章 3 (1)〔2〕", "人口推計の説明がある", "既に記載しています。", "B"),
    opinion(5, "4", "令和8年1月13日", "持参", "市民", "全体", "除雪の要望", "案に対する意見ではありません。", "対象外"),
    opinion(6, "5", dt.datetime(2026, 1, 14), "意見箱", "市民", "第3章 3 （2）〔1〕", "紙の削減は不要", "案のとおりとします。", "D"),
    opinion(7, "5", dt.datetime(2026, 1, 14), "意見箱", "市民", "第1章 1〔1〕", "合併の経緯をもっと", "今後の参考とします。", "C"),
    opinion(8, "6", dt.datetime(2026, 1, 15), "電子申請", "その他", "第2章 2〔9〕", "協働の記述がある", "既に記載しています。", "B"),
    opinion(9, "7", dt.datetime(2026, 1, 16), "電子メール", "事業者", "各種取組計画〔1〕", "取組計画を公開してほしい", "今後の参考とします。", "C"),
    opinion(10, "8", dt.datetime(2026, 1, 20), "郵送", "市民", "第1章 5〔2〕", "窓口を減らさないで", "案のとおりとします。", "D"),
    opinion(11, "8", dt.datetime(2026, 1, 20), "郵送", "市民", "第1章 4 (1)〔3〕", "オープンデータの記載がある", "既に記載しています。", "B"),
    opinion(12, "9", dt.datetime(2026, 1, 23), "電子メール", "団体", "第3章 1 (2)〔3〕", "ワンストップ窓口の時期", "今後の参考とします。", "C"),
]  # fmt: skip


def fill(template: Path, out: Path, rows: list[dict], extra_columns: dict[str, str] | None = None) -> Path:
    """The template with ``rows`` written in their 意見番号's row; ``extra_columns``: headings
    added after the last column (a column a planner should not have added)."""
    wb = load_workbook(template)
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[1]}
    for heading in extra_columns or {}:
        col[heading] = ws.max_column + 1
        ws.cell(1, col[heading], heading)
    for r in rows:
        for heading, value in {**r, **{h: v for h, v in (extra_columns or {}).items()}}.items():
            if heading != "意見番号":
                ws.cell(int(r["意見番号"]) + 1, col[heading], value)
    wb.save(out)
    return out
