"""Tables rendered as MyST Markdown, so HTML and the PDF (booktabs) both get a real table."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown


def _escape(text) -> str:
    s = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
            .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`").replace("{", "\\{").replace("}", "\\}"))


_ALIGN = {"l": ":--", "r": "--:", "c": ":-:"}


def pipe_table(df: pd.DataFrame, align: str | None = None) -> str:
    """``align``: one of l/r/c per column; default first column left, the others right (numbers)."""
    cols = [str(c) for c in df.columns]
    align = align or "l" + "r" * (len(cols) - 1)
    out = ["| " + " | ".join(_escape(c) for c in cols) + " |",
           "|" + "|".join(_ALIGN[a] for a in align) + "|"]
    for row in df.itertuples(index=False):
        out.append("| " + " | ".join(_escape(v) for v in row) + " |")
    return "\n".join(out)


def table(df: pd.DataFrame, caption: str | None, name: str | None, source: str, unit: str | None = None,
          notes: list[str] | None = None, align: str | None = None, widths: list[int] | None = None) -> Markdown:
    """A numbered table (when ``name`` is given) with 単位, 出典 and ※ notes below.

    ``widths`` (relative column widths) lets long text wrap in the PDF; it adds no caption or number."""
    body = pipe_table(df, align)
    extra = f"\n:widths: {' '.join(str(w) for w in widths)}" if widths else ""
    if caption:
        head = f":::{{table}} {_escape(caption)}\n:name: {name}\n:align: center{extra}\n\n{body}\n:::"
    elif extra:
        head = f":::{{table}}{extra}\n\n{body}\n:::"
    else:
        head = body
    tail = []
    if unit:
        tail.append(f"単位：{_escape(unit)}")
    tail += [_escape(n) for n in notes or []]
    tail.append(_escape(source))
    return Markdown(head + "\n\n" + "\n\n".join(tail))
