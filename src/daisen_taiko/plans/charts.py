"""Charts of the returned 取組計画 and 進捗 (house style of :mod:`daisen_taiko.common.style`).

Deterministic: drawn only from the tables given (no dates, no randomness), A4 text width.
"""

from __future__ import annotations

import matplotlib_fontja
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from daisen_taiko.common import style
from daisen_taiko.plans import GRADES, NOT_PLANNED, fy_label
from daisen_taiko.plans.views import NOT_REPORTED, UNSET

PHASE_STYLE = {  # phase → (fill, text colour); Okabe–Ito colours
    "検討": ("#56B4E9", "black"),
    "準備": ("#E69F00", "black"),
    "実施": ("#0072B2", "white"),
    "拡充": ("#009E73", "black"),  # white on this green is 3.4:1, black 6.2:1
    "継続": ("#CC79A7", "black"),
    "—": ("white", "#666666"),
    UNSET: ("#F4F4F4", "#666666"),
}
GRADE_COLOURS = {"A": "#009E73", "B": "#56B4E9", "C": "#E69F00", "D": "#D55E00", NOT_REPORTED: "#D9D9D9"}


def _new(height: float):
    fig, ax = style.new(height=height)
    matplotlib_fontja.japanize()
    return fig, ax


def schedule_chart(overview: pd.DataFrame, years: tuple[int, ...]):
    """Rows: the 取組 grouped under their 重点取組; columns: the fiscal years; each cell the phase.

    ``overview`` is :func:`daisen_taiko.intake.views.plan_overview`.  A 取組 without a
    returned 計画 is one dashed bar labelled 未策定.
    """
    labels, kinds = [], []
    for pillar, group in overview.groupby(overview["ID"].str.split("-").str[0].astype(int), sort=True):
        labels.append(f"{pillar}　{group['重点取組'].iloc[0]}")
        kinds.append(None)
        for r in group.to_dict("records"):
            labels.append(f"{r['ID']}　{r['取組内容']}")
            kinds.append(r)
    n = len(labels)
    fig, ax = _new(0.9 + 0.2 * n)
    first, span = years[0], len(years)
    for i, row in enumerate(kinds):
        if row is None:
            ax.axhspan(i - 0.5, i + 0.5, color="#E8EEF4", lw=0)
            ax.text(
                first + 0.04, i, f"重点取組{labels[i]}", ha="left", va="center", fontsize=style.LABEL, color="#1F4E79"
            )
            continue
        phases = [row[fy_label(y)] for y in years]
        if all(p == NOT_PLANNED for p in phases):
            ax.barh(
                i, span - 0.08, left=first + 0.04, height=0.7, color="#F4F4F4", edgecolor="#B0B0B0", lw=0.6, ls="--"
            )
            ax.text(first + span / 2, i, NOT_PLANNED, ha="center", va="center", fontsize=style.SMALL, color="#B00020")
            continue
        for k, phase in enumerate(phases):
            fill, ink = PHASE_STYLE.get(phase, ("#BBBBBB", "black"))
            ax.barh(i, 0.92, left=first + k + 0.04, height=0.7, color=fill, edgecolor="#B0B0B0", lw=0.4)
            ax.text(first + k + 0.5, i, phase, ha="center", va="center", fontsize=style.SMALL, color=ink)
    ax.set_xlim(first, first + span)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xticks([y + 0.5 for y in years], [f"{fy_label(y)}\n({y})" for y in years], fontsize=style.LABEL)
    ax.xaxis.set_ticks_position("top")
    ax.set_yticks(range(n), ["" if k is None else t for t, k in zip(labels, kinds)], fontsize=style.SMALL)
    ax.grid(False)
    ax.tick_params(length=0)
    ax.spines[["left", "bottom"]].set_visible(False)
    names = {"—": "—（取組なし）", UNSET: f"{UNSET}（計画に記載なし）"}
    handles = [Patch(facecolor=f, edgecolor="#B0B0B0", label=names.get(p, p)) for p, (f, _) in PHASE_STYLE.items()]
    handles.append(Patch(facecolor="#F4F4F4", edgecolor="#B0B0B0", ls="--", label=f"{NOT_PLANNED}（計画の提出前）"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.005), ncol=4, fontsize=style.SMALL)
    return fig


def progress_chart(table: pd.DataFrame, pillar_no: int, pillar: str, years: tuple[int, ...]):
    """Stacked bars: per fiscal year, how many 取組 of the 重点取組 were rated A, B, C, D or not yet.

    ``table`` is the part of :func:`daisen_taiko.intake.views.progress_table` for the 重点取組.
    """
    fig, ax = _new(2.8)
    n_items = table["ID"].nunique()
    xs = list(range(len(years)))
    bottom = [0] * len(years)
    for grade, colour in GRADE_COLOURS.items():
        counts = []
        for y in years:
            rated = table.loc[table["fiscal_year"] == y, "評価"]
            counts.append(int(rated.isna().sum()) if grade == NOT_REPORTED else int((rated == grade).sum()))
        label = grade if grade == NOT_REPORTED else f"{grade} {GRADES[grade]}"
        ax.bar(xs, counts, bottom=bottom, color=colour, width=0.6, label=label, edgecolor="white", lw=0.5)
        for x, c, b in zip(xs, counts, bottom):
            if c:
                ax.text(x, b + c / 2, str(c), ha="center", va="center", fontsize=style.LABEL)
        bottom = [b + c for b, c in zip(bottom, counts)]
    ax.set_xticks(xs, [f"{fy_label(y)}\n({y})" for y in years], fontsize=style.LABEL)
    ax.set_ylim(0, max(n_items, 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("取組数")
    ax.set_title(f"重点取組{pillar_no}　{pillar}（取組{n_items}件）", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=style.SMALL)
    if table["評価"].notna().sum() == 0:
        style.note_in_axes(ax, "進捗（評価）はまだ報告されていません")
    return fig


def grades_by_pillar_chart(cross: pd.DataFrame):
    """Stacked horizontal bars: per 重点取組 (top to bottom in plan order), how many of its 取組
    were rated A, B, C, D or not reported in one year, each part labelled with its count.

    ``cross`` is :func:`daisen_taiko.plans.yearly.by_pillar` (rows: 重点取組; columns: the grades,
    未報告 and 計).
    """
    fig, ax = _new(0.9 + 0.45 * len(cross))
    names = [f"{k}　{name}" for k, name in enumerate(cross.index, start=1)]
    left = [0] * len(cross)
    for grade, colour in GRADE_COLOURS.items():
        counts = [int(v) for v in cross[grade]]
        label = grade if grade == NOT_REPORTED else f"{grade} {GRADES[grade]}"
        ax.barh(range(len(cross)), counts, left=left, color=colour, height=0.6, label=label, edgecolor="white", lw=0.5)
        for i, (c, b) in enumerate(zip(counts, left)):
            if c:
                ax.text(b + c / 2, i, str(c), ha="center", va="center", fontsize=style.LABEL)
        left = [b + c for b, c in zip(left, counts)]
    ax.set_yticks(range(len(cross)), names, fontsize=style.LABEL)
    ax.set_ylim(len(cross) - 0.5, -0.5)
    ax.set_xlim(0, max(left, default=1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("取組数")
    ax.grid(axis="y", visible=False)
    fig.legend(loc="outside lower center", ncol=3, fontsize=style.SMALL)
    return fig
