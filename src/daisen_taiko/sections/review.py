"""第1章 4. 行政サービス改革大綱及びDX推進ビジョンの検証: the results and milestone
years of the 行政サービス改革大綱 (``data/reform_results_2020_2025.csv``)."""

from __future__ import annotations

import re

import pandas as pd

from ..data import load
from ..era import era_year, wareki, western_from_wareki
from ..text import comma, glue_text, man
from . import purpose
from .ch1_common import rows, statement

# glue name → metric of reform_results_2020_2025.csv
COUNTS = {
    "online_procedures": "オンライン化した行政手続数",
    "opendata_categories": "オープンデータ公開 分類数",
    "opendata_kinds": "オープンデータ公開 データ種類数",
    "seal_documents": "押印等が必要だった行政手続き文書数(見直し対象)",
    "seal_abolished": "押印・署名の義務付けを廃止した文書数",
}
MILESTONES = {
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
DX_STAFF = "DX推進人材育成プロジェクト参加若手職員数(累計)"


def results() -> pd.DataFrame:
    return load("reform_results_2020_2025")


def _row(df: pd.DataFrame, metric: str):
    return rows(df, metric=metric).iloc[0]


def fy_period(period: str) -> tuple[int, int]:
    """``R2-R6 (FY2020-2024)`` → (2020, 2024): the 和暦 range at the start of ``period``."""
    m = re.match(r"\s*(\S+?)\s*[-〜~]\s*(\S+)", period or "")
    years = (western_from_wareki(m[1]), western_from_wareki(m[2])) if m else (None, None)
    if None in years:
        raise ValueError(f"reform_results_2020_2025.csv: period is not a 和暦 range like R2-R6: {period!r}")
    return years


def fy_range_end(start: int, end: int) -> str:
    """The end of a 年度 range as the draft writes it after the start: ``6年度``
    within one era (令和2年度から6年度), the full label across eras."""
    if era_year(start, fiscal=True)[0] == era_year(end, fiscal=True)[0]:
        return wareki(end, fiscal=True).removeprefix(era_year(end, fiscal=True)[0])
    return wareki(end, fiscal=True)


def labels(df: pd.DataFrame) -> dict[str, str]:
    """Glue name → text of every quantity of section 4 that comes from the results file."""
    out = {}
    for name, metric in COUNTS.items():
        r = _row(df, metric)
        out[name] = f"{comma(float(r['value']))}{r['unit']}"
    for name, metric in MILESTONES.items():
        out[name] = wareki(int(_row(df, metric)["value"]), fiscal=True)
    income = _row(df, ASSET_INCOME)
    if income["unit"] != "円":
        raise ValueError(f"{ASSET_INCOME}: unit must be 円, is {income['unit']}")
    out["asset_income"] = man(float(income["value"])) + "円"
    start, end = fy_period(income["period"])
    out["asset_income_from"] = wareki(start, fiscal=True)
    out["asset_income_to"] = fy_range_end(start, end)
    staff = _row(df, DX_STAFF)
    if staff["unit"] != "人":
        raise ValueError(f"{DX_STAFF}: unit must be 人, is {staff['unit']}")
    out["dx_project_staff"] = f"{int(staff['value'])}名"   # the draft counts staff in 名
    return out


def glue_numbers() -> None:
    tl = purpose.timeline()
    (_, start, end), = purpose.periods(tl, purpose.SERVICE_REFORM)
    glue_text("service_reform_start_fy", wareki(start, fiscal=True))
    glue_text("service_reform_end_fy", wareki(end, fiscal=True))
    glue_text("dx_vision_fy", purpose.adopted_fy(tl, purpose.DX_VISION))
    glue_text("service_reform_priorities", str(statement("service_reform_priority_count")))
    for name, text in labels(results()).items():
        glue_text(name, text)
