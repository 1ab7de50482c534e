"""The data of the book: ``data/*.csv``, each read with its schema and validated.

``load(name)`` is the one entry point for section code; ``validate_all()`` checks every
file before a build starts.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

from daisen_taiko.common.errors import InputError, Problem
from daisen_taiko.common.text import closest
from daisen_taiko.inputs.data.reader import decode, parse_number, read_table
from daisen_taiko.inputs.data.schema import SCHEMAS, Col, Schema
from daisen_taiko.inputs.paths import data_dir, data_path

__all__ = [
    "AWAITING",
    "SCHEMAS",
    "awaiting_confirmation",
    "confirmed",
    "Col",
    "Schema",
    "data_dir",
    "data_path",
    "decode",
    "load",
    "parse_number",
    "read_table",
    "validate_all",
    "value",
]


_ACCESS_LOG = "DAISEN_DATA_LOG"


def _log_access(path: Path) -> None:
    """Record which data files a notebook read (the build's execution cache keys on them)."""
    log = os.environ.get(_ACCESS_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(path.name + "\n")


_READ: dict[tuple[str, bytes], pd.DataFrame] = {}


def _read(name: str) -> pd.DataFrame:
    """``data/<name>.csv`` read and checked with its schema, once per content in a process
    (the build validates every file, then its report pages load them again)."""
    path = data_path(name)
    try:
        key = (str(path), hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return read_table(path, SCHEMAS[name])  # explains the missing file
    if key not in _READ:
        _READ[key] = read_table(path, SCHEMAS[name])
    return _READ[key].copy()


def load(name: str) -> pd.DataFrame:
    """Load ``data/<name>.csv`` with its schema (the one entry point notebooks use)."""
    if name not in SCHEMAS:
        raise KeyError(f"schema for data/{name}.csv is not defined")
    _log_access(data_path(name))
    df = _read(name)
    df.attrs["name"] = name
    return df


def validate_all() -> list[str]:
    """Validate every data file; raise one InputError with the problems of all files."""
    problems: list[Problem] = []
    read: dict[str, pd.DataFrame] = {}
    for name in SCHEMAS:
        try:
            read[name] = _read(name)
        except InputError as exc:
            problems.extend(exc.problems)
    for name, schema in SCHEMAS.items():
        for column, other, its in schema.refers:
            if name in read and other in read:
                problems.extend(_unknown_references(read[name], column, read[other], its))
    extra = sorted(p.name for p in data_dir().glob("*.csv") if p.stem not in SCHEMAS)
    for fname in extra:
        problems.append(
            Problem(
                f"data/{fname}",
                "スキーマが定義されていないファイルです。"
                "ファイル名の綴りを確認するか、開発担当にスキーマ追加を依頼してください。",
            )
        )
    if problems:
        raise InputError(problems)
    return sorted(SCHEMAS)


def _unknown_references(df: pd.DataFrame, column: str, other: pd.DataFrame, its: str) -> list[Problem]:
    """A problem for each value of ``df[column]`` that ``other[its]`` does not hold (schema.refers)."""
    known = [str(v) for v in other[its].dropna()]
    problems = []
    for line, value in zip(df.attrs["lines"], df[column]):
        if value is None or pd.isna(value) or str(value) in known:
            continue
        near = closest(str(value), known)
        hint = "近い値: " + "、".join(f"「{n}」" for n in near) + "。" if near else ""
        problems.append(
            Problem(
                df.attrs["file"],
                f"{other.attrs['file']} の「{its}」にない値です。{hint}"
                f"{other.attrs['file']} にある値に直すか、正しい値を出典とともに {other.attrs['file']} に追加してください。",
                row=line,
                column=column,
                value=str(value),
            )
        )
    return problems


# A row whose ``confidence`` starts with one of these words waits for a department to confirm it
# against the publication: it is read and checked against the draft's statements, but no figure
# or table of a public document draws it (api.figure refuses it) and the 作業レポート asks for the
# confirmation.  Confirmed, its confidence is rewritten (e.g. ``confirmed (財政課 2026-01-15)``).
AWAITING = ("secondary", "unconfirmed")


def awaiting_confirmation(df: pd.DataFrame) -> pd.Series:
    """Which rows of ``df`` wait for a confirmation (see AWAITING)."""
    if "confidence" not in df.columns:
        return pd.Series(False, index=df.index)
    return df["confidence"].fillna("").astype(str).str.strip().str.lower().str.startswith(AWAITING)


def confirmed(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``df`` a public document may draw."""
    return df[~awaiting_confirmation(df)]


def value(df: pd.DataFrame, **match) -> float:
    """The single ``value`` of the row matching ``match``; fail loudly otherwise."""
    sel = df
    for k, v in match.items():
        sel = sel[sel[k] == v]
    if len(sel) != 1:
        raise LookupError(f"{df.attrs.get('file')}: expected one row for {match}, found {len(sel)}")
    return sel["value"].iloc[0]
