"""第1章 3.(3) DXの動向: the years and numbers of the national policy events the
prose names (``data/national_dx_policy.csv``), glued as ``dx_<key>`` (the date in
和暦) and ``dx_<key>_value`` (the number, e.g. the version of a plan)."""

from __future__ import annotations

import pandas as pd

from ..data import load
from ..era import wareki, wareki_date
from ..text import glue_text

VALUE_DIGITS = {"版": 1}   # 第4.0版: versions keep one decimal


def policy() -> pd.DataFrame:
    return load("national_dx_policy")


def date_label(date: str, basis: str | None) -> str:
    """``2023`` with basis 年度 → ``令和5年度``; otherwise the date in 和暦 (``令和7年6月13日``)."""
    if basis == "年度":
        if not str(date).isdigit():
            raise ValueError(f"national_dx_policy.csv: a 年度 must be a year: {date}")
        return wareki(int(date), fiscal=True)
    return wareki_date(date)


def labels(df: pd.DataFrame) -> dict[str, str]:
    """Glue name → text for every row."""
    out: dict[str, str] = {}
    for r in df.itertuples():
        if isinstance(r.date, str) and r.date:
            out[f"dx_{r.key}"] = date_label(r.date, r.year_basis if isinstance(r.year_basis, str) else None)
        if pd.notna(r.value):
            out[f"dx_{r.key}_value"] = f"{float(r.value):.{VALUE_DIGITS.get(r.unit, 0)}f}"
    return out


def glue_dates() -> None:
    for name, text in labels(policy()).items():
        glue_text(name, text)
