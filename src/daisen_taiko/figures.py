"""House figure style and deterministic figure output.

Figures are glued as SVG (HTML) and PDF (the PDF book): both vector, both
byte-deterministic for a fixed matplotlib version (fixed hash salt, fixed
dates, glyphs as paths in SVG), so nbval compares them byte for byte.  The
text/plain part carries a digest of the plotted data, so a changed value is
named even where an image difference would be subtle.
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
MISSING_COLOR = "#9E9E9E"
WIDTH_IN = 6.3   # fits the A4 text width with margins


def apply_style() -> None:
    matplotlib.rcdefaults()
    matplotlib_fontja.japanize()
    matplotlib.rcParams.update({
        "figure.figsize": (WIDTH_IN, 3.6),
        "figure.dpi": 100,
        "font.size": 9.5,
        "axes.titlesize": 10,
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
        "pdf.compression": 6,
        "path.simplify": False,
    })


def new(nrows: int = 1, ncols: int = 1, height: float = 3.6, **kw):
    apply_style()
    fig, ax = plt.subplots(nrows, ncols, figsize=(WIDTH_IN, height), layout="constrained", **kw)
    return fig, ax


def note_missing(ax, text: str, y: float = 0.5) -> None:
    """Write a visible 'data missing' note inside the axes."""
    ax.text(0.5, y, text, transform=ax.transAxes, ha="center", va="center", fontsize=9, color="#B00020",
            bbox={"boxstyle": "round", "fc": "#FFF4F4", "ec": "#B00020", "lw": 0.8}, wrap=True)


def data_digest(data: pd.DataFrame) -> str:
    payload = data.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


class FigureOutput:
    """Mime bundle of one finished figure (SVG + PDF + a text digest)."""

    def __init__(self, fig, label: str, data: pd.DataFrame):
        self.label = label
        self.data = data
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        pdf = io.BytesIO()
        fig.savefig(pdf, format="pdf", metadata={"CreationDate": None, "ModDate": None, "Creator": None,
                                                 "Producer": None})
        plt.close(fig)
        self.svg = svg.getvalue().decode("utf-8")
        self.pdf = pdf.getvalue()

    def text(self) -> str:
        rows = json.dumps(self.data.astype(object).where(self.data.notna(), None).values.tolist(),
                          ensure_ascii=False, default=str)
        return f"{self.label}｜描画データ sha256:{data_digest(self.data)}｜{rows}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "image/svg+xml": self.svg,
            "application/pdf": base64.b64encode(self.pdf).decode("ascii"),
            "text/plain": self.text(),
        }


def glue_figure(name: str, fig, label: str, data: pd.DataFrame) -> FigureOutput:
    """Glue a finished figure under ``name`` for ``{glue:figure}``; ``data`` is
    exactly what it draws (also offered as a download and digested)."""
    from myst_nb import glue

    out = FigureOutput(fig, label, data)
    glue(name, out, display=False)
    # the drawn values, for the CSV / Excel downloads beside the figure in the web edition
    from .text import Glued

    table = data.astype(object).where(data.notna(), None)
    glue(f"{name}__data", Glued(json.dumps({"label": label, "columns": [str(c) for c in data.columns],
                                            "rows": table.values.tolist()}, ensure_ascii=False, default=str)),
         display=False)
    return out
