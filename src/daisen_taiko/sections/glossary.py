"""用語集: every ※ note of ``data/glossary.csv`` with the section it belongs to."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from ..data import load
from ..sources import source_line
from ..tables import _escape, table
from ..text import glue_text
from . import outline


def entries() -> pd.DataFrame:
    """The notes in reading order (the order of ``_toc.yml``, then the note number)."""
    df = load("glossary").copy()
    df["doc"] = df["section"].str.split(":").str[0]
    order = {doc.removeprefix("book/"): i for i, doc in enumerate(outline.parents())}
    unknown = sorted(set(df["doc"]) - set(order))
    if unknown:
        raise LookupError(f"data/glossary.csv: sections not in _toc.yml: {unknown}")
    df["order"] = df["doc"].map(order)
    first_row = {section: i for i, section in reversed(list(enumerate(df["section"])))}
    df["block"] = df["section"].map(first_row)  # note blocks of one page in file order
    return df.sort_values(["order", "block", "number"]).reset_index(drop=True)


def glue_glossary() -> None:
    glue_text("glossary_count", f"{len(entries())}語")


def glossary() -> Markdown:
    """One table per page of the book that has ※ notes, under the place of that page."""
    df = entries()
    out = []
    for doc, rows in df.groupby("order", sort=True):
        out.append(f"## {_escape(outline.place(rows['doc'].iloc[0]))}")
        shown = pd.DataFrame({"注": [f"※{int(n)}" for n in rows["number"]], "用語": rows["term"],
                              "解説": rows["explanation"]})
        out.append(table(shown, None, None, source_line(rows), align="lll", widths=[8, 30, 62]).data)
    return Markdown("\n\n".join(out))
