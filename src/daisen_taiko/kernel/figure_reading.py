"""A figure read the way a reviewer reads it: every label drawn on it against the data it draws.

:func:`read` takes the matplotlib Figure a section returns (after it has been drawn, so its
tick labels exist) and the drawn data (``Drawn.data``: one row per value, a year column, a
series column, the value column last, 出典/取得元) with the data rows used (``Drawn.rows``,
for the units), and returns what a reader would find wrong:

- **years**: a tick label naming a year (2020, R2, H28, 令和2年, 昭和30年 …) sits at that
  year's position, names one year only, and every year of the data is named by a tick;
- **legend**: an entry's swatch has the colour of the artist drawn with its label, the label
  names a series of the data, and that artist draws exactly that series' values;
- **values**: a number written on the figure (bar and point labels, shares) is the value of
  the point or bar it sits on, with the decimals the value needs and thousands separated;
- **units**: the value axis or the panel's title names the data's unit (or the quantity the
  unit is defined by), and each panel of a many-panel figure is titled with its series.

It never changes the figure.  ``api.figure`` records the result with the figure; the tests
require it to be empty, so a refresh cannot bless a figure whose labels disagree with its data.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd
from matplotlib.colors import to_rgba

from daisen_taiko.common.era import _ERAS, ABBREV
from daisen_taiko.common.records import PROVENANCE

YEAR_COLUMNS = ("年", "年度", "公開年")
# The western year before each era's first year, by its name and its short form (era.py's table).
ERA_START = {key: base - 1 for name, _, base in _ERAS for key in (name, ABBREV[name])}
_WESTERN = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_ERA = re.compile(r"(?<![A-Za-z])([RHS])\s?(\d{1,2}|元)(?!\d)|(令和|平成|昭和)(\d{1,2}|元)年")
_NUMBER = re.compile(r"(?:.*\s)?(-?\d[\d,]*(?:\.\d+)?)\s*(?:%|人|点|件|時間)?")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]+)[）)]$")
EPS = 1e-6


@dataclass
class Reading:
    problems: list[str] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=lambda: {"years": 0, "legend": 0, "values": 0, "units": 0})


def years_named(label: str) -> set[int]:
    """The years a tick label names: 「1955\\nS30」 → {1955}; 「R3\\n(2021)」 → {2021}."""
    years = {int(y) for y in _WESTERN.findall(label)}
    for short, n1, era, n2 in _ERA.findall(label):
        n = n1 or n2
        years.add(ERA_START[short or era] + (1 if n == "元" else int(n)))
    return years


@dataclass(frozen=True)
class Element:
    """A point or bar drawn in data coordinates: where it is and the value it shows."""

    label: str
    value: float
    x: tuple[float, float]  # extent on the x axis (a point: x, x)
    y: tuple[float, float]

    def distance(self, px: float, py: float, across: str) -> float | None:
        """How far (px, py) is from it along the value axis, None when not over it."""
        lo, hi = self.x if across == "x" else self.y
        at = px if across == "x" else py
        if not lo - EPS <= at <= hi + EPS:
            return None
        vlo, vhi = self.y if across == "x" else self.x
        pv = py if across == "x" else px
        return 0.0 if vlo <= pv <= vhi else min(abs(pv - vlo), abs(pv - vhi))


def elements(ax) -> list[tuple[Element, str]]:
    """(element, the axis its position is read on) for every point and bar of ``ax``."""
    out = []
    for line in ax.get_lines():
        if line.get_transform() != ax.transData:
            continue  # a reference line in axes coordinates (axhline)
        for x, y in zip(line.get_xdata(), line.get_ydata()):
            if not (isinstance(y, float) and math.isnan(y)):
                out.append((Element(line.get_label(), float(y), (float(x),) * 2, (float(y),) * 2), "x"))
    for bars in ax.containers:
        horizontal = getattr(bars, "orientation", "vertical") == "horizontal"
        for p in getattr(bars, "patches", []):
            x0, y0, w, h = p.get_x(), p.get_y(), p.get_width(), p.get_height()
            out.append(
                (
                    Element(bars.get_label(), float(w if horizontal else h), (x0, x0 + w), (y0, y0 + h)),
                    "y" if horizontal else "x",
                )
            )
    return out


def columns(data: pd.DataFrame) -> tuple[str | None, str | None, str | None]:
    """(year column, series column, value column) of the drawn data."""
    cols = [c for c in data.columns if c not in PROVENANCE]
    year = next((c for c in cols if c in YEAR_COLUMNS), None)
    numeric = [c for c in cols if c != year and pd.api.types.is_numeric_dtype(data[c])]
    series = next((c for c in cols if c != year and not pd.api.types.is_numeric_dtype(data[c])), None)
    return year, series, numeric[-1] if numeric else None


def _axes(fig) -> list:
    return [ax for ax in fig.axes if ax.get_visible() and ax.axison]


def read_years(fig, data: pd.DataFrame, year: str | None, out: Reading) -> None:
    named: set[int] = set()
    for ax in _axes(fig):
        for axis in (ax.xaxis, ax.yaxis):
            for pos, tick in zip(axis.get_ticklocs(), axis.get_ticklabels()):
                years = years_named(tick.get_text())
                if not years:
                    continue
                out.read["years"] += 1
                named |= years
                if len(years) > 1:
                    out.problems.append(f"目盛り「{tick.get_text()}」が複数の年 {sorted(years)} を示している")
                elif abs(pos - next(iter(years))) > 0.5 + EPS:
                    out.problems.append(
                        f"目盛り「{tick.get_text()}」が {pos:g} の位置にある（示す年は {next(iter(years))}）"
                    )
    if year is not None:
        lacking = sorted({int(y) for y in data[year].dropna()} - named)
        if lacking:
            out.problems.append(f"データの年 {lacking} を示す目盛りがない")


def _series_of(label: str, names: list[str]) -> str | None:
    """The series a label names: the longest series name it contains."""
    found = [n for n in names if n and n in label]
    return max(found, key=len) if found else None


def _points(data: pd.DataFrame, year: str | None, series: str, value: str, name: str) -> list[float]:
    rows = data[data[series] == name]
    return sorted(round(float(v), 6) for v in rows[value])


def read_legend(fig, data: pd.DataFrame, cols, out: Reading) -> None:
    year, series, value = cols
    names = [] if series is None else [str(n) for n in data[series].dropna().unique()]
    for ax in _axes(fig):
        legend = ax.get_legend()
        if legend is None:
            continue
        drawn = {e.label: [] for e, _ in elements(ax)}
        for e, _ in elements(ax):
            drawn[e.label].append(e)
        artists = {a.get_label(): a for a in [*ax.get_lines(), *ax.containers]}
        for handle, text in zip(legend.legend_handles, legend.get_texts()):
            label = text.get_text()
            artist = artists.get(label)
            if artist is None:
                continue  # a legend of its own (the phases of the schedule), not of drawn series
            out.read["legend"] += 1
            face = artist.patches[0].get_facecolor() if hasattr(artist, "patches") else artist.get_color()
            swatch = (
                handle.get_facecolor()
                if hasattr(handle, "get_facecolor") and hasattr(artist, "patches")
                else handle.get_color()
            )
            if to_rgba(face) != to_rgba(swatch):
                out.problems.append(f"凡例「{label}」の色が、その名で描いた系列の色と違う")
            if hasattr(artist, "get_marker") and handle.get_marker() != artist.get_marker():
                out.problems.append(f"凡例「{label}」の記号が、その名で描いた系列の記号と違う")
            name = _series_of(label, names)
            if name is None or value is None:
                out.problems.append(f"凡例「{label}」がデータのどの系列も示していない")
                continue
            shown = sorted(round(e.value, 6) for e in drawn.get(label, []))
            if shown != _points(data, year, series, value, name):
                out.problems.append(f"凡例「{label}」の系列が、データの「{name}」の値を描いていない")


def read_values(fig, out: Reading) -> None:
    for ax in _axes(fig):
        drawn = elements(ax)
        for t in ax.texts:
            m = _NUMBER.fullmatch(t.get_text().strip())
            if not m:
                continue
            coords = getattr(t, "xycoords", "data")
            if coords != "data" or (not hasattr(t, "xy") and t.get_transform() != ax.transData):
                continue
            px, py = t.xy if hasattr(t, "xy") else t.get_position()
            near = [(d, e) for e, across in drawn if (d := e.distance(px, py, across)) is not None]
            out.read["values"] += 1
            if not near:
                out.problems.append(f"数値「{t.get_text()}」がどの点・棒の上にもない")
                continue
            v = min(near, key=lambda de: de[0])[1].value
            shown = m[1]
            places = len(shown.split(".")[1]) if "." in shown else 0
            number = float(shown.replace(",", ""))
            if abs(round(v, places) - number) > EPS:
                out.problems.append(f"数値「{t.get_text()}」が、その点・棒の値 {v:g} と違う")
            elif abs(round(v, places) - v) > EPS:
                out.problems.append(f"数値「{t.get_text()}」が値 {v:g} を丸めている")
            elif abs(v) >= 1000 and "," not in shown:
                out.problems.append(f"数値「{t.get_text()}」に桁区切りがない")


def _unit_words(unit: str) -> list[str]:
    """The unit and the quantity it is defined by: 「点(重要度−満足度; 各5段階)」 → 点, 重要度−満足度, 各5段階."""
    base, _, rest = unit.partition("(")
    words = [base.strip(), *(part.strip(" )") for part in rest.split(";"))]
    return [w for w in words if w]


def units_of(data: pd.DataFrame, rows: list[pd.DataFrame], cols) -> dict[str | None, str]:
    """Series → its unit: the value column's own （unit） for every series, else each series' rows."""
    _, series, value = cols
    m = _UNIT_IN_NAME.search(str(value or ""))
    if m:
        return {None: m[1]}
    out = {}
    for df in rows:
        if "unit" not in df.columns:
            continue
        for _, r in df.iterrows():
            for cell in r.values:
                if isinstance(cell, str) and series and cell in set(data[series].astype(str)):
                    out.setdefault(cell, str(r["unit"]))
    return out


def read_units(fig, data: pd.DataFrame, rows: list[pd.DataFrame], cols, out: Reading) -> None:
    _, series, _ = cols
    units = units_of(data, rows, cols)
    names = [] if series is None else [str(n) for n in data[series].dropna().unique()]
    panels = _axes(fig)
    for ax in panels:
        words = ax.get_ylabel() + ax.get_xlabel() + ax.get_title()
        if None in units:
            shown = [None]
        elif len(panels) > 1 and names:
            titled = _series_of(ax.get_title(), names)
            if titled is None:
                out.problems.append(f"図の区画「{ax.get_title()}」の題がデータの系列を示していない")
                continue
            shown = [titled]
            drawn = sorted(round(e.value, 6) for e, _ in elements(ax))
            if drawn != _points(data, cols[0], series, cols[2], titled):
                out.problems.append(f"区画「{ax.get_title()}」が、データの「{titled}」の値を描いていない")
        else:
            shown = sorted({e.label for e, _ in elements(ax)} & set(units))
        for name in shown:
            unit = units.get(name, "")
            if unit in ("", "指数", "nan"):
                continue
            out.read["units"] += 1
            if not any(w in words for w in _unit_words(unit)):
                label = "値" if name is None else f"「{name}」"
                out.problems.append(f"{label}の単位「{unit}」を軸・題が示していない（「{words}」）")


def read(fig, data: pd.DataFrame, rows: list[pd.DataFrame]) -> Reading:
    """What a reader would find wrong in ``fig`` (drawn already) about ``data``."""
    out = Reading()
    if fig is None or data is None or data.empty:
        return out
    cols = columns(data)
    readings = (
        ("目盛りの年", lambda: read_years(fig, data, cols[0], out)),
        ("凡例", lambda: read_legend(fig, data, cols, out)),
        ("図中の数値", lambda: read_values(fig, out)),
        ("単位", lambda: read_units(fig, data, rows, cols, out)),
    )
    for what, reading in readings:
        try:
            reading()
        except Exception as exc:  # noqa: BLE001  (a figure of a shape not read yet: a problem to see, not a stopped build)
            out.problems.append(f"{what}を読み取れない（{type(exc).__name__}: {exc}）")
    return out
