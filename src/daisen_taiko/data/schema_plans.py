"""Schemas of the 取組計画 / 進捗 files written by ``make intake`` (see daisen_taiko.intake)."""

from __future__ import annotations

from .schema import Schema

PLAN_SCHEMAS: dict[str, Schema] = {}
