"""データ整備状況: for every figure and table, which of the data it needs is in ``data/``.

The catalogue ``data/figure_catalog.csv`` has one row per requirement of a figure:

- ``file``: the data file (``data/<file>.csv``; it may not exist yet);
- ``match``: conditions ``;``-separated: ``col=value`` (or ``col=a|b``), ``col~text`` (contains), ``col=*`` (not empty);
- ``expect``: what must be there: empty = at least one row; ``all`` = every matching row;
  or ``;``-separated ``col=first..last[/step]`` / ``col=a|b|c``: one row for every combination;
- ``filled``: ``;``-separated columns that must be non-empty for a row to count (default ``value``);
- ``supply``: what the planner must supply while the requirement is not met.

A requirement is complete when every expected row is there, missing when none is,
partial otherwise; a figure is complete when all its requirements are, missing when
all are missing, partial otherwise.  Nothing here is typed per figure: the page is
generated from the catalogue and the data.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pandas as pd
from IPython.display import Markdown

from ..data import SCHEMAS, data_path, load
from ..era import wareki
from ..errors import InputError, Problem
from ..sources import source_line, source_list
from ..tables import _escape, table
from ..text import glue_text
from . import outline

LABELS = {"complete": "整備済み", "partial": "一部のみ", "missing": "未整備"}
SHOW_KEYS = 6


@dataclass
class Result:
    figure: str
    title: str
    doc: str
    requirement: str
    file: str
    expected: int
    present: int
    missing_keys: list[str]
    rows: pd.DataFrame          # the rows that count (for sources and the latest year)
    supply: str
    year: int | None = None     # latest year covered
    fiscal: bool = False        # ``year`` is a 年度

    @property
    def year_text(self) -> str:
        return wareki(self.year, fiscal=self.fiscal, western=True) if self.year else "—"

    @property
    def status(self) -> str:
        if self.expected and self.present == self.expected:
            return "complete"
        return "missing" if self.present == 0 else "partial"


@dataclass
class FigureStatus:
    figure: str
    title: str
    doc: str
    results: list[Result] = field(default_factory=list)

    @property
    def status(self) -> str:
        states = {r.status for r in self.results}
        return states.pop() if len(states) == 1 and states <= {"complete", "missing"} else "partial"

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(r.file for r in self.results))


# --------------------------------------------------------------------------- rules
def _bad(catalog: pd.DataFrame, i: int, column: str, message: str) -> InputError:
    line = catalog.attrs.get("lines", [None] * len(catalog))[i]
    return InputError([Problem("data/figure_catalog.csv", message, row=line, column=column,
                               value=str(catalog[column].iloc[i]))])


def _text(v) -> str:
    return "" if v is None or pd.isna(v) else str(v).strip()


def _parts(text) -> list[str]:
    return [p.strip() for p in _text(text).split(";") if p.strip()]


def year_column(name: str) -> str | None:
    return next((c.name for c in SCHEMAS[name].columns if c.kind == "year"), None)


def _norm(name: str, col: str, v) -> object:
    """Compare years and integers as numbers, everything else as text."""
    kinds = {c.name: c.kind for c in SCHEMAS[name].columns}
    if col not in kinds:
        raise KeyError(f"data/{name}.csv に列「{col}」はありません")
    kind = kinds[col]
    if kind in ("year", "int"):
        return int(v)
    return str(v)


def select(df: pd.DataFrame, name: str, match: str) -> pd.DataFrame:
    for cond in _parts(match):
        if "~" in cond and ("=" not in cond or cond.index("~") < cond.index("=")):
            col, text = (s.strip() for s in cond.split("~", 1))
            keep = [_text(v) != "" and text in _text(v) for v in df[col]]
        else:
            col, values = (s.strip() for s in cond.split("=", 1))
            if values == "*":
                keep = [_text(v) != "" for v in df[col]]
            else:
                wanted = {_norm(name, col, v) for v in values.split("|")}
                keep = [_text(v) != "" and _norm(name, col, v) in wanted for v in df[col]]
        df = df.loc[pd.Series(keep, index=df.index, dtype=bool)]
    return df


def expected_values(name: str, col: str, spec: str) -> list:
    if ".." in spec:
        first, rest = spec.split("..", 1)
        last, _, step = rest.partition("/")
        return list(range(int(first), int(last) + 1, int(step or 1)))
    return [_norm(name, col, v) for v in spec.split("|")]


def _key_text(name: str, cols: list[str], key: tuple) -> str:
    out = []
    for col, v in zip(cols, key):
        kind = SCHEMAS[name].col(col).kind
        out.append(f"{v}年度" if kind == "year" and "fiscal" in col else f"{v}年" if kind == "year" else str(v))
    return "・".join(out)


def latest_year(name: str, rows: pd.DataFrame) -> dict:
    col = year_column(name)
    if col is None or rows.empty or rows[col].dropna().empty:
        return {}
    return {"year": int(rows[col].dropna().max()), "fiscal": "fiscal" in col}


def evaluate(catalog: pd.DataFrame, i: int) -> Result:
    r = catalog.iloc[i]
    name = str(r["file"]).removesuffix(".csv").removeprefix("data/")
    base = dict(figure=r["figure"], title=r["title"], doc=r["doc"], requirement=r["requirement"],
                file=f"data/{name}.csv", supply=_text(r["supply"]))
    if name not in SCHEMAS or not data_path(name).exists():
        return Result(**base, expected=1, present=0, missing_keys=["データファイル未作成"], rows=pd.DataFrame())
    df = load(name)
    columns = set(df.columns)
    filled = _parts(r["filled"]) or (["value"] if "value" in columns else [])
    try:
        matched = select(df, name, r["match"])
        counted = select(matched, name, ";".join(f"{c}=*" for c in filled))
        expect = _text(r["expect"])
        if expect in ("", "all"):
            expected = len(matched) if expect == "all" else 1
            present = len(counted) if expect == "all" else min(1, len(counted))
            missing = [] if expected == present else [f"未入力 {expected - present}件"]
        else:
            specs = [p.split("=", 1) for p in _parts(expect)]
            cols = [c.strip() for c, _ in specs]
            keys = list(itertools.product(*(expected_values(name, c.strip(), s.strip()) for c, s in specs)))
            keyed = [None if any(pd.isna(v) for v in row) else tuple(_norm(name, c, v) for c, v in zip(cols, row))
                     for row in counted[cols].itertuples(index=False)]
            counted = counted.loc[pd.Series([k in keys for k in keyed], index=counted.index, dtype=bool)]
            have = set(keyed)
            expected, present = len(keys), sum(k in have for k in keys)
            missing = [_key_text(name, cols, k) for k in keys if k not in have]
    except (KeyError, ValueError) as exc:
        raise _bad(catalog, i, "match", f"判定の規則（match・expect・filled）を読めません: {exc}。"
                                        "列名と書式（例 year=2020..2050/5、metric=総人口）を確認してください。")
    return Result(**base, expected=expected, present=present, missing_keys=missing, rows=counted,
                  **latest_year(name, counted))


def catalog() -> pd.DataFrame:
    return load("figure_catalog")


def figure_statuses() -> list[FigureStatus]:
    cat = catalog()
    out: dict[str, FigureStatus] = {}
    for i in range(len(cat)):
        res = evaluate(cat, i)
        fs = out.setdefault(res.figure, FigureStatus(res.figure, res.title, res.doc))
        if (fs.title, fs.doc) != (res.title, res.doc):
            raise _bad(cat, i, "title", f"{res.figure} の題名・掲載ページ（title, doc）が他の行と異なります。")
        fs.results.append(res)
    return list(out.values())


# --------------------------------------------------------------------------- page
def latest(fs: FigureStatus) -> str:
    dated = [r for r in fs.results if r.year]
    return max(dated, key=lambda r: r.year).year_text if dated else "—"


def glue_summary() -> None:
    statuses = figure_statuses()
    counts = {k: sum(fs.status == k for fs in statuses) for k in LABELS}
    glue_text("status_total", f"{len(statuses)}点")
    for k, label in LABELS.items():
        glue_text(f"status_{k}", f"{counts[k]}点")


def summary_table() -> Markdown:
    statuses = figure_statuses()
    df = pd.DataFrame([{"図表": fs.figure, "題名": fs.title, "状況": LABELS[fs.status],
                        "データの最新の年（年度）": latest(fs)} for fs in statuses])
    note = ("状況は、data/figure_catalog.csv の判定の規則により、data/ の各データファイルから判定しています"
            "（各データの出典は図表ごとの詳細に示します）。")
    return table(df, None, None, source_line(catalog()), notes=[note], align="llll", widths=[12, 52, 12, 24])


def _missing_text(r: Result) -> str:
    if not r.missing_keys:
        return "—"
    keys = r.missing_keys
    if r.present == 0 and len(keys) > 1:
        return f"すべて（{len(keys)}件）"
    shown = "、".join(keys[:SHOW_KEYS])
    return shown + (f" ほか{len(keys) - SHOW_KEYS}件" if len(keys) > SHOW_KEYS else "")


def details() -> Markdown:
    out = []
    for fs in figure_statuses():
        out.append(f"### {_escape(fs.figure)} {_escape(fs.title)}（{LABELS[fs.status]}）")
        out.append(f"掲載箇所：{_escape(outline.place(fs.doc))}")
        df = pd.DataFrame([{"必要なデータ": r.requirement, "状況": LABELS[r.status],
                            "整備済み／必要": f"{r.present}／{r.expected}", "最新の年（年度）": r.year_text,
                            "不足": _missing_text(r)} for r in fs.results])
        sources = source_list(*[r.rows for r in fs.results if not r.rows.empty])
        used = "データの出典：" + ("／".join(sources) if sources else "なし（データ未整備）")
        out.append(table(df, None, None, used, align="lllll", widths=[32, 12, 11, 17, 28]).data)
        out.append("データファイル：" + _escape("、".join(fs.files)))
        todo = [f"- {_escape(r.requirement)}：{_escape(r.supply)}" for r in fs.results
                if r.status != "complete" and r.supply]
        if todo:
            out.append("市（企画担当）が補うべきデータ：\n\n" + "\n".join(todo))
    return Markdown("\n\n".join(out))
