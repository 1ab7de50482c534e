"""Merging the claims of the returned workbooks into data/, all or nothing.

Two workbooks that claim different values for the same cell are rejected (both named).
A claim changes a row only when its value differs from data/; only changed rows get new
provenance, so re-reading the same workbooks (on any day) changes nothing.  All files
are written to temporary names, re-read with their schemas, and only then replaced.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from daisen_taiko.common.errors import Problem
from daisen_taiko.inputs.data import SCHEMAS, data_path, load, read_table
from daisen_taiko.intake import changes
from daisen_taiko.intake.workbook import CHANGES_TABLE, PLAN_TABLE, PROGRESS_TABLE, SCHEDULE_TABLE, Claim
from daisen_taiko.plans import id_order

TABLES = (PLAN_TABLE, SCHEDULE_TABLE, PROGRESS_TABLE, CHANGES_TABLE)
PROVENANCE_FIELDS = ("publication", "retrieved_from", "confidence", "note")
KEPT_NOTE = "空欄の項目は従前の値を保持"


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)


def _value_fields(table: str) -> list[str]:
    key = SCHEMAS[table].key
    return [c.name for c in SCHEMAS[table].columns if c.name not in key and c.name not in PROVENANCE_FIELDS]


def existing() -> dict[str, dict[tuple, dict]]:
    out = {}
    for table in TABLES:
        df = load(table)
        df = df.astype(object).where(df.notna(), None)
        key = SCHEMAS[table].key
        out[table] = {}
        for rec in df.to_dict("records"):
            if "fiscal_year" in rec and rec["fiscal_year"] is not None:
                rec["fiscal_year"] = int(rec["fiscal_year"])
            out[table][tuple(rec[k] for k in key)] = rec
    return out


def conflicts(claims: list[Claim]) -> list[Problem]:
    """Every cell that two workbooks fill with different values."""
    first: dict[tuple, dict] = {}
    problems = []
    for c in claims:
        values = first.setdefault((c.table, c.key, c.field), {})
        if c.value in values:
            continue
        for other in values.values():
            shown = (
                "（消去「—」）"
                if other.value is None
                else f"「{other.value:g}」"
                if isinstance(other.value, float)
                else f"「{other.value}」"
            )
            problems.append(
                c.where.problem(
                    f"{other.where.text()}の値{shown}と食い違っています。どちらが正しいか担当課に確認し、"
                    "一方のブックを直して（または古いブックを外して）から再実行してください。",
                    "—" if c.value is None else c.value,
                )
            )
            break
        values[c.value] = c
    return problems


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else format(v, ".15g")
    return str(v)


def _csv(table: str, rows: dict[tuple, dict]) -> str:
    cols = [c.name for c in SCHEMAS[table].columns]
    order = {i: n for n, i in enumerate(id_order(k[0] for k in rows))}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for key in sorted(rows, key=lambda k: (order[k[0]], *k[1:])):
        w.writerow([_fmt(rows[key].get(c)) for c in cols])
    return buf.getvalue()


def merge(claims: list[Claim], received: str) -> tuple[dict[str, dict], list[Problem], Outcome]:
    """The new contents of the three tables, the problems found, and what changed."""
    problems = conflicts(claims)
    old = existing()
    new = {t: {k: dict(r) for k, r in rows.items()} for t, rows in old.items()}
    changed, unexplained = changes.find(claims, old, received)
    problems += unexplained
    claims = [c for c in claims if c.table != CHANGES_TABLE]
    by_row: dict[tuple[str, tuple], list[Claim]] = {}
    for c in claims:
        by_row.setdefault((c.table, c.key), []).append(c)
    # a 取組 with anything written on the 取組計画 sheet has a plans row (its 担当課 lives there)
    for c in claims:
        if c.table in (PLAN_TABLE, SCHEDULE_TABLE):
            by_row.setdefault((PLAN_TABLE, (c.key[0],)), [])
    # plans first: the other rows take their 担当課 from them
    ordered = sorted(by_row, key=lambda tk: TABLES.index(tk[0]))
    plan_where = {c.key[0]: c.where for c in claims if c.table in (PLAN_TABLE, SCHEDULE_TABLE)}
    out = Outcome()
    no_dept: set[str] = set()
    for table, key in ordered:
        row_claims = by_row[(table, key)]
        before = old[table].get(key)
        rec = dict(before) if before else {k: v for k, v in zip(SCHEMAS[table].key, key)}
        for c in row_claims:
            rec[c.field] = c.value
        ident = key[0]
        plan = rec if table == PLAN_TABLE else new[PLAN_TABLE].get((ident,), {})
        dept = plan.get("owner_dept")
        fields = _value_fields(table)
        if before is not None and all(rec.get(f) == before.get(f) for f in fields):
            continue  # nothing new: keep the row and its provenance
        if table != PLAN_TABLE and all(rec.get(f) is None for f in fields):
            new[table].pop(key, None)
            if before is not None:
                out.removed[table] = out.removed.get(table, 0) + 1
            continue
        if not dept:
            if ident not in no_dept:
                no_dept.add(ident)
                where = plan_where.get(ident) or row_claims[0].where
                problems.append(
                    where.problem(
                        f"取組 {ident} の担当課が記入されていません。シート「取組計画」のこの取組の行の「担当課」に"
                        "担当する課所室名を記入してください。"
                    )
                )
            continue
        sources = row_claims or [c for c in claims if c.key[0] == ident and c.table == SCHEDULE_TABLE][:1]
        spots = sorted({f"{Path(c.where.file).name} シート「{c.where.sheet}」{c.where.row}行目" for c in sources})
        title = "「取組計画」進捗報告" if table == PROGRESS_TABLE else "「取組計画」"
        kept = before is not None and any(
            before.get(f) is not None and not any(c.field == f for c in row_claims) for f in fields
        )
        rec.update(
            publication=f"大仙市 {dept}{title}",
            retrieved_from="; ".join(f"{s}（{dept}、{received} 受領）" for s in spots),
            confidence="high",
            note=f"{KEPT_NOTE}（従前: {before.get('retrieved_from')}）" if kept else None,
        )
        new[table][key] = rec
        counter = out.changed if before is not None else out.added
        counter[table] = counter.get(table, 0) + 1
    for row in changed:
        dept = (new[PLAN_TABLE].get((row["id"],)) or {}).get("owner_dept") or ""
        new[CHANGES_TABLE][(row["id"], row["item"], received)] = changes.with_provenance(row, dept)
        out.added[CHANGES_TABLE] = out.added.get(CHANGES_TABLE, 0) + 1
    return new, problems, out


def table_text(table: str, rows: list[dict]) -> str:
    """``rows`` as the CSV text of ``data/<table>.csv`` (its schema's columns, in its order)."""
    cols = [c.name for c in SCHEMAS[table].columns]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([_fmt(r.get(c)) for c in cols])
    return buf.getvalue()


def write_tables(new: dict[str, dict], out: Outcome) -> None:
    """Write the tables that changed: all to temp names, each re-read with its schema, then replaced."""
    out.written += replace_files({table: _csv(table, new[table]) for table in TABLES})


def replace_files(texts: dict[str, str]) -> list[str]:
    """Write ``data/<table>.csv`` for each table whose text differs (an absent file with nothing
    but a header stays absent): all to temp names, each re-read with its schema, then replaced;
    nothing is replaced when one fails.  Returns the names of the files written."""
    pending: list[tuple[Path, Path]] = []
    written = []
    try:
        for table, text in texts.items():
            path = data_path(table)
            current = path.read_bytes() if path.exists() else None
            if current == text.encode("utf-8") or (current is None and text.count("\n") <= 1):
                continue
            tmp = path.with_name(f".{path.name}.intake.tmp")
            tmp.write_bytes(text.encode("utf-8"))
            pending.append((tmp, path))
            read_table(tmp, SCHEMAS[table])  # what is written must read back cleanly
        for tmp, path in pending:
            os.replace(tmp, path)
            written.append(path.name)
    finally:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)  # left only when something failed before os.replace
    return written
