"""Each figure read as a reviewer reads it (figure_reading): the four readings find nothing on the
figures as drawn, and each finds the mistake it is for when one is made to a figure."""

from __future__ import annotations

import matplotlib
import pytest

from daisen_taiko.common import style
from daisen_taiko.kernel import api, figure_reading
from daisen_taiko.kernel.sections import citizens_voice, population_finance, wellbeing

matplotlib.use("Agg")


def drawn(section) -> api.Drawn:
    api.start(None)
    d = section()
    style.figure_files(d.fig)  # drawn, as api.figure draws it before reading it
    return d


def problems(d: api.Drawn) -> list[str]:
    d.fig.canvas.draw()
    return figure_reading.read(d.fig, d.data, d.rows).problems


@pytest.mark.parametrize(
    "section",
    [
        population_finance.population,
        population_finance.population_share,
        population_finance.fiscal_indicators,
        wellbeing.wellbeing,
        citizens_voice.yobodo_figure,
        citizens_voice.usability_figure,
    ],
)
def test_the_figures_as_drawn_read_as_their_data(section):
    d = drawn(section)
    reading = figure_reading.read(d.fig, d.data, d.rows)
    assert reading.problems == []
    assert reading.read["years"] > 0 and reading.read["units"] > 0


def test_years_named_in_the_house_forms():
    assert figure_reading.years_named("1955\nS30") == {1955}
    assert figure_reading.years_named("R3\n(2021)") == {2021}
    assert figure_reading.years_named("2023年\n(n=108)") == {2023}
    assert figure_reading.years_named("令和8年度\n(2026)") == {2026}
    assert figure_reading.years_named("H28") == {2016} and figure_reading.years_named("R元") == {2019}
    assert figure_reading.years_named("140,000") == set() and figure_reading.years_named("1位 高齢者") == set()


def test_year_labels_under_the_wrong_points_are_found():
    d = drawn(population_finance.population)
    ax = d.fig.axes[0]
    ticks = list(ax.get_xticks())
    labels = [t.get_text() for t in ax.get_xticklabels()]
    ax.set_xticks(ticks, labels[1:] + labels[:1])  # every label one place to the left
    assert any("目盛り" in p for p in problems(d))


def test_a_legend_entry_against_another_series_is_found():
    d = drawn(citizens_voice.usability_figure)
    ax = d.fig.axes[0]
    a, b = ax.get_lines()[:2]
    la, lb = a.get_label(), b.get_label()
    a.set_label(lb)
    b.set_label(la)
    ax.legend()
    assert any("凡例" in p for p in problems(d))


def test_a_value_label_that_is_not_its_points_value_is_found():
    d = drawn(population_finance.fiscal_indicators)
    labels = [t for t in d.fig.axes[0].texts if t.get_text()[:1].isdigit()]
    labels[0].set_text(labels[1].get_text())  # the first point labelled with the second's value
    assert any("数値" in p for p in problems(d))


def test_a_value_shown_with_fewer_decimals_than_it_has_is_found():
    d = drawn(population_finance.fiscal_indicators)
    strength = d.fig.axes[1]  # 財政力指数: 0.34 …
    label = next(t for t in strength.texts if t.get_text().startswith("0."))
    label.set_text(label.get_text()[:3])  # 0.34 → 0.3
    assert any("丸めている" in p for p in problems(d))


def test_an_axis_with_another_unit_is_found():
    d = drawn(population_finance.population)
    d.fig.axes[0].set_ylabel("%")
    assert any("単位" in p for p in problems(d))


def test_a_panel_titled_with_another_series_is_found():
    d = drawn(population_finance.fiscal_indicators)
    a, b = d.fig.axes[2], d.fig.axes[3]
    ta, tb = a.get_title(), b.get_title()
    a.set_title(tb)
    b.set_title(ta)
    assert any("区画" in p for p in problems(d))


def test_a_figure_the_reader_cannot_read_is_a_problem_not_a_stopped_build():
    import pandas as pd
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    ax.errorbar([2020, 2021], [1.0, 2.0], yerr=0.1, label="値")  # a container without bars or a colour
    ax.legend()
    fig.canvas.draw()
    data = pd.DataFrame({"年": [2020, 2021], "区分": ["値", "値"], "値": [1.0, 2.0], "出典": "x", "取得元": "y"})
    problems = figure_reading.read(fig, data, []).problems
    assert any("読み取れない" in p for p in problems)
