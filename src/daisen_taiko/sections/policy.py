"""第2章 基本方針及び推進体制: the quantities of its prose and 6. 体系図.

The 体系図 is drawn from data: 現状と課題, 基本方針, 目指す方向性 and the two
視点 from ``data/plan_framework.csv``, the 重点取組 and their 施策 from
``data/initiative_structure.csv``.  It is unnumbered in the draft, so it is
glued without a caption (numfig numbers captioned figures only).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pandas as pd
from matplotlib.patches import FancyArrow, FancyBboxPatch

from .. import figures
from ..data import load
from ..era import wareki
from ..params import Edition
from ..sources import source_line
from ..text import glue_text
from . import priorities

BLOCKS = ("現状と課題", "必要性", "基本方針", "目指す方向性", "視点")


def framework() -> pd.DataFrame:
    df = load("plan_framework")
    unknown = sorted(set(df["block"]) - set(BLOCKS))
    if unknown:
        raise ValueError(f"data/plan_framework.csv: unknown block {unknown}; use one of {BLOCKS}")
    return df.sort_values(["block", "position"])


def block(name: str) -> list[str]:
    df = framework()
    texts = df[df["block"] == name]["text"].tolist()
    if not texts:
        raise LookupError(f"data/plan_framework.csv has no rows for block '{name}'")
    return texts


def count_label(n: int) -> str:
    return f"{n}つ"


def glue_structure_period(ed: Edition) -> None:
    """3. 構成と期間: the viewpoints, the pillars and the plan period."""
    glue_text("viewpoint_count", count_label(len(block("視点"))))
    p = priorities.pillars()
    glue_text("pillar_names", "、".join(f"「{name}」" for name in p["pillar"]))
    glue_text("pillar_count", count_label(len(p)))
    glue_text("plan_period", f"{wareki(ed.plan_start, fiscal=True)}から{wareki(ed.plan_end, fiscal=True)}までの"
                             f"{ed.plan_years}年間")


# --------------------------------------------------------------------------- 体系図
def text_width(text: str) -> float:
    """Width in em: full-width characters count 1, others 0.55."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text)


def wrap(text: str, width_in: float, size: float) -> list[str]:
    """Break Japanese text into lines that fit ``width_in`` inches at ``size`` points."""
    limit = width_in * 72 / size / 1.03  # glyph advances are ~1.008 em; keep a margin
    lines, cur = [], ""
    for ch in text:
        if cur and text_width(cur + ch) > limit:
            if ch in "、。」』）":  # keep closing punctuation on the line it closes
                cur += ch
                continue
            lines.append(cur)
            cur = ""
        cur += ch
    return lines + ([cur] if cur else [])


def line_height(size: float) -> float:
    return size * 1.45 / 72


