"""Reading and validating the CSV files in ``data/``.

Each file has a schema (``SCHEMAS``).  Reading accepts what planners really
produce — UTF-8 with or without BOM, Shift_JIS/CP932 from Excel, full-width
digits and separators, thousands separators, stray blanks, trailing empty lines,
和暦 in year columns — and normalises it in documented steps.  Anything it cannot
read unambiguously is reported in Japanese with file, row and column; all
problems of a file are reported together.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from . import project_root
from .era import western_from_wareki
from .errors import InputError, Problem, rel


# --------------------------------------------------------------------------- columns
@dataclass(frozen=True)
class Col:
    name: str
    kind: str = "text"            # text | int | float | year | date
    required: bool = False        # empty cell not allowed
    min: float | None = None
    max: float | None = None

    def describe(self) -> str:
        kinds = {"text": "文字列", "int": "整数", "float": "数値", "year": "西暦年（例 2024）または和暦（例 令和6年度）",
                 "date": "日付"}
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

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


SOURCE = Col("source", required=True)


def _percent_range(row: dict) -> str | None:
    v, unit = row.get("value"), row.get("unit")
    if v is not None and unit == "%" and not 0 <= v <= 100:
        return "単位が % の値は 0〜100 の範囲にしてください。"
    if v is not None and unit in ("人", "件", "世帯", "時間", "円", "種類", "分類", "項目") and v < 0:
        return f"単位が {unit} の値は 0 以上にしてください。"
    return None


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


_COMMON = (Col("value", "float"), Col("unit"), SOURCE, Col("confidence"), Col("note"))

SCHEMAS: dict[str, Schema] = {
    "population_census": Schema(
        (Col("year", "year", True, 1920, 2100), Col("area", required=True), Col("metric", required=True), *_COMMON),
        key=("year", "area", "metric"), row_check=_percent_range, description="国勢調査人口"),
    "population_resident_register": Schema(
        (Col("year", "year", True, 2005, 2100), Col("area", required=True), Col("metric", required=True), *_COMMON),
        key=("year", "area", "metric"), row_check=_percent_range, description="住民基本台帳人口"),
    "population_projection": Schema(
        (Col("target_year", "year", True, 2000, 2100), Col("area", required=True), Col("projection", required=True),
         Col("metric", required=True), *_COMMON),
        key=("target_year", "area", "projection", "metric"), description="将来推計人口"),
    "fiscal_indicators": Schema(
        (Col("fiscal_year", "year", True, 2005, 2100), Col("fiscal_year_jp"), Col("indicator", required=True),
         *_COMMON),
        key=("fiscal_year", "indicator"), row_check=_percent_range, description="財政指標"),
    "shisei_hyoka_yobodo": Schema(
        (Col("fiscal_year", "year", True, 2005, 2100), Col("fiscal_year_jp"), Col("item", required=True),
         Col("role", required=True), Col("value", "float", True, -4, 4), Col("unit"), SOURCE, Col("confidence"),
         Col("note")),
        key=("fiscal_year", "item"), description="市民による市政評価 要望度"),
    "shisei_hyoka_digital_usability": Schema(
        (Col("fiscal_year", "year", True, 2005, 2100), Col("fiscal_year_jp"), Col("question", required=True),
         Col("category", required=True), *_COMMON),
        key=("fiscal_year", "question", "category"), row_check=_percent_range, description="表2 利用しやすさ"),
    "shisei_hyoka_survey_meta": Schema(
        (Col("fiscal_year", "year", True, 2005, 2100), Col("fiscal_year_jp"), Col("survey", required=True),
         Col("metric", required=True), *_COMMON),
        key=("fiscal_year", "survey", "metric"), row_check=_percent_range, description="市政評価 調査概要"),
    "wellbeing_indicators": Schema(
        (Col("year", "year", False, 2015, 2100), Col("value_position_if_year_unknown", "int", False, 1, 10),
         Col("metric", required=True), Col("subjective_objective"), *_COMMON),
        key=("year", "value_position_if_year_unknown", "metric", "subjective_objective"),
        row_check=_percent_range, description="地域幸福度（Well-Being）指標"),
    "comprehensive_plan_survey_r6": Schema(
        (Col("question", required=True), Col("option", required=True), Col("rank", "int", False, 1, 100),
         *_COMMON),
        key=("question", "option"), row_check=_percent_range, description="第3次総合計画策定に向けたアンケート"),
    "reform_results_2020_2025": Schema(
        (Col("metric", required=True), Col("period"), *_COMMON),
        key=("metric",), row_check=_percent_range, description="これまでの取組の実績"),
    "plan_timeline": Schema(
        (Col("plan", required=True), Col("event", required=True), Col("value"), Col("unit"), Col("date"),
         Col("start"), Col("end"), SOURCE, Col("confidence"), Col("note")),
        key=("plan", "event"), description="計画の年表"),
    "earlier_plans_initiatives": Schema(
        (Col("table_row", "int", True, 1, 20), Col("track", required=True), Col("plans", required=True),
         Col("item_no", "int", True, 1, 50), Col("initiative", required=True), SOURCE, Col("confidence"),
         Col("note")),
        key=("track", "table_row", "item_no"), description="これまでの大綱等の主な取組（第1章1の表）"),
    "national_dx_policy": Schema(
        (Col("key", required=True), Col("event", required=True), Col("date", "date"), Col("year_basis"),
         *_COMMON),
        key=("key",), row_check=_dated_event, description="国のデジタル化・地方創生施策の年表（第1章3(3)）"),
    "initiative_structure": Schema(
        (Col("pillar_no", "int", True, 1, 20), Col("pillar", required=True), Col("area_no", "int", True, 1, 20),
         Col("area", required=True), Col("item_no", "int", True, 1, 20), Col("item", required=True),
         Col("owner"), Col("content"), Col("value"), Col("unit"), Col("schedule"), Col("target_kpi"), SOURCE,
         Col("confidence"), Col("note")),
        key=("pillar_no", "area_no", "item_no"), description="施策体系（重点取組・施策・取組内容）"),
    "initiative_areas": Schema(
        (Col("pillar_no", "int", True, 1, 20), Col("area_no", "int", True, 1, 20), Col("description", required=True),
         SOURCE, Col("note")),
        key=("pillar_no", "area_no"), description="施策の説明文（第3章）"),
    "plan_framework": Schema(
        (Col("block", required=True), Col("position", "int", True, 1, 99), Col("text", required=True), SOURCE,
         Col("note")),
        key=("block", "position"), description="体系図の現状と課題・基本方針・目指す方向性・視点"),
    "figure_catalog": Schema(
        (Col("figure", required=True), Col("title", required=True), Col("doc", required=True),
         Col("requirement", required=True), Col("file", required=True), Col("match"), Col("expect"), Col("filled"),
         Col("supply"), SOURCE, Col("note")),
        key=("figure", "requirement"), description="図表とデータの対応（データ整備状況）"),
    "glossary": Schema(
        (Col("section", required=True), Col("number", "int", True, 1, 99), Col("term", required=True),
         Col("explanation", required=True), SOURCE, Col("note")),
        key=("section", "term"), description="※注（用語解説）"),
    "draft_statements": Schema(
        (Col("key", required=True), Col("statement", required=True), *_COMMON),
        key=("key",), row_check=_percent_range, description="草案本文の記載値（データ系列が未整備のもの）"),
}


# --------------------------------------------------------------------------- reading
def data_dir() -> Path:
    """``data/``, or the edition's own folder (``data_dir`` in its parameter file)."""
    return project_root() / os.environ.get("DAISEN_DATA_DIR", "data")


