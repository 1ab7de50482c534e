"""The data of one year's 推進状況報告書 as a CSV beside its web edition (出典 only: public)."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.common.era import wareki
from daisen_taiko.documents.progress.pages import DOWN, NAME, subtitle
from daisen_taiko.plans import yearly

# The download: one row per 取組, the year table's columns as the pages head them; 出典 only (public).
DATA_COLUMNS = {
    "ID": "ID",
    "重点取組": "重点取組",
    "施策": "施策",
    "取組内容": "取組内容",
    "担当課": "担当課",
    "指標": "指標",
    "単位": "単位",
    "基準値": "基準値",
    "基準年度": "基準年度",
    "目標": "目標値",
    "実績": "実績値",
    "達成率": "達成率（%）",
    "評価": "評価",
    "取組状況": "取組状況",
    "財政効果額": "財政効果額（千円）",
    "次年度の方向性": "次年度の方向性",
}


def data_file(year: int, table: pd.DataFrame) -> tuple[str, bytes]:
    """The year's table as a CSV (name, bytes): what the pages show, with each row's 出典."""
    from daisen_taiko.common.records import PUBLICATION, Figure
    from daisen_taiko.documents.downloads import csv_bytes

    def cell(v):
        if not yearly.returned(v):
            return None
        return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)

    columns = [*DATA_COLUMNS.values(), "備考", PUBLICATION]
    rows = [
        [
            *(cell(r[c]) for c in DATA_COLUMNS),
            DOWN if r["減少目標"] else None,
            cell(r["出典"]),
        ]
        for _, r in table.iterrows()
    ]
    for row in rows:  # a year is a fiscal year as the pages write it
        j = columns.index("基準年度")
        row[j] = wareki(int(row[j]), fiscal=True) if row[j] is not None else None
    record = Figure("progress", "table", f"{NAME}{subtitle(year)}", "rows", columns, rows, [], False)
    return f"suishin-jokyo-{year}.csv", csv_bytes(record, f"{wareki(year, fiscal=True)}実績")
