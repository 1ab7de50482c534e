"""The figures and tables of the 大綱, each described once in ``book/figures.yml``.

An entry gives the id (the Sphinx label, e.g. ``fig-fiscal``), the caption as the draft
writes it, the alt text, fixed notes the draft prints with it, how its 出典 line is made
(``citation``), and the data it needs (``needs``): which file, which rows, which years.
That description feeds the notebook block (caption, notes, 出典), the downloads, the
データ整備状況 requests of the 作業レポート and the tests.  Figure and table numbers are
never written here: Sphinx numbers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from daisen_taiko import project_root

CITATIONS = ("rows", "draft", "none")  # 出典 from the rows drawn / the draft prints its own / none


@dataclass(frozen=True)
class Need:
    """Data one figure or table needs: rows of ``file`` matching ``where``, for the years of
    ``years`` (fixed, or counted from the edition's 策定年度: ``FY-9..FY-1``)."""

    label: str
    file: str | None = None  # None: the data are not in data/ yet (always requested)
    where: dict = field(default_factory=dict)
    years_spec: str | list | None = None
    dept: str = ""  # 依頼先（課）
    what: str = ""  # 何を（依頼の文言）

    def years(self, fiscal_year: int) -> tuple[int, ...]:
        """The years needed by the edition whose 策定年度 is ``fiscal_year``."""
        return parse_years(self.years_spec, fiscal_year)


@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # figure | table
    caption: str | None  # None: unnumbered (the draft gives it no number)
    alt: str = ""
    notes: tuple[str, ...] = ()  # fixed notes the draft prints with it (its own words)
    citation: str = "rows"
    needs: tuple[Need, ...] = ()

    @property
    def numbered(self) -> bool:
        return self.caption is not None


_YEAR = r"(\d{4}|FY(?:[+-]\d{1,2})?)"


def _year(token: str, fiscal_year: int) -> int:
    return int(token) if token.isdigit() else fiscal_year + int(token[2:] or 0)


def parse_years(spec, fiscal_year: int) -> tuple[int, ...]:
    """``"1955..2020/5"`` → 1955, 1960, …, 2020; ``"2016..2024"``; ``"FY-9..FY-1"`` → the nine
    years before the edition's 策定年度 ``fiscal_year``; or a list of years."""
    if spec is None:
        return ()
    if isinstance(spec, list):
        return tuple(int(y) for y in spec)
    m = re.fullmatch(rf"\s*{_YEAR}\s*\.\.\s*{_YEAR}\s*(?:/\s*(\d+))?\s*", str(spec))
    if not m:
        raise ValueError(f"years: expected 'YYYY..YYYY[/step]' (FY±n for the edition's year) or a list, got {spec!r}")
    return tuple(range(_year(m[1], fiscal_year), _year(m[2], fiscal_year) + 1, int(m[3] or 1)))


def _checked_years(spec, where: str):
    try:
        parse_years(spec, 2025)  # only the form is checked here; the edition gives FY
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    return spec


def registry_path() -> Path:
    return project_root() / "book" / "figures.yml"


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> dict[str, Item]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    items = {}
    for fid, spec in raw.items():
        kind = "figure" if fid.startswith("fig-") else "table" if fid.startswith("tbl-") else None
        if kind is None:
            raise ValueError(f"{path.name}: '{fid}' must start with fig- or tbl-")
        if spec.get("citation", "rows") not in CITATIONS:
            raise ValueError(f"{path.name}: {fid}: citation must be one of {CITATIONS}")
        needs = tuple(
            Need(
                label=n["label"],
                file=n.get("file"),
                where=dict(n.get("where") or {}),
                years_spec=_checked_years(n.get("years"), f"{path.name}: {fid}"),
                dept=n.get("dept", ""),
                what=n.get("what", ""),
            )
            for n in spec.get("needs") or []
        )
        items[fid] = Item(
            id=fid,
            kind=kind,
            caption=spec.get("caption"),
            alt=spec.get("alt", ""),
            notes=tuple(spec.get("notes") or ()),
            citation=spec.get("citation", "rows"),
            needs=needs,
        )
    return items


def items() -> dict[str, Item]:
    path = registry_path()
    return _load(path, path.stat().st_mtime)


def get(fid: str) -> Item:
    try:
        return items()[fid]
    except KeyError:
        raise KeyError(f"'{fid}' is not described in book/figures.yml") from None


SUMMARY_FILE = "book/summary.yml"  # the 概要版's contents (documents/summary.py reads and checks it)


def summary_figures() -> frozenset[str]:
    """The figures the 概要版 prints (its ``figure:`` blocks): the pages draw them enlarged too."""
    path = project_root() / SUMMARY_FILE
    try:
        return _summary_figures(path, path.stat().st_mtime)
    except (OSError, yaml.YAMLError):
        return frozenset()  # the 概要版 stage names what is wrong with the file


@lru_cache(maxsize=4)
def _summary_figures(path: Path, mtime: float) -> frozenset[str]:
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pages = spec.get("pages") if isinstance(spec, dict) else None
    blocks = [b for p in pages or [] if isinstance(p, dict) for b in p.get("blocks") or [] if isinstance(b, dict)]
    return frozenset(str(b["figure"]) for b in blocks if "figure" in b)
