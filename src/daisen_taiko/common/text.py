"""Numbers written the way the draft writes them (桁区切り, 万/億, kanji numerals)."""

from __future__ import annotations


def fold(text) -> str:
    """Text as a code or a name compares: NFKC (full-width letters and digits folded, half-width
    katakana widened) and no blanks at all (also full-width ones).

    >>> fold(" ＤＸ推進　課 ")
    'DX推進課'
    """
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", "" if text is None else str(text)).split())


def closest(name: str, names: list[str], n: int = 3) -> list[str]:
    """The names of ``names`` nearest to ``name`` compared folded (best first), or none."""
    import difflib

    return difflib.get_close_matches(fold(name), names, n=n, cutoff=0.4)


def circled(n: int) -> str:
    """``1`` → ``①`` (the draft numbers 取組内容 with circled digits)."""
    return chr(0x2460 + n - 1)


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


_KANJI = "一二三四五六七八九"


def kanji_number(n: int) -> str:
    """1〜9 as a kanji numeral, as the draft writes small counts (三次).

    >>> kanji_number(3)
    '三'
    """
    if not 1 <= n <= len(_KANJI):
        raise ValueError(f"no kanji numeral for {n}")
    return _KANJI[n - 1]


def md_escape(text) -> str:
    r"""Text made literal in MyST Markdown: markup characters escaped, and a leading 「5.」 not
    read as a numbered list.

    >>> md_escape("5. 行政サービス改革の必要性")
    '5\\. 行政サービス改革の必要性'
    >>> md_escape("a|b *c*")
    'a\\|b \\*c\\*'
    """
    import re

    s = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    for ch in ("\\", "|", "*", "_", "`", "{", "}", "<", ">", "[", "]"):
        s = s.replace(ch, "\\" + ch)
    return re.sub(r"^(\d+)\.", r"\1\\.", s)
