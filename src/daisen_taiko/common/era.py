"""Japanese era (和暦) labels for calendar and fiscal years.

A fiscal year (年度) N runs from April N to March N+1, so its era is the era
in force on 1 April N.  Only 昭和・平成・令和 are needed for this plan.
"""

from __future__ import annotations

import datetime as _dt

# (name, first day, western year of year 1)
_ERAS = (
    ("令和", _dt.date(2019, 5, 1), 2019),
    ("平成", _dt.date(1989, 1, 8), 1989),
    ("昭和", _dt.date(1926, 12, 25), 1926),
)

ABBREV = {"令和": "R", "平成": "H", "昭和": "S"}


def _era_on(day: _dt.date) -> tuple[str, int]:
    for name, start, base in _ERAS:
        if day >= start:
            return name, day.year - base + 1
    raise ValueError(f"{day} is before 昭和")


def _num(n: int) -> str:
    return "元" if n == 1 else str(n)


def era_year(year: int, fiscal: bool = False) -> tuple[str, int]:
    """Era name and era year of a calendar year or a fiscal year (年度).

    Both take the era in force on 31 December: 2019 is 令和元年 and the fiscal year that
    starts in April 2019 is 令和元年度, as the government names it (the era changed on
    1 May 2019); the fiscal year 1988 stays 昭和63年度.

    >>> era_year(2019, fiscal=True)
    ('令和', 1)
    >>> era_year(1988, fiscal=True)
    ('昭和', 63)
    """
    del fiscal  # same rule for years and fiscal years; kept for the callers' readability
    return _era_on(_dt.date(year, 12, 31))


def wareki(year: int, fiscal: bool = False, western: bool = False) -> str:
    """``wareki(2026, fiscal=True, western=True)`` → ``令和8（2026）年度``."""
    name, n = era_year(year, fiscal)
    suffix = "年度" if fiscal else "年"
    mid = f"（{year}）" if western else ""
    return f"{name}{_num(n)}{mid}{suffix}"


def wareki_span(first: int, last: int, fiscal: bool = False) -> str:
    """A span of years as a document writes it, the era not repeated within one era.

    >>> wareki_span(2021, 2025, fiscal=True)
    '令和3〜7年度'
    >>> wareki_span(2016, 2024, fiscal=True)
    '平成28〜令和6年度'
    >>> wareki_span(2020, 2020)
    '令和2年'
    """
    if first == last:
        return wareki(first, fiscal)
    (e1, n1), (e2, n2) = era_year(first), era_year(last)
    suffix = "年度" if fiscal else "年"
    tail = _num(n2) if e1 == e2 else f"{e2}{_num(n2)}"
    return f"{e1}{_num(n1)}〜{tail}{suffix}"


def short(year: int, fiscal: bool = True) -> str:
    """Short label used in table headers of the draft: ``R6``, ``H28``."""
    name, n = era_year(year, fiscal)
    return f"{ABBREV[name]}{n}"


def western_from_wareki(label: str) -> int | None:
    """Parse ``令和6年度``, ``令和元年``, ``R6``, ``H28`` → western year.

    Returns None when the text is not an era label.
    """
    import re
    import unicodedata

    s = unicodedata.normalize("NFKC", label).strip()
    m = re.fullmatch(r"(令和|平成|昭和|R|H|S)\s*(元|\d{1,2})\s*(年度|年)?", s)
    if not m:
        return None
    era = {"R": "令和", "H": "平成", "S": "昭和"}.get(m.group(1), m.group(1))
    n = 1 if m.group(2) == "元" else int(m.group(2))
    base = {name: b for name, _, b in _ERAS}[era]
    return base + n - 1


def _parse_date(text: str) -> tuple[int, int | None, int | None]:
    import re

    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(text).strip())
    if not m:
        raise ValueError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
    return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None


def wareki_date(text: str) -> str:
    """``2020-04`` → ``令和2年4月``, ``2025-06-13`` → ``令和7年6月13日``, ``2000`` → ``平成12年``.

    Dates with a month use the era in force on that day (the 1st when no day is
    given); a bare year follows :func:`wareki`."""
    year, month, day = _parse_date(text)
    if month is None:
        return wareki(year)
    name, n = _era_on(_dt.date(year, month, day or 1))
    return f"{name}{_num(n)}年{month}月" + (f"{day}日" if day else "")


def fiscal_year_of(text: str) -> int:
    """The fiscal year (年度) a date falls in: ``2021-04`` → 2021, ``2023-03`` → 2022."""
    year, month, _ = _parse_date(text)
    if month is None:
        raise ValueError(f"a month is needed to tell the fiscal year: {text!r}")
    return year if month >= 4 else year - 1
