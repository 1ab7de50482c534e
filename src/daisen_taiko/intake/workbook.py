"""Reading one returned workbook: every cell checked, every problem reported.

A returned workbook yields *claims*: values a department wrote.  An empty cell is no
claim (it never erases anything); ``—`` erases a value (for a phase it *is* the value
"no activity that year"); a value left exactly as the template pre-filled it is no claim
either, so a department that did not touch another department's row cannot contradict it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from daisen_taiko import plans as spec
from daisen_taiko.common.errors import Problem
from daisen_taiko.intake import cells as cell
from daisen_taiko.plans import ERASE, YEAR, Layout, departments, fy_label, target_label

PLAN_TABLE, SCHEDULE_TABLE, PROGRESS_TABLE = "initiative_plans", "initiative_schedule", "initiative_progress"
CHANGES_TABLE = "initiative_changes"  # claims of a 変更理由 (key: the 取組's ID)


@dataclass(frozen=True)
class Where:
    file: str  # as the planner gave it
    sheet: str
    row: int
    column: str  # heading, with its column letter

    def text(self) -> str:
        return f"「{self.file}」シート「{self.sheet}」{self.row}行目 列「{self.column}」"

    def problem(self, message: str, value=None) -> Problem:
        return Problem(
            f"{self.file} シート「{self.sheet}」",
            message,
            row=self.row,
            column=self.column,
            value=None if value is None else str(value),
        )


@dataclass(frozen=True)
class Claim:
    table: str
    key: tuple  # (id,) or (id, fiscal_year)
    field: str
    value: object  # None: erase the value kept in data/
    where: Where


class WorkbookReader:
    """Claims and problems of one returned workbook."""

    def __init__(self, path: Path, shown: str, layout: Layout, items: pd.DataFrame):
        self.path, self.file, self.layout = path, shown, layout
        self.items = dict(zip(items["id"], items["item"]))
        self.departments = departments.known()
        self.claims: list[Claim] = []
        self.problems: list[Problem] = []
        self.original: dict[tuple[str, int, str], object] = {}

    def read(self) -> WorkbookReader:
        wb, problem = cell.open_workbook(self.path, self.file)
        if problem:
            self.problems.append(problem)
            return self
        sheets = {spec.SHEET_PLAN: self.layout.plan_headers, spec.SHEET_PROGRESS: self.layout.progress_headers}
        found = {name: self._sheet(wb, name, headers) for name, headers in sheets.items()}
        if spec.SHEET_ORIGINAL in wb.sheetnames:
            for sheet, row, heading, value in wb[spec.SHEET_ORIGINAL].iter_rows(min_row=2, max_col=4, values_only=True):
                if sheet and row:
                    self.original[(str(sheet), int(row), cell.code(heading))] = value
        if found[spec.SHEET_PLAN] is not None:
            self._rows(found[spec.SHEET_PLAN], spec.SHEET_PLAN, self.layout.plan_headers, self._plan_row)
        if found[spec.SHEET_PROGRESS] is not None:
            self._rows(
                found[spec.SHEET_PROGRESS], spec.SHEET_PROGRESS, self.layout.progress_headers, self._progress_row
            )
        return self

    def _sheet(self, wb, name: str, headers: list[str]):
        if name in wb.sheetnames:
            return wb[name]
        first = headers[0]
        for other in wb.sheetnames:
            hs = cell.headers(wb[other])
            if other != spec.SHEET_ORIGINAL and all(cell.code(h) in hs for h in headers[:4]):
                self.problems.append(
                    Where(self.file, other, 1, f"{first}（A列）").problem(
                        f"このシートは「{name}」シートの名前が変えられたものです。シート名を「{name}」に戻してから"
                        "返送してもらってください（シート名は変えない決まりです）。"
                    )
                )
                return None
        self.problems.append(
            Problem(
                self.file,
                f"シート「{name}」がありません（あるシート: {'、'.join(wb.sheetnames)}）。"
                "配布した記入用ブックのシートを削除・改名せずに使ってください。",
            )
        )
        return None

    def _rows(self, ws, sheet: str, headers: list[str], handle) -> None:
        from openpyxl.utils import get_column_letter

        found = cell.headers(ws)
        missing = [h for h in headers if cell.code(h) not in found]
        for h in missing:
            self.problems.append(
                Problem(
                    f"{self.file} シート「{sheet}」",
                    f"見出し「{h}」の列がありません。"
                    "列を削除・改名せず、配布した記入用ブックをそのまま使ってください。",
                    row=1,
                    column=h,
                )
            )
        if missing:
            return
        cols = {h: found[cell.code(h)] for h in headers}
        seen: dict[tuple, int] = {}
        for i, values in enumerate(ws.iter_rows(min_row=2, max_col=max(cols.values()), values_only=True), start=2):
            cells = {h: values[j - 1] if j - 1 < len(values) else None for h, j in cols.items()}
            if all(cell.text(v) == "" for v in cells.values()):
                continue
            where = {h: Where(self.file, sheet, i, f"{h}（{get_column_letter(j)}列）") for h, j in cols.items()}
            handle(i, cells, where, seen)

    def _id(self, cells: dict, where: dict, seen: dict, key_extra=()) -> str | None:
        ident = cell.code(cells["ID"])
        if ident == "":
            self.problems.append(
                where["ID"].problem("ID が空欄です。ID を消さず、配布した記入用ブックの行に記入してください。")
            )
            return None
        if ident not in self.items:
            self.problems.append(
                where["ID"].problem(
                    "施策体系にない ID です。ID を書き換えず、配布した記入用ブックの行に記入してください。", cells["ID"]
                )
            )
            return None
        if cell.code(cells["取組内容"]) != cell.code(self.items[ident]):
            self.problems.append(
                where["取組内容"].problem(
                    f"ID {ident} の取組内容は「{self.items[ident]}」です。ID と取組内容を書き換えないでください。",
                    cells["取組内容"],
                )
            )
            return None
        key = (ident, *key_extra)
        row = where["ID"].row
        if key in seen:
            self.problems.append(
                where["ID"].problem(
                    f"{seen[key]}行目と同じ取組{'・年度' if key_extra else ''}です。1つの取組は1行にまとめてください。",
                    ident,
                )
            )
            return None
        seen[key] = row
        return ident

    def _unchanged(self, where: Where, heading: str, value) -> bool:
        orig = self.original.get((where.sheet, where.row, cell.code(heading)))
        return orig is not None and cell.same(orig, value)

    def _claim(self, table, key, field, heading, raw, where: dict) -> None:
        w = where[heading]
        if cell.text(raw) == "" or self._unchanged(w, heading, raw):
            return
        code = cell.code(raw)
        if field == "phase":
            phase = ERASE if code in cell.DASHES else code
            if phase not in spec.PHASES:
                self.problems.append(w.problem(f"段階は一覧の {'・'.join(spec.PHASES)} から選んでください。", raw))
                return
            self.claims.append(Claim(table, key, field, phase, w))
            return
        if code in cell.DASHES:
            if field == "owner_dept":
                self.problems.append(w.problem("担当課は消せません。担当する課所室名を記入してください。", raw))
            else:
                self.claims.append(Claim(table, key, field, None, w))
            return
        if field in spec.NUMERIC_FIELDS:
            value, err = cell.number(raw)
        elif field == "baseline_fy":
            value = cell.year(raw)
            err = (
                None
                if value is not None and 2000 <= value <= 2100
                else "年度を 令和6年度・R6・2024 のいずれかの形で入力してください。"
            )
        elif field == "owner_dept":  # one name per department, as the list writes it
            value = code
            err = None if value in self.departments else departments.unknown_message(raw, self.departments)
        elif field == "rating":
            value = code.upper()
            err = None if value in spec.GRADES else f"評価は {'・'.join(spec.GRADES)} のいずれかを選んでください。"
        else:
            value, err = cell.text(raw), None
        if err:
            self.problems.append(w.problem(err, raw))
        else:
            self.claims.append(Claim(table, key, field, value, w))

    def _plan_row(self, row: int, cells: dict, where: dict, seen: dict) -> None:
        ident = self._id(cells, where, seen)
        if ident is None:
            return
        for heading, field in {**spec.PLAN_FIELDS, **spec.PLAN_FIELDS_AFTER}.items():
            self._claim(PLAN_TABLE, (ident,), field, heading, cells[heading], where)
        self._claim(CHANGES_TABLE, (ident,), "reason", spec.REASON, cells[spec.REASON], where)
        for heading in cells:
            if heading in spec.ID_COLUMNS:
                continue
            if (y := self.layout.phase_column(heading)) is not None:
                self._claim(SCHEDULE_TABLE, (ident, y), "phase", heading, cells[heading], where)
            elif (y := self.layout.target_column(heading)) is not None:
                self._claim(SCHEDULE_TABLE, (ident, y), "target", heading, cells[heading], where)
        final, last = "目標値（最終年度）", target_label(self.layout.years[-1])
        a, b = (
            cell.number(cells[h])[0] if cell.code(cells[h]) not in cell.DASHES | {""} else None for h in (final, last)
        )
        if a is not None and b is not None and a != b:
            self.problems.append(
                where[last].problem(
                    f"「{final}」（{cell.text(cells[final])}）と食い違っています。"
                    "最終年度の目標値はどちらも同じ値にしてください。",
                    cells[last],
                )
            )

    def _progress_row(self, row: int, cells: dict, where: dict, seen: dict) -> None:
        year = cell.year(cells[YEAR])
        if year not in self.layout.years:
            first, last = fy_label(self.layout.years[0]), fy_label(self.layout.years[-1])
            self.problems.append(
                where[YEAR].problem(
                    f"年度は推進期間（{first}〜{last}）の年度にしてください。年度の欄は書き換えないでください。",
                    cells[YEAR],
                )
            )
            return
        ident = self._id(cells, where, seen, (year,))
        if ident is None:
            return
        for heading, field in spec.PROGRESS_FIELDS.items():
            self._claim(PROGRESS_TABLE, (ident, year), field, heading, cells[heading], where)


def read_workbook(path: Path, shown: str, layout: Layout, items: pd.DataFrame) -> tuple[list[Claim], list[Problem]]:
    r = WorkbookReader(path, shown, layout, items).read()
    return r.claims, r.problems
