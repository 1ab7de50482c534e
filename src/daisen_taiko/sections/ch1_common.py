"""Helpers the 第1章 section modules share: a figure glued together with its 出典 and
未整備 lines, the draft's stated values, and small Japanese number forms."""

from __future__ import annotations

import pandas as pd

from .. import figures
from ..data import load, value
from ..sources import source_line
from ..text import glue_text

_KANJI = "一二三四五六七八九"


def publish_figure(name: str, fig, label: str, drawn: pd.DataFrame, used: pd.DataFrame,
                   missing: str | None = None) -> None:
    """Glue a figure as ``name``, its 出典 line as ``<name>_source`` (from the rows
    ``used``) and, when part of its data is missing, ``<name>_missing``."""
    figures.glue_figure(name, fig, label, drawn)
    glue_text(f"{name}_source", source_line(used))
    if missing:
        glue_text(f"{name}_missing", f"未整備：{missing}")


def statement(key: str) -> int:
    """A whole number the draft states (``data/draft_statements.csv``), e.g. a year."""
    v = value(load("draft_statements"), key=key)
    if v != int(v):
        raise ValueError(f"draft_statements: '{key}' is not a whole number: {v}")
    return int(v)


def kanji_number(n: int) -> str:
    """1〜9 as a kanji numeral, as the draft writes counts of plans (三次)."""
    if not 1 <= n <= len(_KANJI):
        raise ValueError(f"no kanji numeral for {n}")
    return _KANJI[n - 1]


def rows(df: pd.DataFrame, **match) -> pd.DataFrame:
    """The rows of ``df`` matching ``match`` (exactly one expected): for 出典 lines."""
    sel = df
    for k, v in match.items():
        sel = sel[sel[k] == v]
    if len(sel) != 1:
        raise LookupError(f"{df.attrs.get('file')}: expected one row for {match}, found {len(sel)}")
    return sel
