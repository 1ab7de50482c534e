"""Schemas of the CSV files in ``data/``: their columns, keys and row checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Col:
    name: str
    kind: str = "text"  # text | int | float | year | date
    required: bool = False  # empty cell not allowed
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()  # the only values the book knows (a typo would drop the row unseen)
    hint: str | None = None  # what to write, in the planner's words (instead of the kind's name)
    private: bool = False  # kept in data/ for the planners only: no published file holds it (意見（原文）)

    def describe(self) -> str:
        if self.hint:
            return self.hint
        if self.choices:
            return "次のいずれか（" + "・".join(self.choices) + "）"
        kinds = {
            "text": "文字列",
            "int": "整数",
            "float": "数値",
            "year": "西暦年（例 2024）または和暦（例 令和6年度）",
            "date": "日付（例 2025-06-13、2025-06、令和7年6月13日）",
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
    row_check: Callable[[dict], tuple[str, str] | None] | None = None  # → (column, message)
    description: str = ""
    optional: bool = False  # the file may be absent or hold only its header row (read as empty)
    citation_period: str | None = None  # year column that makes a recurring publication's （各年） in 出典 lines
    # (column, file, its column): every value of the column must be one of that file's (e.g. a 担当課
    # of the 取組計画 one of the city's 課所室); checked by validate_all once both files read well
    refers: tuple[tuple[str, str, str], ...] = ()

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


# Where every value comes from, kept apart: the publication a 出典 line prints (publisher and
# title, e.g. 総務省「国勢調査」) and where the value was actually read (an address, a mirror and
# commit, or the lines of the draft).  Every schema ends with these columns.
PROVENANCE = (
    Col("publication", required=True, hint="出典の刊行物名（例 総務省「国勢調査」）"),
    Col("retrieved_from", required=True, hint="取得元（値を読み取った場所: URL、ファイル名、草案の行など）"),
    Col("confidence"),
    Col("note"),
)

# Values the sections select rows by: any other value (a typo) is refused, not silently left out.
FISCAL_INDICATORS = ("財政力指数", "経常収支比率", "実質公債費比率", "将来負担比率")
POPULATION_GROUPS = ("総人口", "年少人口（0〜14歳）", "生産年齢人口（15〜64歳）", "老年人口（65歳以上）")
YOBODO_ROLES = ("focus", "要望度最大", "要望度最小", "average")


def _percent_range(row: dict) -> tuple[str, str] | None:
    v, unit = row.get("value"), row.get("unit")
    if v is not None and unit == "%" and not 0 <= v <= 100:
        return "value", "単位が % の値は 0〜100 の範囲にしてください。"
    if v is not None and unit in ("人", "件", "世帯", "時間", "円", "種類", "分類", "項目") and v < 0:
        return "value", f"単位が {unit} の値は 0 以上にしてください。"
    return None


# Ratios that may legitimately exceed 100%: 将来負担比率 (早期健全化基準 350%) and, in a bad year,
# 経常収支比率.  Upper bounds only catch a misplaced decimal point.
_FISCAL_MAX = {"将来負担比率": 1000.0, "経常収支比率": 200.0}


def _fiscal_range(row: dict) -> tuple[str, str] | None:
    v, unit, upper = row.get("value"), row.get("unit"), _FISCAL_MAX.get(row.get("indicator"))
    if upper is not None and v is not None and unit == "%":
        if not 0 <= v <= upper:
            return "value", f"{row.get('indicator')}（%）は 0〜{upper:g} の範囲にしてください。"
        return None
    return _percent_range(row)


def _dated_event(row: dict) -> tuple[str, str] | None:
    """A policy event: ``date`` (checked as a date when read) or ``value`` must be given."""
    if row.get("date") is None and row.get("value") is None:
        return "date", "「date」か「value」のどちらかを入力してください。"
    if row.get("year_basis") not in (None, "年", "年度"):
        return "year_basis", "「year_basis」は「年」か「年度」にしてください。"
    return None


_COMMON = (Col("value", "float"), Col("unit"), *PROVENANCE)
FISCAL_YEAR = Col("fiscal_year", "year", True, 2005, 2100)


def _measured(*dims: Col, description: str, row_check=_percent_range, **kw) -> Schema:
    """A table of values: its dimension columns (the key unless given), then value, unit and provenance."""
    kw.setdefault("key", tuple(c.name for c in dims))
    return Schema((*dims, *_COMMON), row_check=row_check, description=description, **kw)


def _yearly(*dims: str | Col, description: str, **kw) -> Schema:
    """A table of values published every fiscal year (市政評価, 決算): 出典 lines say （各年）.
    A dimension given by name is a required text column."""
    cols = (d if isinstance(d, Col) else _needed(d) for d in dims)
    return _measured(FISCAL_YEAR, *cols, description=description, citation_period="fiscal_year", **kw)


def _records(*cols: Col, key: tuple[str, ...], description: str) -> Schema:
    """A table of text records (the draft's structure), each with its provenance."""
    return Schema((*cols, *PROVENANCE), key=key, description=description)


def _needed(name: str, kind: str = "text", low: float | None = None, high: float | None = None) -> Col:
    return Col(name, kind, True, low, high)


def _one_of(name: str, choices: tuple[str, ...]) -> Col:
    return Col(name, required=True, choices=choices)


def _number(name: str, high: int) -> Col:
    """A required counting number 1…high (a row, a position, the number of a 施策)."""
    return _needed(name, "int", 1, high)


def _texts(*names: str) -> tuple[Col, ...]:
    return tuple(_needed(name) for name in names)


def _numbered_within(group: str, number: str, *texts: str) -> tuple[Col, ...]:
    """Entries of a text list, numbered 1…99 within each group (a box of the 体系図, a ※ block)."""
    return (_needed(group), _number(number, 99), *_texts(*texts))


_PILLAR, _AREA = _number("pillar_no", 20), _number("area_no", 20)


SCHEMAS: dict[str, Schema] = {
    "population_census": _measured(
        _needed("year", "year", 1920, 2100),
        _needed("area"),
        _one_of("metric", POPULATION_GROUPS),
        description="国勢調査人口",
        citation_period="year",
    ),
    "population_projection": _measured(
        _needed("target_year", "year", 2000, 2100),
        _needed("area"),
        _needed("projection"),
        _one_of("metric", POPULATION_GROUPS),
        description="将来推計人口",
        row_check=None,
    ),
    "fiscal_indicators": _yearly(
        _one_of("indicator", FISCAL_INDICATORS), description="財政指標", row_check=_fiscal_range
    ),
    "shisei_hyoka_yobodo": Schema(
        (
            FISCAL_YEAR,
            _needed("item"),
            _one_of("role", YOBODO_ROLES),
            Col("value", "float", True, -4, 4),
            Col("unit"),
            *PROVENANCE,
        ),
        key=("fiscal_year", "item"),
        description="市民による市政評価 要望度",
        citation_period="fiscal_year",
    ),
    "shisei_hyoka_digital_usability": _yearly("question", "category", description="表2 利用しやすさ"),
    "shisei_hyoka_survey_meta": _yearly("survey", "metric", description="市政評価 調査概要"),
    "wellbeing_indicators": _measured(
        Col("year", "year", False, 2015, 2100),
        Col("value_position_if_year_unknown", "int", False, 1, 10),
        _needed("metric"),
        Col("subjective_objective"),
        description="地域幸福度（Well-Being）指標",
        citation_period="year",
    ),
    "comprehensive_plan_survey_r6": _measured(
        _needed("question"),
        _needed("option"),
        Col("rank", "int", False, 1, 100),
        key=("question", "option"),
        description="第3次総合計画策定に向けたアンケート",
    ),
    "reform_results_2020_2025": _measured(
        _needed("metric"), Col("period"), key=("metric",), description="これまでの取組の実績"
    ),
    "plan_timeline": _records(
        _needed("plan"),
        _needed("event"),
        Col("value"),
        Col("unit"),
        Col("date", "date"),
        Col("start"),
        Col("end"),
        key=("plan", "event"),
        description="計画の年表",
    ),
    "earlier_plans_initiatives": _records(
        _number("table_row", 20),
        *_texts("track", "plans"),
        _number("item_no", 50),
        _needed("initiative"),
        key=("track", "table_row", "item_no"),
        description="これまでの大綱等の主な取組（第1章1の表）",
    ),
    "earlier_plans_periods": _records(
        _number("table_row", 20),
        *_texts("track", "cell"),
        key=("track", "table_row"),
        description="これまでの大綱等の主な取組（第1章1の表）の「実施期間」欄",
    ),
    "national_dx_policy": _measured(
        _needed("key"),
        _needed("event"),
        Col("date", "date"),
        Col("year_basis"),
        key=("key",),
        row_check=_dated_event,
        description="国のデジタル化・地方創生施策の年表（第1章3(3)）",
    ),
    "initiative_structure": _records(
        _PILLAR,
        _needed("pillar"),
        _AREA,
        _needed("area"),
        _number("item_no", 20),
        _needed("item"),
        key=("pillar_no", "area_no", "item_no"),
        description="施策体系（重点取組・施策・取組内容）",
    ),
    "initiative_areas": _records(
        _PILLAR,
        _AREA,
        _needed("description"),
        key=("pillar_no", "area_no"),
        description="施策の説明文（第3章）",
    ),
    "plan_framework": _records(
        *_numbered_within("block", "position", "text"),
        key=("block", "position"),
        description="体系図の現状と課題・基本方針・目指す方向性・視点",
    ),
    "glossary": _records(
        *_numbered_within("section", "number", "term", "explanation"),
        key=("section", "term"),
        description="※注（用語解説）",
    ),
    "draft_statements": _measured(
        _needed("key"), _needed("statement"), key=("key",), description="草案本文の記載値（データ系列が未整備のもの）"
    ),
}


# 取組計画 and 進捗 returned by the departments (``make intake``): their schemas live apart.
from daisen_taiko.inputs.data.schema_plans import PLAN_SCHEMAS  # noqa: E402

SCHEMAS.update(PLAN_SCHEMAS)

# Corrections of evident slips in the draft (applied to the 大綱 only when approved).
from daisen_taiko.inputs.data.schema_draft import DRAFT_SCHEMAS  # noqa: E402

SCHEMAS.update(DRAFT_SCHEMAS)
