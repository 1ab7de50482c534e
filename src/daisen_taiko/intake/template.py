"""The workbook sent to the departments: ``_build/intake/<edition>/取組計画_記入用.xlsx``.

Identifying cells are locked (sheet protection on), input cells are unlocked and yellow,
phases and 評価 come from drop-down lists, and what data/ already holds is pre-filled, so
next year's template carries this year's plans and progress.  The pre-filled values are
also kept on a very hidden sheet, so the reader can tell a value a department changed from
one it merely left as it was.  The file is byte-identical across runs (fixed dates).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from daisen_taiko import project_root
from daisen_taiko.common.xlsx import save
from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.params import Edition
from daisen_taiko.intake.guide import guide_lines
from daisen_taiko.plans import (
    GRADES,
    ID_COLUMNS,
    PHASES,
    PLAN_FIELDS,
    PLAN_FIELDS_AFTER,
    PROGRESS_FIELDS,
    REASON,
    SHEET_HELP,
    SHEET_ORIGINAL,
    SHEET_PLAN,
    SHEET_PROGRESS,
    TEMPLATE_NAME,
    YEAR,
    Layout,
    fy_label,
    initiatives,
    target_label,
)

HEAD = PatternFill("solid", fgColor="1F4E79")
LOCKED = PatternFill("solid", fgColor="EDEDED")
INPUT = PatternFill("solid", fgColor="FFF9DB")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TEXT_FIELDS = {"担当課", "内容", "指標", "単位", "基準年度", "取組状況", "次年度の方向性", REASON}
WIDTHS = {
    "ID": 7,
    "重点取組": 22,
    "施策": 22,
    "取組内容": 24,
    "担当課": 14,
    "内容": 36,
    "指標": 22,
    "単位": 8,
    "基準値": 10,
    "基準年度": 11,
    "目標値（最終年度）": 12,
    YEAR: 11,
    "実績値": 11,
    "評価": 7,
    "取組状況": 40,
    "財政効果額（千円）": 12,
    "次年度の方向性": 30,
    REASON: 30,
}


def intake_dir(edition: str) -> Path:
    """``_build/intake/<edition>/``: beside the published edition, so that a build (which replaces
    ``_build/<edition>/``) never removes the workbook sent to the departments."""
    return project_root() / "_build" / "intake" / edition


def template_path(ed: Edition) -> Path:
    return intake_dir(ed.edition) / TEMPLATE_NAME


def _cell_value(v):
    """A value of data/ as it is shown in a cell (None for missing)."""
    if v is None or pd.isna(v):
        return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v.item() if hasattr(v, "item") else v


def _known(ed: Edition) -> dict[tuple[str, str, int | None], object]:
    """(id, heading, fiscal year or None) → value already in data/, for pre-filling."""
    layout = Layout.of(ed)
    known: dict = {}
    for r in load("initiative_plans").to_dict("records"):
        for heading, field in {**PLAN_FIELDS, **PLAN_FIELDS_AFTER}.items():
            v = _cell_value(r[field])
            if field == "baseline_fy" and v is not None:
                v = fy_label(int(v))
            known[(r["id"], heading, None)] = v
    for r in load("initiative_schedule").to_dict("records"):
        y = int(r["fiscal_year"])
        if y in layout.years:
            known[(r["id"], fy_label(y), None)] = _cell_value(r["phase"])
            known[(r["id"], target_label(y), None)] = _cell_value(r["target"])
    for r in load("initiative_progress").to_dict("records"):
        for heading, field in PROGRESS_FIELDS.items():
            known[(r["id"], heading, int(r["fiscal_year"]))] = _cell_value(r[field])
    return {k: v for k, v in known.items() if v is not None}


def _header(ws, headers: list[str]) -> None:
    for j, h in enumerate(headers, start=1):
        c = ws.cell(1, j, h)
        c.font, c.fill, c.border = Font(bold=True, color="FFFFFF"), HEAD, BOX
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(h, 12)
    ws.row_dimensions[1].height = 32


def _put(ws, row: int, col: int, value, locked: bool, text: bool = False) -> None:
    c = ws.cell(row, col, value)
    c.border = BOX
    c.fill = LOCKED if locked else INPUT
    c.protection = Protection(locked=locked)
    c.alignment = Alignment(vertical="top", wrap_text=True)
    if text and not locked:
        c.number_format = "@"


def _dropdown(ws, choices, ranges: list[str], title: str, prompt: str, strict: bool = True) -> None:
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle=title,
        error=prompt,
        promptTitle=title,
        prompt=prompt,
    )
    for r in ranges:
        dv.add(r)
    ws.add_data_validation(dv)


def _protect(ws) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening columns and rows stays allowed
    ws.protection.formatRows = False


def _plan_sheet(ws, layout: Layout, items: pd.DataFrame, known: dict, original: list) -> None:
    headers = layout.plan_headers
    _header(ws, headers)
    for i, it in enumerate(items.itertuples(), start=2):
        ids = dict(zip(ID_COLUMNS, (it.id, it.pillar, it.area, it.item)))
        for j, h in enumerate(headers, start=1):
            if h in ids:
                _put(ws, i, j, ids[h], locked=True)
                continue
            v = known.get((it.id, h, None))
            _put(ws, i, j, v, locked=False, text=h in TEXT_FIELDS)
            if v is not None:
                original.append((SHEET_PLAN, i, h, v))
    last = len(items) + 1
    cols = {h: get_column_letter(j) for j, h in enumerate(headers, start=1)}
    _dropdown(
        ws,
        PHASES,
        [f"{cols[fy_label(y)]}2:{cols[fy_label(y)]}{last}" for y in layout.years],
        "段階",
        "一覧から選んでください（" + "・".join(PHASES) + "。「—」はその年度に取組なし）。",
    )
    ws.freeze_panes = "E2"
    _protect(ws)


def _progress_sheet(ws, layout: Layout, items: pd.DataFrame, known: dict, original: list) -> None:
    headers = layout.progress_headers
    _header(ws, headers)
    row = 2
    for it in items.itertuples():
        for y in layout.years:
            _put(ws, row, 1, it.id, locked=True)
            _put(ws, row, 2, it.item, locked=True)
            _put(ws, row, 3, fy_label(y), locked=True)
            for j, h in enumerate(PROGRESS_FIELDS, start=4):
                v = known.get((it.id, h, y))
                _put(ws, row, j, v, locked=False, text=h in TEXT_FIELDS)
                if v is not None:
                    original.append((SHEET_PROGRESS, row, h, v))
            row += 1
    col = get_column_letter(headers.index("評価") + 1)
    _dropdown(
        ws,
        GRADES,
        [f"{col}2:{col}{row - 1}"],
        "評価",
        "A・B・C・D から選んでください（評価を取り消すときは — ）。",
        strict=False,
    )
    legend = len(headers) + 2
    ws.cell(1, legend, "評価の基準").font = Font(bold=True)
    for k, (grade, meaning) in enumerate(GRADES.items(), start=2):
        ws.cell(k, legend, grade).font = Font(bold=True)
        ws.cell(k, legend + 1, meaning)
    ws.column_dimensions[get_column_letter(legend)].width = 10
    ws.column_dimensions[get_column_letter(legend + 1)].width = 34
    ws.freeze_panes = "D2"
    _protect(ws)


def build_workbook(ed: Edition) -> Workbook:
    layout = Layout.of(ed)
    items = initiatives()
    known = _known(ed)
    original: list[tuple] = []
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = SHEET_HELP
    help_ws.column_dimensions["A"].width = 110
    for i, line in enumerate(guide_lines(ed, layout), start=1):
        c = help_ws.cell(i, 1, line)
        c.alignment = Alignment(wrap_text=True, vertical="top")
        if line.startswith(("■", "【")):
            c.font = Font(bold=True, size=12 if line.startswith("【") else 11)
    _protect(help_ws)
    _plan_sheet(wb.create_sheet(SHEET_PLAN), layout, items, known, original)
    _progress_sheet(wb.create_sheet(SHEET_PROGRESS), layout, items, known, original)
    orig = wb.create_sheet(SHEET_ORIGINAL)
    orig.append(["シート", "行", "列", "値"])
    for rec in original:
        orig.append(list(rec))
    orig.sheet_state = "veryHidden"
    _protect(orig)
    wb.properties.creator = "大仙市 行革推進チーム"
    wb.properties.title = f"{ed.full_title} 取組計画・進捗 記入用"
    return wb


def write_template(ed: Edition, path: Path | None = None) -> Path:
    """Write the template atomically (temp file in the same folder, then os.replace)."""
    return save(build_workbook(ed), path or template_path(ed))


__all__ = ["build_workbook", "template_path", "write_template"]
