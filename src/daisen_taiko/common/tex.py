"""Text for LaTeX: the escapes, and the characters the house style sets through a macro."""

from __future__ import annotations

# Characters that LaTeX sets through a macro of the house style (book/latex/daisen.sty): the
# draft's ～ (U+FF5E) keeps its code in the PDF's text.  The Sphinx LaTeX writer uses the same
# table (sphinx_extensions/book.py).
LATEX_CHARACTERS = {"～": r"\daisenfwtilde{}"}
LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **LATEX_CHARACTERS,
}


def tex(text: str, marked: bool = True) -> str:
    """``text`` for LaTeX; ``marked=False`` for what is not typeset (the PDF's document
    properties), where the house style's macros for characters are neither needed nor defined."""
    return "".join(LATEX_ESCAPES.get(ch, ch) if marked or ch not in LATEX_CHARACTERS else ch for ch in text)