@dataclass
class Sheet:
    """Boxes and text laid out top-down in inches, then drawn on one axes."""
    width: float = figures.WIDTH_IN
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

    def record(self, part: str, no: int, text: str) -> None:
        self.drawn.append((part, no, text))

    def render(self):
        height = self.y + 0.05
        fig, ax = figures.new(height=height)
        fig.set_layout_engine("none")
        ax.set_position((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, self.width)
        ax.set_ylim(height, 0)
        # enclosing boxes are recorded after their content: draw larger boxes first, below smaller ones
        boxes = sorted((op for op in self.ops if op[0] == "box"), key=lambda op: -op[3] * op[4])
        for z, (_, x, top, w, h, edge, fill, lw) in enumerate(boxes):
            ax.add_patch(FancyBboxPatch((x, top), w, h, boxstyle="round,pad=0,rounding_size=0.06",
                                        ec=edge, fc=fill, lw=lw, zorder=1 + z * 0.01))
        for op in self.ops:
            if op[0] == "box":
                continue
            elif op[0] == "text":
                _, x, top, lines, size, ha, color = op
                for i, line in enumerate(lines):
                    ax.text(x, top + (i + 0.5) * line_height(size), line, fontsize=size, ha=ha, va="center",
                            color=color, zorder=3)
            else:
                _, top, length = op
                ax.add_patch(FancyArrow(self.width / 2, top, 0, length, width=0.16, head_width=0.42,
                                        head_length=length * 0.55, length_includes_head=True, color="#B0B0B0",
                                        lw=0))
        return fig


HEAD = 9.5
BODY = 8.2
SMALL = 7.4
PAD = 0.08


def _bullets(sheet: Sheet, part: str, texts: list[str], x: float, top: float, w: float, size: float,
             start: int = 1) -> float:
    """A bullet list (・ as in the draft) inside [x, x + w]; returns its height."""
    h = 0.0
    for i, t in enumerate(texts, start):
        lines = wrap("・" + t, w, size)
        lines = lines[:1] + ["\u3000" + ln for ln in lines[1:]]
        h += sheet.text(x, top + h, lines, size)
        sheet.record(part, i, t)
    return h


def _titled_box(sheet: Sheet, title: str, edge: str, fill: str, body) -> None:
    """A full-width box with 【title】 on its top line and ``body(top) -> height`` inside."""
    top = sheet.y
    head = sheet.text(PAD * 2, top + PAD, [f"【{title}】"], HEAD, color=edge)
    h = body(top + PAD + head + 0.03)
    sheet.box(0.02, top, sheet.width - 0.04, PAD * 2 + head + 0.03 + h, edge, fill)
    sheet.y = top + PAD * 2 + head + 0.03 + h


def system_diagram_sheet() -> Sheet:
    s = Sheet()
    inner = s.width - 4 * PAD
    issues = block("現状と課題")
    half = (len(issues) + 1) // 2

    def issues_body(top):
        col = inner / 2
        left = _bullets(s, "現状と課題", issues[:half], PAD * 2, top, col - PAD, BODY)
        right = _bullets(s, "現状と課題", issues[half:], PAD * 2 + col, top, col - PAD, BODY, start=half + 1)
        return max(left, right)

    _titled_box(s, "本市を取り巻く現状と課題", figures.PALETTE[7], "#F4F4F4", issues_body)
    s.y += 0.06
    needs = block("必要性")
    top = s.y
    h = _bullets(s, "必要性", needs, PAD * 2, top + PAD, inner, BODY)
    s.box(0.02, top, s.width - 0.04, h + 2 * PAD, figures.PALETTE[7], "white", lw=0.8)
    s.y = top + h + 2 * PAD
    s.arrow(s.y + 0.04)

    policy = block("基本方針")

    def policy_body(top):
        h = 0.0
        for i, t in enumerate(policy, 1):
            h += s.text(s.width / 2, top + h, wrap(f"『{t}』", inner, 12), 12, ha="center")
            s.record("基本方針", i, t)
        return h

    _titled_box(s, "基本方針", figures.PALETTE[0], "#E5F1F8", policy_body)
    s.y += 0.1
    _titled_box(s, "目指す方向性", figures.PALETTE[0], "white",
                lambda top: _bullets(s, "目指す方向性", block("目指す方向性"), PAD * 2, top, inner, BODY))
    s.arrow(s.y + 0.04)

    views = block("視点")

    def views_body(top):
        gap = 0.3
        w = (inner - gap * (len(views) - 1)) / len(views)
        hv = line_height(HEAD) + 2 * PAD
        for i, v in enumerate(views):
            x = PAD * 2 + i * (w + gap)
            s.box(x, top, w, hv, figures.PALETTE[2], "#E3F4EE")
            s.text(x + w / 2, top + PAD, [f"【{v}】"], HEAD, ha="center")
            s.record("視点", i + 1, v)
        return hv

    _titled_box(s, f"{count_label(len(views))}の視点による改革", figures.PALETTE[2], "white", views_body)
    s.y += 0.1

    p = priorities.pillars()
    a = priorities.areas()
    tints = ("#E5F1F8", "#FCF1DC", "#E3F4EE", "#F9E6DC")

    def pillars_body(top):
        gap = 0.08
        n = len(p)
        w = (inner - gap * (n - 1)) / n
        heights = []
        for i, r in enumerate(p.itertuples()):
            x = PAD * 2 + i * (w + gap)
            colour = figures.PALETTE[i % 4]
            head = wrap(priorities.pillar_label(int(r.pillar_no), r.pillar), w - 2 * PAD, BODY)
            hh = len(head) * line_height(BODY) + 2 * PAD
            s.box(x, top, w, hh, colour, tints[i % 4])
            s.text(x + PAD, top + PAD, head, BODY)
            s.record("重点取組", int(r.pillar_no), r.pillar)
            y = top + hh + 0.06
            for ar in a[a["pillar_no"] == r.pillar_no].itertuples():
                lines = wrap(priorities.area_label(int(ar.area_no), ar.area), w - 2 * PAD, SMALL)
                ha = len(lines) * line_height(SMALL) + 2 * 0.05
                s.box(x, y, w, ha, colour, "white", lw=0.7)
                s.text(x + PAD, y + 0.05, lines, SMALL)
                s.record(f"重点取組{int(r.pillar_no)}の施策", int(ar.area_no), ar.area)
                y += ha + 0.05
            heights.append(y - top)
        return max(heights)

    _titled_box(s, f"{count_label(len(p))}の重点取組", figures.PALETTE[7], "white", pillars_body)
    return s


def system_diagram() -> None:
    sheet = system_diagram_sheet()
    fig = sheet.render()
    drawn = pd.DataFrame(sheet.drawn, columns=["区分", "番号", "文言"])
    figures.glue_figure("fig_system_diagram", fig, "体系図", drawn)
    glue_text("fig_system_diagram_source", source_line(framework(), priorities.structure()))
