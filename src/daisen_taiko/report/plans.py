"""取組計画の提出状況と進捗 (filled in by the intake of the departments' workbooks)."""

from __future__ import annotations

from ..params import Edition
from .common import Page


def page(ed: Edition) -> Page | None:
    del ed
    return None
