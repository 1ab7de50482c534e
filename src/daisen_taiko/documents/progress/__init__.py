"""The 推進状況報告書 (public): one fiscal year's 推進状況 of the 取組, from the departments' returns.

The writer declared in book/documents.yml, one report per fiscal year with returns (``each``:
:func:`years`).  Pages (:mod:`.pages`): the summary (評価 counts and shares with the workbook's
definitions, a cross-table by 重点取組 and its chart, 財政効果額, the 取組 not reported), one page
per 重点取組 with each 取組's 指標, 目標, 実績, 達成率, 評価, 取組状況 and 次年度の方向性, in the
final year the whole 推進期間, and the changes of the 取組計画 with their reasons; the year's data as
a CSV (:mod:`.download`).  Only labels, counts and the departments' own words: no prose.  With no
実績・評価 returned for any year it writes nothing, and nothing is published.
"""

from __future__ import annotations

from daisen_taiko.common.era import wareki
from daisen_taiko.common.style import figure_files
from daisen_taiko.common.tex import tex
from daisen_taiko.documents import Context
from daisen_taiko.documents.progress.download import data_file
from daisen_taiko.documents.progress.pages import (
    CHART,
    NAME,
    changes_page,
    period_page,
    pillar_page,
    subtitle,
    summary_page,
)
from daisen_taiko.inputs.params import Edition
from daisen_taiko.plans import Layout, yearly
from daisen_taiko.plans.charts import grades_by_pillar_chart


def years(ed: Edition) -> dict[str, str]:
    """One report per fiscal year of the 推進期間 with returns (book/documents.yml ``each``):
    its key (the western year, its folder) → its part of the title (令和8年度実績)."""
    return {str(y): f"{wareki(y, fiscal=True)}実績" for y in yearly.years_with_returns(ed)}


def _year(ed: Edition, key: str | None) -> int | None:
    """The fiscal year of the report ``key`` (:func:`years`); without a key, the latest with returns."""
    return int(key) if key else yearly.report_year(ed)


def build_pages(ed: Edition, context: Context, key: str | None = None) -> tuple[dict[str, str], dict[str, bytes]]:
    """The report's pages for the year ``key`` (default: the latest year with returns), or none
    (nothing to publish)."""
    year = _year(ed, key)
    if year is None:
        return {}, {}
    table = yearly.year_table(ed, year)
    name, data = data_file(year, table)
    link = ["", ":::{only} html", f"{{download}}`各取組の推進状況のデータ（CSV）<{name}>`", ":::", ""]
    pages = {"index": summary_page(ed, year, table) + "\n".join(link)}
    files = {name: data}
    files[f"{CHART}.svg"], files[f"{CHART}.pdf"] = figure_files(grades_by_pillar_chart(yearly.by_pillar(table)))
    so_far = yearly.history(ed, year)
    for pillar_no in sorted(table["pillar_no"].unique()):
        pages[f"pillar-{pillar_no}"] = pillar_page(int(pillar_no), table, year, so_far)
    if year == Layout.of(ed).years[-1]:  # the final year: the whole 推進期間 too
        pages["period"] = period_page(ed)
    changed = changes_page(table)
    if changed:
        pages["changes"] = changed
    return pages, files


def cover(ed: Edition, key: str | None = None) -> str:
    """The PDF's first page: the 大綱's name, 推進状況報告書 and the year (in the report's layout)."""
    year = _year(ed, key)
    return (
        "\\daisenreportstyle\n"
        f"\\daisenreportcover{{{tex(ed.full_title)}}}{{{NAME}}}"
        f"{{{tex(subtitle(year)) if year else ''}}}{{{tex(ed.municipality)}}}\n"
    )
