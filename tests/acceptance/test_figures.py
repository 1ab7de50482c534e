"""Every figure of a fresh execution is the same picture as the committed one, compared in colour
with a tolerance (the check that stands when ``DAISEN_FIGURE_TOLERANT=1`` lets nbval skip the
byte comparison after an upgrade of matplotlib or the fonts)."""

from __future__ import annotations

from pathlib import Path

from figures import committed_parameters, difference, figures_of, same_picture
from support import DEFAULT, copy_project, run_cli

from daisen_taiko.common import records
from daisen_taiko.inputs import registry

BOOK = Path(__file__).resolve().parents[2] / "book"


def fresh_executions(built, made_for: str, tmp_path) -> Path:
    """The folder of the pages executed afresh for the edition the committed references were made
    for: the default edition's build, or — between ``make edition`` and ``make refresh``, when they
    are still last year's, as nbval executes them — the pages of a copy executed for that edition."""
    if made_for == DEFAULT:
        return built.work / "taiko" / "book"
    copy = copy_project(tmp_path / "references")
    res = run_cli(copy, "refresh", "--edition", made_for)
    assert res.returncode == 0, res.stdout + res.stderr
    return copy / "book"


def test_every_figure_of_a_fresh_execution_is_the_committed_picture(built, tmp_path):
    made_for = sorted({committed_parameters(nb)["edition"] for nb in BOOK.glob("*.ipynb")})
    assert len(made_for) == 1, (
        f"book/*.ipynb の実行結果（nbval の基準）に複数の版（{'・'.join(made_for)}）のものが混じっています。"
        f"make refresh で既定の版「{DEFAULT}」のものにそろえてください。"
    )
    executed = fresh_executions(built, made_for[0], tmp_path)
    compared, problems = [], []
    for committed in sorted(BOOK.glob("*.ipynb")):
        fresh = figures_of(executed / committed.name)
        for fid, pdf in figures_of(committed).items():
            compared.append(fid)
            if fid not in fresh:
                problems.append(f"{fid}: missing in the fresh execution")
            elif not same_picture(pdf, fresh[fid]):
                problems.append(
                    f"{fid} ({committed.stem}): differs, (RMS, changed share) = {difference(pdf, fresh[fid])}"
                )
    assert problems == []
    # Every numbered figure of book/figures.yml (図1…, drawn as a frame while its data are missing)
    # was compared, and the 概要版's drawings of its figures; the unnumbered schedule is drawn once
    # a 取組計画 is returned (the 体系図 is text).
    figures = {fid for fid, item in registry.items().items() if item.kind == "figure"}
    numbered = {fid for fid in figures if registry.get(fid).numbered}
    enlarged = {records.enlarged_key(fid) for fid in registry.summary_figures()}
    assert len(enlarged) == 2 and numbered | enlarged <= set(compared) <= figures | enlarged, sorted(compared)


def test_every_figure_reads_as_the_data_it_draws(built):
    """Read as a reviewer reads it (daisen_taiko.kernel.figure_reading, run on each Figure as drawn): the
    years under the points, the legend against its series, every number written on a figure
    against its point or bar, the units on the axes — against the data, not a committed picture,
    so a refresh cannot bless a figure whose labels disagree with its data."""
    import json

    figures = json.loads((built.out / "snapshot.json").read_text(encoding="utf-8"))["figures"]
    drawn = {fid: rec for fid, rec in figures.items() if rec["kind"] == "figure" and not rec["empty"]}
    assert len(drawn) >= 8
    problems = {fid: rec["reading"] for fid, rec in drawn.items() if rec["reading"]}
    assert problems == {}
    read = {k: sum(rec["read"][k] for rec in drawn.values()) for k in ("years", "legend", "values", "units")}
    assert read["years"] >= 60 and read["legend"] >= 12 and read["values"] >= 70 and read["units"] >= 10, read
