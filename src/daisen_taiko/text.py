"""Number formatting for Japanese prose and glue helpers.

Every quantity in the prose is glued from data with :func:`glue_text`; the
glued object prints without quotes so ``{glue:text}`` shows it verbatim.
"""

from __future__ import annotations


class Glued(str):
    """A string whose repr is itself (myst-nb renders text/plain)."""

    def __repr__(self) -> str:  # noqa: D105
        return str(self)


def comma(n: float, digits: int = 0) -> str:
    """``123158`` → ``123,158``; ``91.1`` (digits=1) → ``91.1``."""
    return f"{n:,.{digits}f}"


def man(n: int) -> str:
    """Japanese 万/億 notation as in the draft: ``123158`` → ``12万3,158``,
    ``113980000`` → ``1億1398万``."""
    n = int(round(n))
    if n < 0:
        return "▲" + man(-n)
    oku, rest = divmod(n, 100_000_000)
    man_, ichi = divmod(rest, 10_000)
    parts = []
    if oku:
        parts.append(f"{oku}億")
    if man_:
        parts.append(f"{man_}万" if oku else f"{man_:,}万")
    if ichi or not parts:
        parts.append(f"{ichi:,}")
    return "".join(parts)


def approx(n: float, sig: int = 1) -> str:
    """Round to ``sig`` significant digits for 「約…」 statements: 1097 → ``1,000``."""
    from math import floor, log10

    if n == 0:
        return "0"
    scale = 10 ** (floor(log10(abs(n))) - sig + 1)
    return comma(round(n / scale) * scale)


def glue_text(name: str, text) -> Glued:
    """Glue a preformatted text for ``{glue:text}`name` `` and return it."""
    from myst_nb import glue

    g = Glued(str(text))
    glue(name, g, display=False)
    return g
