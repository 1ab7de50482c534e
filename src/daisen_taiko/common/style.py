"""House figure style and deterministic figure output.

Figures are stored as SVG (web edition) and PDF (the PDF book): both vector and
byte-deterministic for a fixed matplotlib version (fixed hash salt, no dates, glyphs
as paths in SVG), so nbval compares them byte for byte.  The text part carries a
digest of the plotted data, so a changed value is named even where an image
difference would be subtle.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib_fontja  # noqa: E402  (maintained fork of japanize-matplotlib)
import pandas as pd  # noqa: E402

# Okabe–Ito colour-blind-safe palette
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
MUTED = "#9E9E9E"  # projections, gaps, secondary marks
WIDTH_IN = 6.3  # the A4 text width of the PDF
# Font sizes of the house style, in points as drawn.  A figure is drawn WIDTH_IN wide and the PDF
# places it at its text width (453.4 of 453.6 points), so a size here is its size in print; a
# municipal plan prints figure labels at 7 pt or more (issue 26): nothing is drawn below SMALL.
SMALL = 7.5  # the densest labels: two-line year ticks, values on bars and points, a schedule's rows
LABEL = 8  # legends, values beside bars and points
# The 概要版 prints nothing below 9 pt: its figures are drawn again on a canvas 1/ENLARGED of the
# house size and printed at the text width, so their text prints ENLARGED times (SMALL: 9.4 pt).
ENLARGED = 1.25
_canvas = 1.0  # the canvas as a share of the printed size (1/ENLARGED while drawn enlarged)


def apply_style() -> None:
    matplotlib.rcdefaults()
    matplotlib_fontja.japanize()
    matplotlib.rcParams.update(
        {
            "figure.figsize": (WIDTH_IN, 3.6),
            "figure.dpi": 100,
            "font.size": 9.5,
            "axes.titlesize": 10,
            "legend.fontsize": LABEL,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "grid.color": "#DDDDDD",
            "grid.linewidth": 0.6,
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "legend.frameon": False,
            "svg.hashsalt": "daisen-taiko",
            "svg.fonttype": "path",
            "pdf.fonttype": 42,
            # matplotlib 3.11's PDF writer sizes its font subsets by ps.fonttype: with the default
            # (3) every figure embedded IPAex twice, once for ASCII and once for the Japanese
            # characters, each a separate fontTools pass (~0.15 s a figure).
            "ps.fonttype": 42,
            "pdf.compression": 6,
            "path.simplify": False,
        }
    )


def new(nrows: int = 1, ncols: int = 1, height: float = 3.6, **kw):
    """A figure of the house style, A4 text width."""
    apply_style()
    return plt.subplots(nrows, ncols, figsize=(WIDTH_IN * _canvas, height * _canvas), layout="constrained", **kw)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(colour: str) -> float:
        rgb = matplotlib.colors.to_rgb(colour)
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def label_colour(fill: str) -> str:
    """White or black, whichever reads better on ``fill`` (a value written inside a bar)."""
    return max(("white", "black"), key=lambda c: contrast(c, fill))


def placeholder(text: str = "（図は調整中）", height: float = 1.6):
    """A framed empty figure for a figure whose data are not yet available."""
    fig, ax = new(height=height)
    ax.set_axis_off()
    ax.add_patch(matplotlib.patches.Rectangle((0, 0), 1, 1, transform=ax.transAxes, fill=False, ec=MUTED, lw=0.8))
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=11, color="#555555")
    return fig


def axis_break(ax) -> None:
    """The ≈ mark at the foot of a value axis that does not start at zero (a city chart's convention)."""
    lo, hi = ax.get_ylim()
    if lo <= 0:
        return
    kw = {"transform": ax.transAxes, "color": "#333333", "clip_on": False, "lw": 0.8}
    for dy in (0.0, 0.025):
        ax.plot([-0.025, 0.025], [0.02 + dy, 0.045 + dy], **kw)


def clear_neighbours(fig, rows) -> None:
    """In each row of value labels (annotations offset above or below their points, in order
    along the axis), a label that would come within 3 pt of the one before it (128.1 and 127.5
    a year apart) is written on the other side of its point."""
    fig.canvas.draw()
    pad = 3 * fig.dpi / 72
    for labels in rows:
        for before, label in zip(labels, labels[1:]):
            a, b = before.get_window_extent(), label.get_window_extent()
            if a.x1 + pad > b.x0 and a.y0 < b.y1 and b.y0 < a.y1:
                below = label.get_va() != "top"
                label.set_position((0, -6 if below else 5))
                label.set_va("top" if below else "baseline")


def data_digest(data: pd.DataFrame) -> str:
    payload = data.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


def figure_files(fig) -> tuple[bytes, bytes]:
    """SVG and PDF bytes of ``fig`` (closed afterwards), without dates or creator, byte-stable."""
    svg = io.BytesIO()
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    pdf = io.BytesIO()
    fig.savefig(pdf, format="pdf", metadata={"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None})
    plt.close(fig)
    return svg.getvalue(), pdf.getvalue()


def figure_bundle(fig, label: str, data: pd.DataFrame) -> dict[str, str]:
    """SVG + PDF of ``fig`` and a text part naming the drawn data (a glued figure)."""
    svg, pdf = figure_files(fig)
    rows = json.dumps(data.astype(object).where(data.notna(), None).values.tolist(), ensure_ascii=False, default=str)
    return {
        "image/svg+xml": svg.decode("utf-8"),
        "application/pdf": base64.b64encode(pdf).decode("ascii"),
        "text/plain": f"{label}｜描画データ sha256:{data_digest(data)}｜{rows}",
    }


def enlarged(draw):
    """``draw()`` (a kernel's figure function, returning its ``Drawn``) again on a canvas
    1/ENLARGED of the house size: printed at the text width, every text of it ENLARGED times its size."""
    global _canvas
    _canvas = 1 / ENLARGED
    try:
        return draw()
    finally:
        _canvas = 1.0


def note_in_axes(ax, text: str, y: float = 0.5) -> None:
    """A boxed note inside the axes (working documents only: the 作業レポート)."""
    ax.text(
        0.5,
        y,
        text,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=9,
        color="#555555",
        bbox={"boxstyle": "round", "fc": "#F5F5F5", "ec": MUTED, "lw": 0.8},
        wrap=True,
    )
