"""第1章 4. 行政サービス改革大綱及びDX推進ビジョンの検証: the results and milestone years of the
行政サービス改革大綱 (``data/reform_results_2020_2025.csv``) and the plans' periods."""

from __future__ import annotations

import re

import pandas as pd

from daisen_taiko.kernel import api

COUNTS = {  # glue name → metric (counts, as the draft writes them: 85, 1,469 …)
    "online_procedures": "オンライン化した行政手続数",
    "opendata_categories": "オープンデータ公開 分類数",
    "opendata_kinds": "オープンデータ公開 データ種類数",
    "seal_documents": "押印等が必要だった行政手続き文書数(見直し対象)",
    "seal_abolished": "押印・署名の義務付けを廃止した文書数",
    "dx_staff": "DX推進人材育成プロジェクト参加若手職員数(累計)",
}
MILESTONES = {  # glue name → metric (a fiscal year)
    "convenience_store_fy": "証明書コンビニ交付 導入年度",
    "facility_booking_fy": "公共施設予約サービス 提供開始年度",
    "opendata_start_fy": "オープンデータ公開 開始年度",
    "counter_reform_fy": "窓口改革に係る検討会議 設置年度",
    "standardization_policy_fy": "自治体情報システム標準化 基本方針策定年度",
    "gov_cloud_fy": "ガバメントクラウド上への構築完了(見込み)年度",
    "dx_project_start_fy": "DX推進人材育成プロジェクト 開始年度",
    "children_dept_fy": "こども未来部 新設年度",
}
ASSET_INCOME = "市有資産活用・財産処分による累計収入額"


def results() -> pd.DataFrame:
    return api.load("reform_results_2020_2025")


def period(plan: str) -> tuple[int, int]:
    tl = api.load("plan_timeline")
    row = tl[(tl["plan"] == plan) & (tl["event"] == "推進期間")].iloc[0]
    return int(row["start"]), int(row["end"])


def fy_range(label: str) -> tuple[int, int]:
    """``R2-R6 (FY2020-2024)`` → (2020, 2024)."""
    m = re.search(r"FY(\d{4})-(\d{4})", label or "")
    if not m:
        raise ValueError(f"reform_results_2020_2025.csv: period without 'FY…-…': {label!r}")
    return int(m[1]), int(m[2])


def glue_prose() -> None:
    r = results()
    start, end = period("行政サービス改革大綱")
    api.text("service_reform_start_fy", api.wareki(start, fiscal=True))
    api.text("service_reform_end_fy", api.wareki(end, fiscal=True))
    api.text("service_reform_priorities", f"{int(api.statement('service_reform_priority_count'))}つ")
    tl = api.load("plan_timeline")
    adopted = tl[(tl["plan"] == "DX推進ビジョン(初版)") & (tl["event"] == "策定")]["date"].iloc[0]
    api.text("dx_vision_fy", api.wareki(api.fiscal_year_of(str(adopted)), fiscal=True))
    for name, metric in COUNTS.items():
        api.text(name, api.comma(float(api.value(r, metric=metric))))
    for name, metric in MILESTONES.items():
        api.text(name, api.wareki(int(api.value(r, metric=metric)), fiscal=True))
    row = r[r["metric"] == ASSET_INCOME].iloc[0]
    a, b = fy_range(row["period"])
    era_a, era_b = api.wareki(a, fiscal=True), api.wareki(b, fiscal=True)
    same_era = era_a[:2] == era_b[:2]
    api.text("asset_income_period", f"{era_a}から{era_b[2:] if same_era else era_b}")
    api.text("asset_income", api.man(float(row["value"])) + "円")
