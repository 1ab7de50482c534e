"""The notebook API: everything a page of ``book/`` and a section module may call.

A page notebook is prose plus a few calls::

    from daisen_taiko.kernel import api
    from daisen_taiko.kernel.sections import population_finance as sec
    ed = api.start(edition_params)          # parameters injected by papermill
    sec.glue_prose(ed)                      # quantities of the prose → {glue:text}
    api.figure("fig-population", sec.population)   # the figure block: image, caption, notes, 出典

A section module computes from data and returns :class:`Drawn` / :class:`Tabled`; it
imports only this module.  The build stages never import section modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from daisen_taiko.common import records, style
from daisen_taiko.common.era import fiscal_year_of, short, wareki, wareki_date, wareki_span
from daisen_taiko.common.style import (
    LABEL,
    MUTED,
    PALETTE,
    SMALL,
    axis_break,
    clear_neighbours,
    label_colour,
    new,
    placeholder,
)
from daisen_taiko.common.text import approx, circled, comma, kanji_number, man, md_escape
from daisen_taiko.inputs import registry
from daisen_taiko.inputs.citations import source_of
from daisen_taiko.inputs.data import awaiting_confirmation, confirmed, load, value
from daisen_taiko.inputs.data.schema import FISCAL_INDICATORS, POPULATION_GROUPS, YOBODO_ROLES
from daisen_taiko.inputs.params import Edition, load_edition, validate
from daisen_taiko.kernel import figure_reading, glue
from daisen_taiko.plans.framework import framework_markdown
from daisen_taiko.plans.views import plan_overview, schedule_chart

__all__ = [
    "Drawn",
    "Edition",
    "FISCAL_INDICATORS",
    "LABEL",
    "MUTED",
    "PALETTE",
    "POPULATION_GROUPS",
    "SMALL",
    "Tabled",
    "YOBODO_ROLES",
    "approx",
    "axis_break",
    "clear_neighbours",
    "check",
    "circled",
    "comma",
    "confirmed",
    "edition",
    "escape",
    "figure",
    "fiscal_year_of",
    "framework_markdown",
    "kanji_number",
    "label_colour",
    "load",
    "man",
    "markdown",
    "noted",
    "new",
    "placeholder",
    "plan_overview",
    "provenance",
    "schedule_chart",
    "short",
    "start",
    "statement",
    "table",
    "text",
    "value",
    "wareki",
    "wareki_date",
    "wareki_span",
    "years_of",
]

HOLDS, CONTRADICTED, UNVERIFIED = records.HOLDS, records.CONTRADICTED, records.UNVERIFIED
PROVENANCE_COLUMNS = (records.PUBLICATION, records.READ_FROM)  # every drawn row has them


_started: list[Edition] = []  # the edition this kernel was started with (api.start)


def start(edition_params: dict | None) -> Edition:
    """Validate the papermill-injected parameters (or load the default edition when the
    notebook is opened by hand), point data loading at the edition, set the figure style."""
    ed = load_edition() if edition_params is None else validate(dict(edition_params), "papermill のパラメータ")
    ed.use_data()
    style.apply_style()
    _started[:] = [ed]
    return ed


def edition() -> Edition:
    """The edition of this run (the default edition when ``start`` was not called)."""
    return _started[0] if _started else load_edition()


def years_of(fid: str) -> list[int]:
    """The years ``fid`` shows in this edition: its first need's ``years`` in book/figures.yml
    (``FY-9..FY-1`` counts from the edition's 策定年度)."""
    return list(registry.get(fid).needs[0].years(edition().fiscal_year))


def _alt(item: registry.Item) -> str:
    """The alt text, its ``{年度}`` the span of fiscal years the figure shows in this edition."""
    text = item.alt or item.caption or ""
    if "{年度}" in text:
        years = years_of(item.id)
        text = text.replace("{年度}", wareki_span(years[0], years[-1], fiscal=True))
    return text


def text(name: str, value: object) -> str:
    """Glue one quantity of the prose (``{glue:text}`name` ``)."""
    return glue.text(name, value)


def statement(key: str) -> float:
    """A value the draft states (``data/draft_statements.csv``), e.g. a year or a count."""
    return value(load("draft_statements"), key=key)


def escape(text) -> str:
    """Text made safe for a Markdown table cell or paragraph (see text.md_escape)."""
    return md_escape(text)


def noted(text: str, block: str | None) -> str:
    """``text`` escaped for Markdown, its ※N marks made links to the notes of ``block`` (data/glossary.csv)."""
    import re

    out = escape(text)
    return re.sub(r"※(\d+)", lambda m: f"{{noteref}}`{block}:{m[1]}`", out) if block else out


def markdown(md: str) -> None:
    """Show Markdown (MyST) as the output of the cell."""
    from IPython.display import Markdown, display

    display(Markdown(md))


def provenance(df: pd.DataFrame) -> pd.DataFrame:
    """The 出典 and 取得元 of each row of ``df`` (for the drawn data and the downloads; the 大綱's
    downloads leave 取得元 out, common/records.py RETRIEVAL)."""
    return pd.DataFrame(
        {
            records.PUBLICATION: df["publication"].astype(str).to_numpy(),
            records.READ_FROM: df["retrieved_from"].astype(str).to_numpy(),
        },
        index=df.index,
    )


@dataclass
class Drawn:
    """A finished figure: the matplotlib figure (None when there is nothing to draw yet), the
    values it draws with their 出典/取得元 per row, the data rows used (for the 出典 line) and
    caption notes (※…) in the document's own register."""

    fig: object
    data: pd.DataFrame
    rows: list[pd.DataFrame] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Tabled:
    """A finished table: its Markdown body, the rows used, notes and the 単位 line."""

    body: str
    rows: list[pd.DataFrame] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str | None = None
    widths: list[int] | None = None
    data: pd.DataFrame | None = None


def _check_drawn(fid: str, data: pd.DataFrame) -> None:
    missing = [c for c in PROVENANCE_COLUMNS if c not in data.columns]
    if missing and not data.empty:
        raise ValueError(f"{fid}: the drawn data need the columns {PROVENANCE_COLUMNS} (use api.provenance)")


def _check_confirmed(fid: str, rows: list[pd.DataFrame]) -> None:
    """A public figure or table draws no row that waits for a department's confirmation."""
    waiting = [df.attrs.get("name") for df in rows if awaiting_confirmation(df).any()]
    if waiting:
        raise ValueError(f"{fid}: draws rows of {waiting} awaiting confirmation (draw api.confirmed(rows))")


def _tail(item: registry.Item, notes: list[str], rows: list[pd.DataFrame], unit: str | None = None) -> list[str]:
    """単位, notes and the 出典 line under a figure or table, each in its own styled block."""
    out = []
    if unit:
        out.append(f":::{{div}} table-unit\n単位：{escape(unit)}\n:::")
    for note in item.notes:  # the draft's own words printed with the table or figure
        out.append(f":::{{div}} draft-note\n{escape(note)}\n:::")
    for note in notes:  # ours (MyST: may hold roles such as {numref})
        out.append(note if note.startswith(":::") else f":::{{div}} caption-note\n{note}\n:::")
    source = source_of(item.citation, rows)
    if source:
        out.append(f":::{{div}} source\n{escape(source)}\n:::")
    return out


def _record(
    item: registry.Item, data: pd.DataFrame | None, notes: list[str], empty: bool, reading=None, source=""
) -> None:
    """What a figure or table draws, for the build; a figure also with what reading its labels
    against its data found (figure_reading: the tests require no problem)."""
    data = data if data is not None else pd.DataFrame()
    table = data.astype(object).where(data.notna(), None)
    glue.figure(
        records.Figure(
            id=item.id,
            kind=item.kind,
            caption=item.caption,
            citation=item.citation,
            columns=[str(c) for c in data.columns],
            rows=table.values.tolist(),
            notes=notes,
            empty=empty,
            source=source,
            reading=None if reading is None else reading.problems,
            read=None if reading is None else reading.read,
        )
    )


def figure(fid: str, draw: Callable[[], Drawn]) -> None:
    """Draw the figure ``fid`` of ``book/figures.yml`` and show its block: the image with the
    caption from the registry, the caption notes, the 出典 line, and (web edition) download links."""
    item = registry.get(fid)
    drawn = draw()
    if item.citation == "rows":
        _check_drawn(fid, drawn.data)
    _check_confirmed(fid, drawn.rows)
    empty = drawn.fig is None
    fig = placeholder() if empty else drawn.fig
    glue.store(fid, style.figure_bundle(fig, item.caption or fid, drawn.data))  # draws it: its labels exist
    reading = figure_reading.read(None if empty else fig, drawn.data, drawn.rows)
    if fid in registry.summary_figures():  # the 概要版 prints it too, drawn again with its text larger
        big = style.enlarged(draw)
        glue.store(records.enlarged_key(fid), style.figure_bundle(big.fig or fig, item.caption or fid, big.data))
        if not empty:  # read as the 本編's drawing is
            reading.problems += [f"概要版の図: {p}" for p in figure_reading.read(big.fig, big.data, big.rows).problems]
    _record(item, drawn.data, drawn.notes, empty, reading, source_of(item.citation, [] if empty else drawn.rows))
    alt = escape(_alt(item))
    head = [f"```{{glue:figure}} {fid}", f":name: {fid}", f":alt: {alt}", "", escape(item.caption or ""), "```"]
    parts = ["\n".join(head), *_tail(item, drawn.notes, [] if empty else drawn.rows)]
    if not empty and not drawn.data.empty and item.citation == "rows":
        parts.append(
            '```{raw} html\n<p class="figure-downloads">この図のデータ：'
            f'<a href="../downloads/{fid}.csv" download>CSV</a>　'
            f'<a href="../downloads/{fid}.xlsx" download>Excel</a></p>\n```'
        )
    markdown("\n\n".join(parts))


def table(tid: str, build: Callable[[], Tabled]) -> None:
    """Build the table ``tid`` of ``book/figures.yml`` and show it with its caption (numbered
    tables only), 単位, notes and 出典 line."""
    item = registry.get(tid)
    t = build()
    _check_confirmed(tid, t.rows)
    _record(item, t.data, t.notes, False, source=source_of(item.citation, t.rows))
    opts = f"\n:widths: {' '.join(str(w) for w in t.widths)}" if t.widths else ""
    caption = f" {escape(item.caption)}" if item.numbered else ""  # no caption: no number
    body = f":::{{table}}{caption}\n:name: {tid}\n:align: center{opts}\n\n{t.body}\n:::"
    markdown("\n\n".join([body, *_tail(item, t.notes, t.rows, t.unit)]))


def check(key: str, sentence: str, holds: bool | None, evidence: str, used: list[pd.DataFrame] = ()) -> str:
    """Record the check of one statement of the draft against data (for the 作業レポート and,
    in a 確定 edition, the build's stop).  ``sentence`` is the statement as the draft writes
    it, ``evidence`` the values used and the rule applied; ``holds`` None means the data are
    missing.  The 大綱 itself shows the sentence unchanged."""
    status = UNVERIFIED if holds is None else HOLDS if holds else CONTRADICTED
    files = sorted({str(df.attrs.get("file")) for df in used if df.attrs.get("file")})
    glue.check(records.Check(key=key, sentence=sentence, status=status, evidence=evidence, data=files))
    return status
