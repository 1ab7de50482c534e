"""Values written inside bars read at WCAG AA (4.5:1) against their bar: 図2's shares on the
orange of 老年人口 were white (2.1:1), 図4's 「その他の業務」 white on grey (2.7:1)."""

from __future__ import annotations

import pytest
from matplotlib.patches import Rectangle

from daisen_taiko.common import style
from daisen_taiko.kernel import api
from daisen_taiko.kernel.sections import population_finance, staff_workload
from daisen_taiko.plans.charts import PHASE_STYLE


@pytest.mark.parametrize(
    "a, b, ratio",
    # the ratios accessibility references quote: #767676 is the lightest grey passing AA on white
    [("white", "black", 21.0), ("#777777", "white", 4.48), ("#767676", "white", 4.54), ("#595959", "white", 7.0)],
)
def test_contrast_is_the_wcag_ratio(a, b, ratio):
    assert style.contrast(a, b) == pytest.approx(ratio, abs=0.01)


def texts_on_bars(fig):
    """(text, colour of the bar under its anchor) for each text written inside a bar."""
    for ax in fig.axes:
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        for t in ax.texts:
            x, y = t.get_position()
            under = [
                b
                for b in bars
                if b.get_x() <= x <= b.get_x() + b.get_width() and b.get_y() <= y <= b.get_y() + b.get_height()
            ]
            if under:
                yield t, under[-1].get_facecolor()


@pytest.mark.parametrize("draw", [population_finance.population_share, staff_workload.workload])
def test_values_inside_bars_read_against_the_bar(draw):
    api.start(None)
    found = list(texts_on_bars(draw().fig))
    assert found  # the figure writes its values inside its bars
    for t, fill in found:
        ratio = style.contrast(t.get_color(), fill)
        assert ratio >= 4.5, (t.get_text(), t.get_color(), fill, round(ratio, 2))


@pytest.mark.parametrize("phase", list(PHASE_STYLE))
def test_schedule_phase_labels_read_against_their_fill(phase):
    fill, text = PHASE_STYLE[phase]
    assert style.contrast(text, fill) >= 4.5, (phase, round(style.contrast(text, fill), 2))
