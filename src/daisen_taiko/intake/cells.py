"""Cells of a returned workbook read as codes, text, numbers and years, and opening the file.

Every reader is lenient where a person would be (full-width digits, 令和 years, blanks) and
says in Japanese what to write where it cannot read a cell.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from daisen_taiko.common.era import western_from_wareki
from daisen_taiko.common.errors import Problem
from daisen_taiko.common.text import fold
from daisen_taiko.inputs.data import parse_number
from daisen_taiko.plans import ERASE

DASHES = {"—", "―", "-", "－", "ー", "‐", "–", "−", "ｰ"}


def _as_typed(v) -> str:
    """A cell's value as a person typed it: Excel stores 3 as 3.0; an empty cell is ""."""
    if v is None:
        return ""
    return str(int(v) if isinstance(v, float) and v.is_integer() else v)


def code(v) -> str:
    """A cell as a code (ID, phase, grade, year, 担当課): NFKC, no blanks."""
    return fold(_as_typed(v))


def text(v) -> str:
    """A cell as free text: outer blanks (also full-width) removed, otherwise as written."""
    return _as_typed(v).replace("\u3000", " ").strip()


def same(a, b) -> bool:
    def canon(v):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return float(v)
        s = code(v)
        n = parse_number(s) if s else None
        return n if n is not None else s

    return canon(a) == canon(b)


def number(v) -> tuple[float | None, str | None]:
    if isinstance(v, bool) or isinstance(v, (dt.date, dt.time)):
        return None, "日付などではなく数値を入力してください（例 120、1,200、12.5）。"
    if isinstance(v, (int, float)):
        return float(v), None
    n = parse_number(text(v))
    if n is None:
        return None, (
            f"数値を入力してください（例 120、1,200、12.5。全角数字も可）。単位は「単位」欄に書きます。"
            f"値を消すときは「{ERASE}」を入力してください。"
        )
    return n, None


def year(v) -> int | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return int(v) if float(v).is_integer() else None
    s = code(v)
    year = western_from_wareki(s)
    if year is None:
        n = parse_number(s.removesuffix("年度").removesuffix("年"))
        year = int(n) if n is not None and n.is_integer() else None
    return year


def open_workbook(path: Path, shown: str):
    """The workbook, or a Problem saying in Japanese why it cannot be opened."""
    from openpyxl import load_workbook

    if not path.is_file():
        return None, Problem(shown, "ファイルが見つかりません。ファイル名とフォルダを確認してください。")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return None, Problem(
            shown,
            "古い Excel 形式（.xls）か、パスワード付きのブックです。パスワードを外し、"
            "「Excel ブック（*.xlsx）」形式で保存し直してください。",
        )
    if not zipfile.is_zipfile(path):
        return None, Problem(
            shown,
            "Excel ブック（.xlsx）ではありません（CSV などのファイルの名前を .xlsx に変えたもの"
            "ではありませんか）。配布した記入用ブックに記入し、Excel ブック形式のまま保存してください。",
        )
    try:
        return load_workbook(path, data_only=True), None
    except Exception as exc:  # noqa: BLE001  (any failure to open is the same message to a planner)
        return None, Problem(
            shown,
            f"Excel ブックとして開けません（{type(exc).__name__}）。Excel で開けるか確認し、"
            "「Excel ブック（*.xlsx）」形式で保存し直してください。",
        )


def headers(ws) -> dict[str, int]:
    out = {}
    for j, c in enumerate(next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ()), start=1):
        h = code(c)
        if h and h not in out:
            out[h] = j
    return out
