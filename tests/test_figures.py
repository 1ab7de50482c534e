"""Figures provably reproduce: unchanged inputs reproduce every committed figure, and a
changed plotting detail or data value fails, naming the figure."""

import pytest

from conftest import ROOT, run_cli, run_nbval, with_src
from daisen_taiko.figcheck import compare_notebooks, glued_figures

NB = "book/ch1_3_1_population_finance.ipynb"
MODULE = "src/daisen_taiko/sections/population_finance.py"


def test_every_committed_figure_reproduces(built_book):
    stage = next((built_book["root"] / ".work").glob("*/stage"))
    checked = 0
    for nb in sorted((ROOT / "book").glob("*.ipynb")):
        assert compare_notebooks(nb, stage / "book" / nb.name) == [], nb.name
        checked += len(glued_figures(nb))
    assert checked >= 3


def test_figures_carry_a_digest_of_their_data():
    figs = glued_figures(ROOT / NB)
    assert figs["fig_fiscal"]["label"] == "図3 大仙市の主な財政指標"
    assert "描画データ sha256:" in figs["fig_fiscal"]["text"] and "92.3" in figs["fig_fiscal"]["text"]


@pytest.mark.parametrize("old,new", [
    # a colour
    ("ax1.bar([pos[int(y)] for y in ratio[\"fiscal_year\"]], ratio[\"value\"].astype(float), color=figures.PALETTE[0]",
     "ax1.bar([pos[int(y)] for y in ratio[\"fiscal_year\"]], ratio[\"value\"].astype(float), color=figures.PALETTE[2]"),
    # a dropped bar (the drawn data frame stays the same, only the picture changes)
    ("ax1.bar([pos[int(y)] for y in ratio[\"fiscal_year\"]], ratio[\"value\"].astype(float)",
     "ax1.bar([pos[int(y)] for y in ratio[\"fiscal_year\"]][:-1], ratio[\"value\"].astype(float)[:-1]"),
], ids=["colour", "dropped-bar"])
def test_changed_plotting_detail_fails_naming_the_figure(project, old, new):
    with_src(project)
    module = project / MODULE
    text = module.read_text(encoding="utf-8")
    assert old in text
    module.write_text(text.replace(old, new), encoding="utf-8")
    res = run_cli(project, "figcheck")
    assert res.returncode == 1, res.stdout
    assert "図3 大仙市の主な財政指標（fig_fiscal）: 画像が基準と異なります" in res.stdout
    assert res.stdout.count("図の不一致") == 1      # only the changed figure is reported
    nbval = run_nbval(project, NB)
    assert nbval.returncode != 0 and f"FAILED {NB}" in nbval.stdout


def test_changed_data_value_fails_naming_the_figure(project):
    csv = project / "data" / "fiscal_indicators.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",0.35,指数,", ",0.36,指数,"), encoding="utf-8")
    res = run_cli(project, "figcheck")
    assert res.returncode == 1
    assert "図3 大仙市の主な財政指標（fig_fiscal）: 描画データが基準と異なります" in res.stdout
