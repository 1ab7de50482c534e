"""出典 lines built from the ``source`` column of the rows a figure or table uses."""

from __future__ import annotations

import re

import pandas as pd

SEED_LABEL = "大仙市「行政サービス改革・DX推進大綱（草案）」（令和7年12月）記載値"


def _split(source: str) -> list[str]:
    return [s.strip() for s in re.split(r"\s;\s|；", source) if s.strip()]


def readable(source: str) -> str:
    if source.startswith("seed:"):
        original = re.search(r"原典:\s*(.+)$", source)
        return SEED_LABEL + (f"（原典：{original.group(1)}）" if original else "")
    return source


def source_list(*frames: pd.DataFrame) -> list[str]:
    seen: list[str] = []
    for df in frames:
        for src in df["source"].dropna():
            for part in _split(str(src)):
                text = readable(part)
                if text not in seen:
                    seen.append(text)
    return seen


def source_line(*frames: pd.DataFrame) -> str:
    """``出典：A／B`` from the rows used (in first-seen order)."""
    return "出典：" + "／".join(source_list(*frames))
