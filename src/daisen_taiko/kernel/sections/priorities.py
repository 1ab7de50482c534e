"""The plan structure 重点取組 → 施策 → 取組内容 (``data/initiative_structure.csv``, one row per
取組内容) with each 施策's description (``data/initiative_areas.csv``): 第2章 3 and 6, 第3章,
各種取組計画 and the departments' workbooks all read it from here."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.kernel import api

KEY = ["pillar_no", "area_no", "item_no"]


def structure() -> pd.DataFrame:
    return api.load("initiative_structure").sort_values(KEY).reset_index(drop=True)


def pillars() -> pd.DataFrame:
    return structure().drop_duplicates("pillar_no")[["pillar_no", "pillar"]].reset_index(drop=True)


def area(pillar_no: int, area_no: int, notes_block: str | None = None) -> None:
    """One 施策 of 第3章: its description and its 【取組内容】, as the draft sets them."""
    text = api.load("initiative_areas")
    desc = text[(text["pillar_no"] == pillar_no) & (text["area_no"] == area_no)]["description"].iloc[0]
    s = structure()
    items = s[(s["pillar_no"] == pillar_no) & (s["area_no"] == area_no)]
    lines = "\n\n".join(f"{api.circled(int(r.item_no))}{api.escape(r.item)}" for r in items.itertuples())
    api.markdown(f"{api.noted(desc, notes_block)}\n\n【取組内容】\n\n:::{{div}} items\n{lines}\n:::")


def area_heading_names() -> pd.DataFrame:
    """The 施策 names (for the test that the headings of 第3章 agree with the data)."""
    return structure().drop_duplicates(["pillar_no", "area_no"])[["pillar_no", "area_no", "area"]]
