"""Every figure of a fresh execution is the same picture as the committed one, compared in colour
with a tolerance (the check that stands when ``DAISEN_FIGURE_TOLERANT=1`` lets nbval skip the
byte comparison after an upgrade of matplotlib or the fonts)."""

from __future__ import annotations

from pathlib import Path

from figures import difference, figures_of, same_picture

BOOK = Path(__file__).resolve().parents[2] / "book"


def test_every_figure_of_a_fresh_execution_is_the_committed_picture(built):
    compared, problems = 0, []
    for committed in sorted(BOOK.glob("*.ipynb")):
        fresh = figures_of(built.work / "taiko" / "book" / committed.name)
        for fid, pdf in figures_of(committed).items():
            compared += 1
            if fid not in fresh:
                problems.append(f"{fid}: missing in the fresh execution")
            elif not same_picture(pdf, fresh[fid]):
                problems.append(
                    f"{fid} ({committed.stem}): differs, (RMS, changed share) = {difference(pdf, fresh[fid])}"
                )
    assert problems == []
    assert compared == 10  # 図1〜図10 (the 体系図 is text; no 取組計画 returned yet)


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