def data_path(name: str) -> Path:
    return data_dir() / f"{name}.csv"


_ACCESS_LOG = "DAISEN_DATA_LOG"


def _log_access(path: Path) -> None:
    """Record which data files a notebook read (the build's execution cache keys on them)."""
    log = os.environ.get(_ACCESS_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(path.name + "\n")


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first, then CP932 (Excel 日本語 の CSV).

    Files that are not text CSV at all — an .xlsx saved under a .csv name, or
    Excel's 「Unicode テキスト」 (UTF-16) — are named as such."""
    if raw.startswith(b"PK\x03\x04"):
        raise InputError([Problem(name, "Excel ブック（xlsx）形式のまま保存されています。Excel の「名前を付けて保存」で"
                                  "「CSV UTF-8（コンマ区切り）」を選んで保存し直してください。")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem(name, "UTF-16（Excel の「Unicode テキスト」）で保存されています。"
                                  "「CSV UTF-8（コンマ区切り）」で保存し直してください。")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(name, "文字コードを判別できません。UTF-8（推奨）または Shift_JIS で保存してください。"
                                  f"（{exc.start + 1}バイト目）")])


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_number(text: str) -> float | None:
    """Normalise a planner-typed number.  Returns None when it is not one.

    Accepted: full-width digits and signs (NFKC), thousands separators in
    correct groups (``123,158``), ``▲``/``△`` as minus, surrounding blanks,
    a trailing ``%``.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace("−", "-").replace("－", "-")
    if s[:1] in ("▲", "△"):
        s = "-" + s[1:].strip()
    if s.endswith("%"):
        s = s[:-1].strip()
    if "," in s:
        if not _GROUPED.fullmatch(s):
            return None
        s = s.replace(",", "")
    if not _NUMBER.fullmatch(s):
        return None
    return float(s)


def _convert(col: Col, text: str) -> tuple[object, str | None]:
    if col.kind == "text" or col.kind == "date":
        return text, None
    if col.kind == "year":
        year = western_from_wareki(text)
        if year is None:
            num = parse_number(text)
            if num is None or num != int(num):
                return None, f"{col.describe()}を入力してください。"
            year = int(num)
        return year, None
    num = parse_number(text)
    if num is None:
        return None, f"{col.describe()}を入力してください（全角数字・桁区切りのカンマは可）。"
    if col.kind == "int":
        if num != int(num):
            return None, f"{col.describe()}を入力してください（小数は不可）。"
        num = int(num)
    return num, None


def read_table(path: Path, schema: Schema) -> pd.DataFrame:
    """Read and validate one CSV; raise InputError listing every problem."""
    name = rel(path)
    if not path.exists():
        raise InputError([Problem(name, "データファイルがありません。data/ に置いてください。")])
    text = decode(path.read_bytes(), name)
    if "\t" in text.splitlines()[0] if text else False:
        raise InputError([Problem(name, "区切り文字がタブになっています。カンマ区切り（CSV）で保存してください。", row=1)])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError([Problem(name, f"CSV として読めません（引用符の閉じ忘れなど）: {exc}", row=reader.line_num)])
    if not rows:
        raise InputError([Problem(name, "ファイルが空です。見出し行とデータ行が必要です。")])
    header = [unicodedata.normalize("NFKC", h).strip() for h in rows[0]]
    problems: list[Problem] = []
    expected = [c.name for c in schema.columns]
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected and h != ""]
    for c in missing:
        problems.append(Problem(name, f"列「{c}」がありません。見出し行は {','.join(expected)} です。", row=1, column=c))
    for h in unknown:
        problems.append(Problem(name, f"想定外の列「{h}」があります。見出しの綴りを確認してください。", row=1, column=h))
    dup = {h for h in header if header.count(h) > 1 and h}
    for h in dup:
        problems.append(Problem(name, f"列「{h}」が2回以上あります。", row=1, column=h))
    if problems:
        raise InputError(problems)

    records: list[dict] = []
    lines: list[int] = []
    seen: dict[tuple, int] = {}
    for lineno, cells in enumerate(rows[1:], start=2):
        if all(not c.strip() for c in cells):
            continue  # blank line (Excel often leaves some at the end)
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(Problem(name, f"列の数が見出し（{len(header)}列）より多くなっています。"
                                    "値の中のカンマは \"...\" で囲んでください。", row=lineno))
            continue
        cells = cells + [""] * (len(header) - len(cells))
        rec: dict = {}
        for h, raw in zip(header, cells):
            if h == "":
                continue
            col = schema.col(h)
            text = raw.strip().replace("\u3000", " ").strip()
            if text == "":
                if col.required:
                    problems.append(Problem(name, f"「{h}」が空です。{col.describe()}を入力してください。",
                                            row=lineno, column=h))
                rec[h] = None
                continue
            val, err = _convert(col, text)
            if err is None and isinstance(val, (int, float)) and not isinstance(val, bool):
                if (col.min is not None and val < col.min) or (col.max is not None and val > col.max):
                    err = f"値が範囲外です。{col.describe()}を入力してください。"
            if err:
                problems.append(Problem(name, err, row=lineno, column=h, value=raw))
            rec[h] = val
        if schema.row_check:
            msg = schema.row_check(rec)
            if msg:
                problems.append(Problem(name, msg, row=lineno, column="value", value=str(rec.get("value"))))
        if schema.key:
            k = tuple(rec.get(c) for c in schema.key)
            if k in seen:
                problems.append(Problem(name, f"{seen[k]}行目と同じ組み合わせ（{', '.join(schema.key)}）の行が重複しています。",
                                        row=lineno, column=schema.key[0]))
            else:
                seen[k] = lineno
        records.append(rec)
        lines.append(lineno)
    if not records and not problems:
        problems.append(Problem(name, "データ行がありません。見出し行の下に1行以上のデータを書いてください。", row=2))
    if problems:
        raise InputError(problems)
    df = pd.DataFrame.from_records(records, columns=expected)
    for col in schema.columns:
        if col.kind in ("int", "year"):
            df[col.name] = df[col.name].astype("Int64")
        elif col.kind == "float":
            df[col.name] = df[col.name].astype("Float64")
    df.attrs["file"] = name
    df.attrs["lines"] = lines
    return df


def load(name: str) -> pd.DataFrame:
    """Load ``data/<name>.csv`` with its schema (the one entry point notebooks use)."""
    if name not in SCHEMAS:
        raise KeyError(f"schema for data/{name}.csv is not defined")
    path = data_path(name)
    _log_access(path)
    return read_table(path, SCHEMAS[name])


def validate_all() -> list[str]:
    """Validate every data file; raise one InputError with the problems of all files."""
    problems: list[Problem] = []
    for name, schema in SCHEMAS.items():
        try:
            read_table(data_path(name), schema)
        except InputError as exc:
            problems.extend(exc.problems)
    extra = sorted(p.name for p in data_dir().glob("*.csv") if p.stem not in SCHEMAS)
    for fname in extra:
        problems.append(Problem(f"data/{fname}", "スキーマが定義されていないファイルです。"
                                "ファイル名の綴りを確認するか、開発担当にスキーマ追加を依頼してください。"))
    if problems:
        raise InputError(problems)
    return sorted(SCHEMAS)


def value(df: pd.DataFrame, **match) -> float:
    """The single ``value`` of the row matching ``match``; fail loudly otherwise."""
    sel = df
    for k, v in match.items():
        sel = sel[sel[k] == v]
    if len(sel) != 1:
        raise LookupError(f"{df.attrs.get('file')}: expected one row for {match}, found {len(sel)}")
    return sel["value"].iloc[0]
