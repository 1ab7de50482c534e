"""※ notes (用語解説): kept in ``data/glossary.csv``, shown with their section as in
the draft (numbered ※1, ※2 … per note block) and collected on the 用語集 page."""

from __future__ import annotations

from IPython.display import Markdown

from .data import load
from .tables import _escape


def notes_for(block: str):
    """Rows of one note block; ``block`` is the ``section`` value (e.g. ``ch1_4_review``)."""
    df = load("glossary")
    return df[df["section"] == block].sort_values("number")


def notes(block: str) -> Markdown:
    """The ※ notes of one block as Markdown (display it in a ``remove-input`` cell)."""
    rows = notes_for(block)
    if rows.empty:
        raise LookupError(f"data/glossary.csv has no notes for section '{block}'")
    lines = [f"※{int(r.number)} {_escape(r.term)}：{_escape(r.explanation)}" for r in rows.itertuples()]
    return Markdown(":::{div} notes\n" + "\n\n".join(lines) + "\n:::")
