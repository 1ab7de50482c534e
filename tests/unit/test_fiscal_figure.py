"""図3 draws each indicator as the publication gives it: a year without a value is a gap in the
line, not bridged (the line from 令和4 to 令和6年度 of 経常収支比率 suggested a 令和5年度 value)."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from daisen_taiko.inputs.params import load_edition
from daisen_taiko.kernel import api
from daisen_taiko.kernel.sections import population_finance


def r7_12() -> dict:
    """The parameters of the 令和7年度版 (策定年度 2025, its draft's 図3: 平成28〜令和6年度) reading
    data/ as the default edition does: what these tests check is that edition's figure, also after
    ``make edition`` has made another edition the default."""
    return dict(load_edition().page_params(), fiscal_year=2025, issued="2025-12")


def test_a_year_without_a_value_is_a_gap_in_the_line():
    api.start(None)
    data = api.confirmed(population_finance.fiscal())  # what a public figure may draw
    fig = population_finance.fiscal_indicators().fig
    gaps = 0
    for ax, (name, *_) in zip(fig.axes, population_finance.PANELS):
        published = set(data.loc[data["indicator"] == name, "fiscal_year"].astype(int))
        xs, ys = ax.get_lines()[0].get_xdata(), ax.get_lines()[0].get_ydata()
        points = [int(x) for x, y in zip(xs, ys) if not math.isnan(y)]
        assert published >= set(points) >= published & set(api.years_of("fig-fiscal")), name
        joined = [
            (a, b)
            for (a, ya), (b, yb) in zip(zip(xs, ys), zip(xs[1:], ys[1:]))
            if not (math.isnan(ya) or math.isnan(yb))
        ]
        assert all(b - a == 1 for a, b in joined), (name, joined)  # a segment spans one year, never a missing one
        gaps += sum(math.isnan(y) for y in ys)
    assert gaps > 0  # the edition's data have missing years (令和5年度の経常収支比率 …): the rule was exercised


def test_the_span_of_figure_3_follows_the_editions_fiscal_year(project):
    """令和7年度版: 平成28〜令和6年度 (as the draft); next year's edition shows 平成29〜令和7年度 and draws
    a 令和7年度 value once it is in data/ — the figure, its alt text and the data requests move together."""
    from daisen_taiko.inputs.registry import parse_years

    assert parse_years("FY-9..FY-1", 2025) == tuple(range(2016, 2025))
    ed = r7_12()
    api.start(ed)
    assert api.years_of("fig-fiscal") == list(range(2016, 2025))
    csv = project / "data" / "fiscal_indicators.csv"
    row = next(line for line in csv.read_text(encoding="utf-8").splitlines() if line.startswith("2024,財政力指数,"))
    row = re.sub(r",secondary [^,]*,", ",confirmed (財政課 2026-06-01),", row.replace("2024,", "2025,", 1))
    csv.write_text(csv.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    api.start(dict(ed, fiscal_year=2026, issued="2026-12"))
    assert api.years_of("fig-fiscal") == list(range(2017, 2026))
    fig = population_finance.fiscal_indicators().fig
    strength = fig.axes[[name for name, *_ in population_finance.PANELS].index("財政力指数")].get_lines()[0]
    assert 2025 in [int(x) for x in strength.get_xdata()] and 2016 not in [int(x) for x in strength.get_xdata()]
    api.start(None)


def drawn_years(fig, name: str) -> set[int]:
    line = fig.axes[[n for n, *_ in population_finance.PANELS].index(name)].get_lines()[0]
    return {int(x) for x, y in zip(line.get_xdata(), line.get_ydata()) if not math.isnan(y)}


def test_a_value_read_from_a_secondary_copy_is_drawn_only_once_confirmed(project):
    """令和5・6年度の財政力指数 and 実質公債費比率 come from a processed copy of the 総務省 file, and the
    令和6年度 経常収支比率 91.1 from the draft with a provisional 出典: 図3 leaves them out (「…」) until
    財政課 confirms them (their confidence rewritten), and then draws them."""
    api.start(r7_12())
    fig = population_finance.fiscal_indicators()
    assert 2023 not in drawn_years(fig.fig, "財政力指数") and 2024 not in drawn_years(fig.fig, "財政力指数")
    assert 2024 not in drawn_years(fig.fig, "経常収支比率") and 2022 in drawn_years(fig.fig, "経常収支比率")
    assert "決算の概要" not in " ".join(fig.data["出典"])
    assert "令和6年度の経常収支比率、令和5〜6年度の財政力指数・実質公債費比率は確認中" in fig.notes[0]
    assert "（令和5年度の経常収支比率、令和5〜6年度の将来負担比率）" in fig.notes[0]  # no value in data/
    csv = project / "data" / "fiscal_indicators.csv"
    text = re.sub(
        r"^(2024,財政力指数,.*?),secondary [^,]*,",
        r"\1,confirmed (財政課 2026-01-15),",
        csv.read_text(encoding="utf-8"),
        flags=re.M,
    )
    csv.write_text(text, encoding="utf-8")
    assert 2024 in drawn_years(population_finance.fiscal_indicators().fig, "財政力指数")


def test_a_figure_that_draws_a_row_awaiting_confirmation_is_refused():
    api.start(None)
    rows = population_finance.fiscal()
    unfiltered = api.Drawn(object(), pd.DataFrame({"値": [1.0], "出典": ["x"], "取得元": ["y"]}), [rows])
    with pytest.raises(ValueError, match="awaiting confirmation"):
        api.figure("fig-fiscal", lambda: unfiltered)
    confirmed = api.Drawn(None, pd.DataFrame(columns=["出典", "取得元"]), [api.confirmed(rows)])
    from daisen_taiko.kernel.api import _check_confirmed

    _check_confirmed("fig-fiscal", confirmed.rows)  # no error once the rows are the confirmed ones
