"""Shared pieces of the report pages: the page record and Markdown helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

from daisen_taiko.common.era import wareki, wareki_span
from daisen_taiko.common.text import md_escape


@dataclass
class Page:
    name: str  # file name (without .md) in the report
    text: str  # MyST Markdown, starting with its '# ' title
    summary: str  # one line for the report's first page
    files: dict[str, bytes] = field(default_factory=dict)


esc = md_escape


class Markup(str):
    """A table cell already written in MyST (a role such as {ins}): :func:`list_table` keeps it as it is."""


def list_table(
    header: list[str], rows: list[list[str]], widths: list[int], ids_first: bool = False, classes: str = ""
) -> str:
    """A MyST list-table (wraps long cells in the PDF; no caption, so not numbered; a longtable
    in the PDF, so a table of many rows continues on the next page with its header repeated).
    ``ids_first``: the first column holds short IDs (1-1-1) that must not wrap; ``classes``: more
    classes for the house style (book/_static/daisen.css)."""
    out = [
        ":::{list-table}",
        ":header-rows: 1",
        f":widths: {' '.join(str(w) for w in widths)}",
        ":class: "
        + " ".join(["report-table longtable", *(["ids-first"] if ids_first else []), *([classes] if classes else [])]),
        "",
    ]
    for row in [header, *rows]:
        for i, cell in enumerate(row):
            lines = (cell if isinstance(cell, Markup) else esc(cell) if cell != "" else "−").split("\n")
            out.append(("* - " if i == 0 else "  - ") + lines[0])
            out += ["    " + line for line in lines[1:]]
    return "\n".join(out + [":::"])


def year_runs(expected: list[int], missing: list[int], fiscal: bool) -> str:
    """Missing years as spans over the expected grid: 「昭和35〜50年」「令和5年度」."""
    runs, cur = [], []
    for y in expected:
        if y in missing:
            cur.append(y)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return "、".join(wareki_span(r[0], r[-1], fiscal) if len(r) > 1 else wareki(r[0], fiscal) for r in runs)
