"""Changes from a published plan, marked where the 推進状況報告書 shows them: ``{ins}`新しい値``` and
``{del}`元の値```.  On the web ``<ins>``/``<del>``; in print underlined / struck through
(``\\daisenins``/``\\daisendel`` of daisen.sty), character by character so that a long value still
breaks across lines."""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from daisen_taiko.common.tex import tex


class MarkRole(SphinxRole):
    def __init__(self, tag: str, macro: str):
        super().__init__()
        self.tag, self.macro = tag, macro

    def run(self):
        text = self.text
        latex = r"\hspace{0pt}".join(f"\\{self.macro}{{{tex(ch)}}}" for ch in text)
        return [
            nodes.raw("", f"<{self.tag}>{html.escape(text)}</{self.tag}>", format="html"),
            nodes.raw("", latex, format="latex"),
        ], []


def setup(app):
    app.add_role("ins", MarkRole("ins", "daisenins"))
    app.add_role("del", MarkRole("del", "daisendel"))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
