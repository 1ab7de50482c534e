"""Schemas of the CSV files in ``data/``: their columns, keys and row checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Col:
    name: str
    kind: str = "text"  # text | int | float | year | date
    required: bool = False  # empty cell not allowed
    min: float | None = None
    max: float | None = None

    def describe(self) -> str:
        kinds = {
            "text": "文字列",
            "int": "整数",
            "float": "数値",
            "year": "西暦年（例 2024）または和暦（例 令和6年度）",
            "date": "日付",
        }
        text = kinds[self.kind]
        if self.min is not None and self.max is not None:
            text += f"（{self.min:g}〜{self.max:g}）"
        elif self.min is not None:
            text += f"（{self.min:g}以上）"
        return text


@dataclass(frozen=True)
class Schema:
    columns: tuple[Col, ...]
    key: tuple[str, ...] = ()
    row_check: Callable[[dict], str | None] | None = None
    description: str = ""
    optional: bool = False  # the file may be absent or hold only its header row (read as empty)
    citation_period: str | None = None  # year column that makes a recurring publication's （各年） in 出典 lines

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


# Where every value comes from, kept apart: the publication a 出典 line prints (publisher and
# title, e.g. 総務省「国勢調査」) and where the value was actually read (an address, a mirror and
# commit, or the lines of the draft).  Every schema ends with these columns.
PROVENANCE = (Col("publication", required=True), Col("retrieved_from", required=True), Col("confidence"), Col("note"))


def _percent_range(row: dict) -> str | None:
    v, unit = row.get("value"), row.get("unit")
    if v is not None and unit == "%" and not 0 <= v <= 100:
        return "単位が % の値は 0〜100 の範囲にしてください。"
    if v is not None and unit in ("人", "件", "世帯", "時間", "円", "種類", "分類", "項目") and v < 0:
        return f"単位が {unit} の値は 0 以上にしてください。"
    return None


# Ratios that may legitimately exceed 100%: 将来負担比率 (早期健全化基準 350%) and, in a bad year,
# 経常収支比率.  Upper bounds only catch a misplaced decimal point.
_FISCAL_MAX = {"将来負担比率": 1000.0, "経常収支比率": 200.0}


def _fiscal_range(row: dict) -> str | None:
    v, unit, upper = row.get("value"), row.get("unit"), _FISCAL_MAX.get(row.get("indicator"))
    if upper is not None and v is not None and unit == "%":
        if not 0 <= v <= upper:
            return f"{row.get('indicator')}（%）は 0〜{upper:g} の範囲にしてください。"
        return None
    return _percent_range(row)


def _dated_event(row: dict) -> str | None:
    """A policy event: ``date`` is YYYY, YYYY-MM or YYYY-MM-DD; it or ``value`` must be given."""
    date, basis = row.get("date"), row.get("year_basis")
    if date:
        import datetime as dt

        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
        try:
            ok = m is not None and bool(dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)))
        except ValueError:
            ok = False
        if not ok:
            return f"「date」は 2025、2025-06、2025-06-13 の形で入力してください（{date}）。"
    elif row.get("value") is None:
        return "「date」か「value」のどちらかを入力してください。"
    if basis not in (None, "年", "年度"):
        return f"「year_basis」は「年」か「年度」にしてください（{basis}）。"
    return None


_COMMON = (Col("value", "float"), Col("unit"), *PROVENANCE)

SCHEMAS: dict[str, Schema] = {
    "population_census": Schema(
        (Col("year", "year", True, 1920, 2100), Col("area", required=True), Col("metric", required=True), *_COMMON),
        key=("year", "area", "metric"),
        row_check=_percent_range,
        description="国勢調査人口",
        citation_period="year",
    ),
    "population_projection": Schema(
        (
            Col("target_year", "year", True, 2000, 2100),
            Col("area", required=True),
            Col("projection", required=True),
            Col("metric", required=True),
            *_COMMON,
        ),
        key=("target_year", "area", "projection", "metric"),
        description="将来推計人口",
    ),
    "fiscal_indicators": Schema(
        (Col("fiscal_year", "year", True, 2005, 2100), Col("indicator", required=True), *_COMMON),
        key=("fiscal_year", "indicator"),
        row_check=_fiscal_range,
        description="財政指標",
        citation_period="fiscal_year",
    ),
    "shisei_hyoka_yobodo": Schema(
        (
            Col("fiscal_year", "year", True, 2005, 2100),
            Col("item", required=True),
            Col("role", required=True),
            Col("value", "float", True, -4, 4),
            Col("unit"),
            *PROVENANCE,
        ),
        key=("fiscal_year", "item"),
        description="市民による市政評価 要望度",
        citation_period="fiscal_year",
    ),
    "shisei_hyoka_digital_usability": Schema(
        (
            Col("fiscal_year", "year", True, 2005, 2100),
            Col("question", required=True),
            Col("category", required=True),
            *_COMMON,
        ),
        key=("fiscal_year", "question", "category"),
        row_check=_percent_range,
        description="表2 利用しやすさ",
        citation_period="fiscal_year",
    ),
    "shisei_hyoka_survey_meta": Schema(
        (
            Col("fiscal_year", "year", True, 2005, 2100),
            Col("survey", required=True),
            Col("metric", required=True),
            *_COMMON,
        ),
        key=("fiscal_year", "survey", "metric"),
        row_check=_percent_range,
        description="市政評価 調査概要",
        citation_period="fiscal_year",
    ),
    "wellbeing_indicators": Schema(
        (
            Col("year", "year", False, 2015, 2100),
            Col("value_position_if_year_unknown", "int", False, 1, 10),
            Col("metric", required=True),
            Col("subjective_objective"),
            *_COMMON,
        ),
        key=("year", "value_position_if_year_unknown", "metric", "subjective_objective"),
        row_check=_percent_range,
        description="地域幸福度（Well-Being）指標",
        citation_period="year",
    ),
    "comprehensive_plan_survey_r6": Schema(
        (Col("question", required=True), Col("option", required=True), Col("rank", "int", False, 1, 100), *_COMMON),
        key=("question", "option"),
        row_check=_percent_range,
        description="第3次総合計画策定に向けたアンケート",
    ),
    "reform_results_2020_2025": Schema(
        (Col("metric", required=True), Col("period"), *_COMMON),
        key=("metric",),
        row_check=_percent_range,
        description="これまでの取組の実績",
    ),
    "plan_timeline": Schema(
        (
            Col("plan", required=True),
            Col("event", required=True),
            Col("value"),
            Col("unit"),
            Col("date"),
            Col("start"),
            Col("end"),
            *PROVENANCE,
        ),
        key=("plan", "event"),
        description="計画の年表",
    ),
    "earlier_plans_initiatives": Schema(
        (
            Col("table_row", "int", True, 1, 20),
            Col("track", required=True),
            Col("plans", required=True),
            Col("item_no", "int", True, 1, 50),
            Col("initiative", required=True),
            *PROVENANCE,
        ),
        key=("track", "table_row", "item_no"),
        description="これまでの大綱等の主な取組（第1章1の表）",
    ),
    "earlier_plans_periods": Schema(
        (Col("table_row", "int", True, 1, 20), Col("track", required=True), Col("cell", required=True), *PROVENANCE),
        key=("track", "table_row"),
        description="これまでの大綱等の主な取組（第1章1の表）の「実施期間」欄",
    ),
    "national_dx_policy": Schema(
        (Col("key", required=True), Col("event", required=True), Col("date", "date"), Col("year_basis"), *_COMMON),
        key=("key",),
        row_check=_dated_event,
        description="国のデジタル化・地方創生施策の年表（第1章3(3)）",
    ),
    "initiative_structure": Schema(
        (
            Col("pillar_no", "int", True, 1, 20),
            Col("pillar", required=True),
            Col("area_no", "int", True, 1, 20),
            Col("area", required=True),
            Col("item_no", "int", True, 1, 20),
            Col("item", required=True),
            *PROVENANCE,
        ),
        key=("pillar_no", "area_no", "item_no"),
        description="施策体系（重点取組・施策・取組内容）",
    ),
    "initiative_areas": Schema(
        (
            Col("pillar_no", "int", True, 1, 20),
            Col("area_no", "int", True, 1, 20),
            Col("description", required=True),
            *PROVENANCE,
        ),
        key=("pillar_no", "area_no"),
        description="施策の説明文（第3章）",
    ),
    "plan_framework": Schema(
        (Col("block", required=True), Col("position", "int", True, 1, 99), Col("text", required=True), *PROVENANCE),
        key=("block", "position"),
        description="体系図の現状と課題・基本方針・目指す方向性・視点",
    ),
    "glossary": Schema(
        (
            Col("section", required=True),
            Col("number", "int", True, 1, 99),
            Col("term", required=True),
            Col("explanation", required=True),
            *PROVENANCE,
        ),
        key=("section", "term"),
        description="※注（用語解説）",
    ),
    "draft_statements": Schema(
        (Col("key", required=True), Col("statement", required=True), *_COMMON),
        key=("key",),
        row_check=_percent_range,
        description="草案本文の記載値（データ系列が未整備のもの）",
    ),
}


# 取組計画 and 進捗 returned by the departments (``make intake``): their schemas live apart.
from .schema_plans import PLAN_SCHEMAS  # noqa: E402

SCHEMAS.update(PLAN_SCHEMAS)

# Corrections of evident slips in the draft (applied to the 大綱 only when approved).
from .schema_draft import DRAFT_SCHEMAS  # noqa: E402

SCHEMAS.update(DRAFT_SCHEMAS)
