"""What an edition shows, kept beside it (``snapshot.json``) so that next year's edition can
list what changed: every quantity of the prose, every statement check, what every figure
and table draws, and every data row."""

from __future__ import annotations

import json
from pathlib import Path

from daisen_taiko.common.records import Results, as_json
from daisen_taiko.inputs.data import SCHEMAS, load
from daisen_taiko.inputs.params import Edition, load_edition


def _text(v) -> str | None:
    """A cell as the planner wrote it: 77657, not 77657.0."""
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def data_rows() -> dict[str, dict[str, dict]]:
    rows: dict[str, dict[str, dict]] = {}
    for name, schema in SCHEMAS.items():
        df = load(name)
        private = {c.name for c in schema.columns if c.private}  # kept in data/ only, never published
        table = {}
        for rec in df.astype(object).where(df.notna(), None).to_dict("records"):
            key = " / ".join(_text(rec[k]) or "" for k in schema.key) if schema.key else str(len(table) + 1)
            table[key] = {k: _text(v) for k, v in rec.items() if k not in private}
        rows[name] = table
    return rows


def settings(ed: Edition) -> dict[str, str]:
    """The edition's settings as a reader sees them (the parameters, in words)."""
    from daisen_taiko.common.era import wareki

    return {
        "名称": ed.full_title,
        "状態": ed.status,
        "策定年度": wareki(ed.fiscal_year, fiscal=True),
        "発行年月": ed.issued_label,
        "推進期間": ed.plan_period_label,
    }


def snapshot(ed: Edition, found: Results, numbers: dict[str, str]) -> dict:
    return {
        "settings": settings(ed),
        "quantities": found.quantities,
        "checks": [as_json(c) for c in found.checks],
        "figures": {fid: dict(as_json(rec), number=numbers.get(fid, "")) for fid, rec in found.figures.items()},
        "data": data_rows(),
    }


def previous_snapshot(ed: Edition, published: Path) -> dict | None:
    """The snapshot of the previous edition (``previous_edition``), if it has been built into
    ``published`` (``_build/``)."""
    if not ed.previous_edition:
        return None
    path = published / ed.previous_edition / "snapshot.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8")) | {"edition": load_edition(ed.previous_edition).issued_label}
