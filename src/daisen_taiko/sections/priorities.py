"""第3章 重点取組: the plan structure 重点取組 → 施策 → 取組内容.

``data/initiative_structure.csv`` is the single source of the structure (one row
per 取組内容); ``data/initiative_areas.csv`` holds the description paragraph of
each 施策.  Every page that lists pillars, 施策 or 取組 (第2章 3. and 6., 第3章,
各種取組計画) reads them from here.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from ..data import load
from ..tables import _escape

KEY = ["pillar_no", "area_no", "item_no"]


def circled(n: int) -> str:
    """``1`` → ``①`` (the draft numbers 取組内容 with circled digits)."""
    if not 1 <= n <= 20:
        raise ValueError(f"no circled digit for {n}")
    return chr(0x2460 + n - 1)


def _unique_names(df: pd.DataFrame, keys: list[str], name: str) -> pd.DataFrame:
    """One name per key; a key spelled two ways in the CSV is an error."""
    names = df.groupby(keys, sort=True)[name].unique()
    bad = names[names.map(len) > 1]
    if not bad.empty:
        raise ValueError(f"data/initiative_structure.csv: {name} differs within {keys} = {list(bad.index)}")
    return names.map(lambda v: v[0]).reset_index()


def structure() -> pd.DataFrame:
    """All 取組内容 rows in plan order."""
    df = load("initiative_structure").sort_values(KEY).reset_index(drop=True)
    _unique_names(df, ["pillar_no"], "pillar")
    _unique_names(df, ["pillar_no", "area_no"], "area")
    return df


def pillars() -> pd.DataFrame:
    return _unique_names(structure(), ["pillar_no"], "pillar")


def areas() -> pd.DataFrame:
    """The 施策 with their description paragraph (every 施策 must have exactly one)."""
    names = _unique_names(structure(), ["pillar_no", "area_no"], "area")
    text = load("initiative_areas")
    merged = names.merge(text, on=["pillar_no", "area_no"], how="outer", indicator=True)
    odd = merged[merged["_merge"] != "both"]
    if not odd.empty:
        pairs = [f"{int(r.pillar_no)}-({int(r.area_no)})" for r in odd.itertuples()]
        raise ValueError("data/initiative_structure.csv and data/initiative_areas.csv disagree on the 施策 "
                         + ", ".join(pairs))
    return merged.drop(columns="_merge").sort_values(["pillar_no", "area_no"]).reset_index(drop=True)


def pillar_label(pillar_no: int, pillar: str) -> str:
    return f"{pillar_no}. {pillar}"


def area_label(area_no: int, area: str) -> str:
    return f"({area_no}) {area}"


def item_label(item_no: int, item: str) -> str:
    return f"{circled(item_no)}{item}"


def items(pillar_no: int, area_no: int) -> pd.DataFrame:
    df = structure()
    return df[(df["pillar_no"] == pillar_no) & (df["area_no"] == area_no)]


def area(pillar_no: int, area_no: int) -> Markdown:
    """The description paragraph of one 施策 and its 【取組内容】 list (an "out" cell under its heading)."""
    a = areas()
    row = a[(a["pillar_no"] == pillar_no) & (a["area_no"] == area_no)]
    if len(row) != 1:
        raise LookupError(f"no 施策 {pillar_no}-({area_no}) in data/initiative_areas.csv")
    lines = [f"- {_escape(item_label(int(r.item_no), r.item))}" for r in items(pillar_no, area_no).itertuples()]
    return Markdown(_escape(row["description"].iloc[0]) + "\n\n【取組内容】\n\n" + "\n".join(lines))


def counts() -> dict[str, int]:
    df = structure()
    return {"pillars": df["pillar_no"].nunique(), "areas": len(df[["pillar_no", "area_no"]].drop_duplicates()),
            "items": len(df)}
