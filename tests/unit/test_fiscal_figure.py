"""図3 draws each indicator as the publication gives it: a year without a value is a gap in the
line, not bridged (the line from 令和4 to 令和6年度 of 経常収支比率 suggested a 令和5年度 value)."""

from __future__ import annotations

import math

from daisen_taiko import api
from daisen_taiko.sections import population_finance


def test_a_year_without_a_value_is_a_gap_in_the_line():
    api.start(None)
    data = population_finance.fiscal()
    fig = population_finance.fiscal_indicators().fig
    gaps = 0
    for ax, (name, *_) in zip(fig.axes, population_finance.PANELS):
        published = set(data.loc[data["indicator"] == name, "fiscal_year"].astype(int))
        xs, ys = ax.get_lines()[0].get_xdata(), ax.get_lines()[0].get_ydata()
        points = [int(x) for x, y in zip(xs, ys) if not math.isnan(y)]
        assert published >= set(points) >= published & set(population_finance.FISCAL_SPAN), name
        joined = [
            (a, b)
            for (a, ya), (b, yb) in zip(zip(xs, ys), zip(xs[1:], ys[1:]))
            if not (math.isnan(ya) or math.isnan(yb))
        ]
        assert all(b - a == 1 for a, b in joined), (name, joined)  # a segment spans one year, never a missing one
        gaps += sum(math.isnan(y) for y in ys)
    assert gaps > 0  # the edition's data have missing years (令和5年度の経常収支比率 …): the rule was exercised
