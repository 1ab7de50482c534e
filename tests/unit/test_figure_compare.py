"""The tolerant comparison of figures sees colour: the 財政力指数 series drawn in a hue of the same
brightness (the mutation a greyscale comparison let through) is a different picture."""

from __future__ import annotations

from pathlib import Path

from figures import committed_parameters, difference, figures_of, same_picture

from daisen_taiko.common import style
from daisen_taiko.kernel import api
from daisen_taiko.kernel.sections import population_finance

COMMITTED = Path(__file__).resolve().parents[2] / "book" / "ch1_3_1_population_finance.ipynb"
SAME_BRIGHTNESS = "#A83C1E"  # grey level 0.299R+0.587G+0.114B ≈ 89, as #0072B2 (≈ 87)


def drawn_fiscal_figure() -> bytes:
    """図3 drawn now for the edition the committed figure was drawn for (the default edition until
    ``make edition`` switches it and ``make refresh`` follows)."""
    api.start(committed_parameters(COMMITTED))
    return style.figure_files(population_finance.fiscal_indicators().fig)[1]


def test_the_committed_figure_is_redrawn_the_same():
    assert same_picture(figures_of(COMMITTED)["fig-fiscal"], drawn_fiscal_figure())


def test_a_hue_change_of_equal_brightness_is_a_different_picture(monkeypatch):
    monkeypatch.setattr(api, "PALETTE", [SAME_BRIGHTNESS, *api.PALETTE[1:]])
    rms, changed = difference(figures_of(COMMITTED)["fig-fiscal"], drawn_fiscal_figure())
    assert not same_picture(figures_of(COMMITTED)["fig-fiscal"], drawn_fiscal_figure()), (rms, changed)
