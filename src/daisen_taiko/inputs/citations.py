"""出典 lines, printed from the ``publication`` of the rows a figure or table uses.

A 出典 line names publications only, in the form Japanese municipal plans use::

    出典：総務省「国勢調査」（各年）、国立社会保障・人口問題研究所「日本の地域別将来推計人口（令和5（2023）年推計）」

A recurring publication gets the period of the rows used, from the column its schema
names as ``citation_period``: one year （令和2年）, consecutive years （令和3〜7年度）,
otherwise （各年）/（各年度）.  Where each value was read (``retrieved_from``) never
appears here; it belongs to the 作業レポート and its downloads.  The draft itself is
never cited: a row whose publication is the draft cannot feed a 出典 line.
"""

from __future__ import annotations

import pandas as pd

from daisen_taiko.common.era import wareki_span
from daisen_taiko.inputs.data import SCHEMAS

DRAFT_TITLE = "行政サービス改革・DX推進大綱"


class CitationError(ValueError):
    """A 出典 line would cite the draft itself, or rows without a publication."""


def _period(years: list[int], fiscal: bool) -> str:
    ys = sorted(set(years))
    if not ys:
        return ""
    if ys == list(range(ys[0], ys[-1] + 1)):
        return f"（{wareki_span(ys[0], ys[-1], fiscal)}）"
    return "（各年度）" if fiscal else "（各年）"


def publications(*frames: pd.DataFrame) -> list[str]:
    """The publications of the rows of ``frames`` in first-seen order, each with its period."""
    order: list[str] = []
    years: dict[str, list[int]] = {}
    fiscal: dict[str, bool] = {}
    for df in frames:
        schema = SCHEMAS.get(df.attrs.get("name", ""))
        col = schema.citation_period if schema else None
        for _, row in df.iterrows():
            pub = row.get("publication")
            if pub is None or pd.isna(pub) or not str(pub).strip():
                raise CitationError(f"{df.attrs.get('file')}: a row without publication: {dict(row)}")
            pub = str(pub).strip()
            if DRAFT_TITLE in pub:
                raise CitationError(f"{df.attrs.get('file')}: 出典 lines never cite the draft itself ({pub})")
            if pub not in years:
                order.append(pub)
                years[pub] = []
            if col and pd.notna(row.get(col)):
                years[pub].append(int(row[col]))
                fiscal[pub] = col == "fiscal_year"
    return [pub + _period(years[pub], fiscal.get(pub, False)) for pub in order]


def source_line(*frames: pd.DataFrame) -> str:
    """``出典：A、B`` for the rows used."""
    pubs = publications(*frames)
    if not pubs:
        raise CitationError("no rows to cite")
    return "出典：" + "、".join(pubs)


def source_of(citation: str, frames: list[pd.DataFrame]) -> str:
    """The 出典 line printed under a figure or table whose registry ``citation`` is given: from
    the rows it draws (empty when the draft prints its own or it draws nothing)."""
    used = [df for df in frames if not df.empty]
    return source_line(*used) if citation == "rows" and used else ""
