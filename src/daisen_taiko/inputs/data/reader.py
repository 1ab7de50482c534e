"""Reading one CSV file as planners really produce it, with every problem reported.

Accepted: UTF-8 with or without BOM, Shift_JIS/CP932 from Excel, full-width digits and
separators, thousands separators, stray blanks, trailing empty lines, 和暦 in year
columns.  Anything that cannot be read unambiguously is reported in Japanese with file,
row and column; all problems of a file are reported together.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pandas as pd

from daisen_taiko.common.era import western_from_wareki
from daisen_taiko.common.errors import InputError, Problem, rel
from daisen_taiko.inputs.data.schema import Col, Schema


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) first, then CP932 (Excel 日本語 の CSV).

    Files that are not text CSV at all — an .xlsx saved under a .csv name, or
    Excel's 「Unicode テキスト」 (UTF-16) — are named as such."""
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(
            [
                Problem(
                    name,
                    "Excel ブック（xlsx）形式のまま保存されています。Excel の「名前を付けて保存」で"
                    "「CSV UTF-8（コンマ区切り）」を選んで保存し直してください。",
                )
            ]
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            [
                Problem(
                    name,
                    "UTF-16（Excel の「Unicode テキスト」）で保存されています。"
                    "「CSV UTF-8（コンマ区切り）」で保存し直してください。",
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                Problem(
                    name,
                    "文字コードを判別できません。UTF-8（推奨）または Shift_JIS で保存してください。"
                    f"（{exc.start + 1}バイト目）",
                )
            ]
        ) from None


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def parse_number(text: str) -> float | None:
    """Normalise a planner-typed number.  Returns None when it is not one.

    Accepted: full-width digits and signs (NFKC), thousands separators in
    correct groups (``123,158``), ``▲``/``△`` as minus, surrounding blanks,
    a trailing ``%``.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace("−", "-").replace("－", "-")
    if s[:1] in ("▲", "△"):
        s = "-" + s[1:].strip()
    if s.endswith("%"):
        s = s[:-1].strip()
    if "," in s:
        if not _GROUPED.fullmatch(s):
            return None
        s = s.replace(",", "")
    if not _NUMBER.fullmatch(s):
        return None
    return float(s)


_DATE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_WAREKI_DATE = re.compile(r"((?:令和|平成|昭和)\s*(?:元|\d{1,2})年)(?:\s*(\d{1,2})月(?:\s*(\d{1,2})日)?)?")


def parse_date(text: str) -> str | None:
    """A planner-typed date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when it is not one.

    Accepted: 2025-06-13, 2025/6/13 (how Excel saves a date in a CSV), 2025-06, 2025,
    令和7年6月13日, 令和7年6月, full-width digits."""
    import datetime as dt

    s = unicodedata.normalize("NFKC", text).strip()
    m = _DATE.fullmatch(s)
    if m:
        year = int(m[1])
    else:
        m = _WAREKI_DATE.fullmatch(s)
        year = western_from_wareki(m[1]) if m else None
        if year is None:
            return None
    month, day = (int(m[2]) if m[2] else None), (int(m[3]) if m[3] else None)
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _choice(col: Col, text: str) -> tuple[object, str | None]:
    """One of ``col.choices`` (written with other widths of parentheses or digits is fine)."""
    if text in col.choices:
        return text, None
    same = [c for c in col.choices if unicodedata.normalize("NFKC", c) == unicodedata.normalize("NFKC", text)]
    if same:
        return same[0], None
    return None, f"この値は使えません。{col.describe()}を入力してください（綴りの誤りではありませんか）。"


def _convert(col: Col, text: str) -> tuple[object, str | None]:
    if col.choices:
        return _choice(col, text)
    if col.kind == "text":
        return text, None
    if col.kind == "date":
        date = parse_date(text)
        return (date, None) if date else (None, f"{col.describe()}を入力してください。")
    if col.kind == "year":
        year = western_from_wareki(text)
        if year is None:
            num = parse_number(text)
            if num is None or num != int(num):
                return None, f"{col.describe()}を入力してください。"
            year = int(num)
        return year, None
    num = parse_number(text)
    if num is None:
        return None, f"{col.describe()}を入力してください（全角数字・桁区切りのカンマは可）。"
    if col.kind == "int":
        if num != int(num):
            return None, f"{col.describe()}を入力してください（小数は不可）。"
        num = int(num)
    return num, None


def read_table(path: Path, schema: Schema) -> pd.DataFrame:
    """Read and validate one CSV; raise InputError listing every problem."""
    name = rel(path)
    if not path.exists():
        if schema.optional:
            return _frame([], [], schema, name)
        raise InputError([Problem(name, "データファイルがありません。data/ に置いてください。")])
    text = decode(path.read_bytes(), name)
    if "\t" in text.splitlines()[0] if text else False:
        raise InputError(
            [Problem(name, "区切り文字がタブになっています。カンマ区切り（CSV）で保存してください。", row=1)]
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(
            [Problem(name, f"CSV として読めません（引用符の閉じ忘れなど）: {exc}", row=reader.line_num)]
        ) from None
    if not rows:
        raise InputError([Problem(name, "ファイルが空です。見出し行とデータ行が必要です。")])
    header = [unicodedata.normalize("NFKC", h).strip() for h in rows[0]]
    problems: list[Problem] = []
    expected = [c.name for c in schema.columns]
    missing = [c for c in expected if c not in header]
    unknown = [h for h in header if h not in expected and h != ""]
    for c in missing:
        problems.append(
            Problem(name, f"列「{c}」がありません。見出し行は {','.join(expected)} です。", row=1, column=c)
        )
    for h in unknown:
        problems.append(
            Problem(name, f"想定外の列「{h}」があります。見出しの綴りを確認してください。", row=1, column=h)
        )
    dup = {h for h in header if header.count(h) > 1 and h}
    for h in dup:
        problems.append(Problem(name, f"列「{h}」が2回以上あります。", row=1, column=h))
    if problems:
        raise InputError(problems)

    records: list[dict] = []
    lines: list[int] = []
    seen: dict[tuple, int] = {}
    for lineno, cells in enumerate(rows[1:], start=2):
        if all(not c.strip() for c in cells):
            continue  # blank line (Excel often leaves some at the end)
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            problems.append(
                Problem(
                    name,
                    f'列の数が見出し（{len(header)}列）より多くなっています。値の中のカンマは "..." で囲んでください。',
                    row=lineno,
                )
            )
            continue
        cells = cells + [""] * (len(header) - len(cells))
        before = len(problems)
        rec: dict = {}
        for h, raw in zip(header, cells):
            if h == "":
                continue
            col = schema.col(h)
            text = raw.strip().replace("\u3000", " ").strip()
            if text == "":
                if col.required:
                    problems.append(
                        Problem(name, f"「{h}」が空です。{col.describe()}を入力してください。", row=lineno, column=h)
                    )
                rec[h] = None
                continue
            val, err = _convert(col, text)
            if err is None and isinstance(val, (int, float)) and not isinstance(val, bool):
                if (col.min is not None and val < col.min) or (col.max is not None and val > col.max):
                    err = f"値が範囲外です。{col.describe()}を入力してください。"
            if err:
                problems.append(Problem(name, err, row=lineno, column=h, value=raw))
            rec[h] = val
        # the row as a whole is checked once its cells read well (an unreadable cell is None)
        found = schema.row_check(rec) if schema.row_check and len(problems) == before else None
        if found:
            column, msg = found
            shown = cells[header.index(column)] if column in header else None
            problems.append(Problem(name, msg, row=lineno, column=column, value=shown or None))
        if schema.key:
            k = tuple(rec.get(c) for c in schema.key)
            if k in seen:
                problems.append(
                    Problem(
                        name,
                        f"{seen[k]}行目と同じ組み合わせ（{', '.join(schema.key)}）の行が重複しています。",
                        row=lineno,
                        column=schema.key[0],
                    )
                )
            else:
                seen[k] = lineno
        records.append(rec)
        lines.append(lineno)
    if not records and not problems and not schema.optional:
        problems.append(Problem(name, "データ行がありません。見出し行の下に1行以上のデータを書いてください。", row=2))
    if problems:
        raise InputError(problems)
    return _frame(records, lines, schema, name)


def _frame(records: list[dict], lines: list[int], schema: Schema, name: str) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=[c.name for c in schema.columns])
    for col in schema.columns:
        if col.kind in ("int", "year"):
            df[col.name] = df[col.name].astype("Int64")
        elif col.kind == "float":
            df[col.name] = df[col.name].astype("Float64")
        elif not records:
            df[col.name] = df[col.name].astype("object")
    df.attrs["file"] = name
    df.attrs["lines"] = lines
    return df
