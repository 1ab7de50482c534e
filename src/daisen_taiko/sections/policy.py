"""第2章 基本方針及び推進体制: the quantities of 3. 構成と期間 and the 体系図 of 6.

The 体系図 is drawn from ``data/plan_framework.csv`` (現状と課題, 必要性, 基本方針, 目指す方向性,
視点) and the 重点取組 of ``data/initiative_structure.csv``.  Text inside boxes breaks between
phrases (BudouX), never inside a word.  The draft gives the diagram no number."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from matplotlib.patches import FancyArrow, FancyBboxPatch

from .. import api
from ..params import Edition
from . import priorities


def block(name: str) -> list[str]:
    df = api.load("plan_framework")
    return df[df["block"] == name].sort_values("position")["text"].tolist()


def glue_structure_period(ed: Edition) -> None:
    p = priorities.pillars()
    api.text("pillar_names", "、".join(f"「{name}」" for name in p["pillar"]))
    api.text("pillar_count", f"{len(p)}つ")
    api.text("plan_period", f"{api.wareki(ed.plan_start, fiscal=True)}から{api.wareki(ed.plan_end, fiscal=True)}"
                            f"までの{ed.plan_years}年間")


# --------------------------------------------------------------------------- 体系図
@lru_cache(maxsize=1)
def _parser():
    import budoux

    return budoux.load_default_japanese_parser()


def width_em(text: str) -> float:
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text)


def wrap(text: str, width_in: float, size: float) -> list[str]:
    """Lines of at most ``width_in`` inches at ``size`` points, broken between phrases (BudouX)."""
    limit = width_in * 72 / size / 1.03
    lines, cur = [], ""
    for phrase in _parser().parse(text):
        if cur and width_em(cur + phrase) > limit:
            lines.append(cur)
            cur = ""
        cur += phrase
    return lines + ([cur] if cur else [])


def line_height(size: float) -> float:
    return size * 1.45 / 72


@dataclass
class Sheet:
    """Boxes and text laid out top-down in inches, then drawn on one axes."""

    width: float = 6.3
    y: float = 0.0
    ops: list = field(default_factory=list)
    drawn: list = field(default_factory=list)

    def box(self, x, top, w, h, edge, fill, lw=1.0):
        self.ops.append(("box", x, top, w, h, edge, fill, lw))

    def text(self, x, top, lines, size, ha="left", color="black"):
        self.ops.append(("text", x, top, lines, size, ha, color))
        return len(lines) * line_height(size)

    def arrow(self, top, length=0.22):
        self.ops.append(("arrow", top, length))
        self.y = top + length + 0.06

    def render(self):
        height = self.y + 0.05
        fig, ax = api.new(height=height)
        fig.set_layout_engine("none")
        ax.set_position((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, self.width)
        ax.set_ylim(height, 0)
        boxes = sorted((op for op in self.ops if op[0] == "box"), key=lambda op: -op[3] * op[4])
        for z, (_, x, top, w, h, edge, fill, lw) in enumerate(boxes):
            ax.add_patch(FancyBboxPatch((x, top), w, h, boxstyle="round,pad=0,rounding_size=0.06", ec=edge, fc=fill,
                                        lw=lw, zorder=1 + z * 0.01))
        for op in self.ops:
            if op[0] == "text":
                _, x, top, lines, size, ha, color = op
                for i, line in enumerate(lines):
                    ax.text(x, top + (i + 0.5) * line_height(size), line, fontsize=size, ha=ha, va="center",
                            color=color, zorder=3)
            elif op[0] == "arrow":
                _, top, length = op
                ax.add_patch(FancyArrow(self.width / 2, top, 0, length, width=0.16, head_width=0.42,
                                        head_length=length * 0.55, length_includes_head=True, color="#B0B0B0", lw=0))
        return fig


HEAD, BODY, PAD = 9.5, 8.4, 0.08


def _bullets(s: Sheet, part: str, texts: list[str], x: float, top: float, w: float, size: float) -> float:
    h = 0.0
    for i, t in enumerate(texts, 1):
        lines = wrap("・" + t, w, size)
        h += s.text(x, top + h, lines[:1] + ["\u3000" + ln for ln in lines[1:]], size)
        s.drawn.append((part, i, t))
    return h


def _titled(s: Sheet, title: str, edge: str, fill: str, body) -> None:
    top = s.y
    head = s.text(PAD * 2, top + PAD, [f"【{title}】"], HEAD, color=edge)
    h = body(top + PAD + head + 0.03)
    s.box(0.02, top, s.width - 0.04, PAD * 2 + head + 0.03 + h, edge, fill)
    s.y = top + PAD * 2 + head + 0.03 + h


def framework() -> api.Drawn:
    s = Sheet()
    inner = s.width - 4 * PAD
    issues = block("現状と課題")
    half = (len(issues) + 1) // 2

    def issues_body(top):
        col = inner / 2
        left = _bullets(s, "現状と課題", issues[:half], PAD * 2, top, col - PAD, BODY)
        return max(left, _bullets(s, "現状と課題", issues[half:], PAD * 2 + col, top, col - PAD, BODY))

    _titled(s, "本市を取り巻く現状と課題", api.PALETTE[7], "#F4F4F4", issues_body)
    s.y += 0.06
    top = s.y
    h = _bullets(s, "必要性", block("必要性"), PAD * 2, top + PAD, inner, BODY)
    s.box(0.02, top, s.width - 0.04, h + 2 * PAD, api.PALETTE[7], "white", lw=0.8)
    s.y = top + h + 2 * PAD
    s.arrow(s.y + 0.04)
    _titled(s, "基本方針", api.PALETTE[0], "#E5F1F8",
            lambda top: sum(s.text(s.width / 2, top, wrap(f"『{t}』", inner, 12), 12, ha="center") for t in block("基本方針")))
    s.drawn += [("基本方針", i, t) for i, t in enumerate(block("基本方針"), 1)]
    s.y += 0.1
    _titled(s, "目指す方向性", api.PALETTE[0], "white",
            lambda top: _bullets(s, "目指す方向性", block("目指す方向性"), PAD * 2, top, inner, BODY))
    s.arrow(s.y + 0.04)
    views = block("視点")

    def views_body(top):
        gap = 0.3
        w = (inner - gap * (len(views) - 1)) / len(views)
        hv = line_height(HEAD) + 2 * PAD
        for i, v in enumerate(views):
            x = PAD * 2 + i * (w + gap)
            s.box(x, top, w, hv, api.PALETTE[2], "#E3F4EE")
            s.text(x + w / 2, top + PAD, [f"【{v}】"], HEAD, ha="center")
            s.drawn.append(("視点", i + 1, v))
        return hv

    _titled(s, f"{len(views)}つの視点による改革", api.PALETTE[2], "white", views_body)
    s.y += 0.1
    p = priorities.pillars()

    def pillars_body(top):
        h = 0.0
        for r in p.itertuples():
            h += s.text(PAD * 2, top + h, wrap(f"{int(r.pillar_no)}. {r.pillar}", inner, BODY + 0.6), BODY + 0.6)
            s.drawn.append(("重点取組", int(r.pillar_no), r.pillar))
        return h

    _titled(s, f"{len(p)}つの重点取組", api.PALETTE[7], "white", pillars_body)
    drawn = pd.DataFrame(s.drawn, columns=["区分", "番号", "文言"])
    return api.Drawn(s.render(), drawn, [])
