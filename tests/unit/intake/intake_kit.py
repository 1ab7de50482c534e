"""Helpers for the intake tests: a temp project copy, the template, workbooks filled as a
department would fill them (plainly test data, only ever in tmp_path), and the reader CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[3]
PLAN_FILES = ("initiative_plans.csv", "initiative_schedule.csv", "initiative_progress.csv")


# The 課所室 the test workbooks name, added to the copy's data/departments.csv only (the real list
# holds the names with a source; these are test data, like the workbooks).
TEST_DEPARTMENTS = ("総務課", "税務課", "企画課", "総合防災課", "子ども支援課", "情報政策課", "市民課", "議会事務局")


def add_departments(project: Path, names=TEST_DEPARTMENTS) -> None:
    with open(project / "data" / "departments.csv", "a", encoding="utf-8") as fh:
        for name in names:
            fh.write(f"{name},テスト「試験用の課所室」,tests/unit/intake/intake_kit.py,test,\n")


def copy_project(dst: Path) -> Path:
    for name in ("data", "parameters"):
        shutil.copytree(ROOT / name, dst / name)
    add_departments(dst)
    return dst


def env(project: Path) -> dict:
    e = dict(os.environ, DAISEN_ROOT=str(project), PYTHONPATH=str(ROOT / "src"))
    e.pop("DAISEN_DATA_DIR", None)
    e.pop("EDITION", None)
    return e


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The intake command line (``python -m daisen_taiko.intake``), run in-process on ``project``:
    the same entry point, its exit code and what it printed."""
    import contextlib
    import io

    from daisen_taiko.intake.cli import main

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(env(project))
        os.chdir(project)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["daisen_taiko.intake", *args], code, out.getvalue(), err.getvalue())


def read(project: Path, *files: Path, received: str = "2026-05-01") -> subprocess.CompletedProcess:
    return cli(project, "read", "--received", received, *map(str, files))


def written_template(project: Path) -> Path:
    """The workbook ``make intake-template`` wrote (for whichever edition)."""
    return next((project / "_build").glob("intake/*/取組計画_記入用.xlsx"))


def template(project: Path) -> Path:
    res = cli(project, "template")
    assert res.returncode == 0, res.stdout + res.stderr
    return written_template(project)


def headings(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[1] if c.value}


def fill(src: Path, dst: Path, plan: dict | None = None, progress: dict | None = None, edit=None) -> Path:
    """A copy of ``src`` filled in: ``plan`` = {ID: {heading: value}}, ``progress`` =
    {(ID, 年度): {heading: value}}; ``edit(wb)`` may do anything else (rename a sheet…)."""
    wb = load_workbook(src)
    ws = wb["取組計画"]
    h = headings(ws)
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    for ident, cells in (plan or {}).items():
        for heading, value in cells.items():
            ws.cell(rows[ident], h[heading], value)
    ws = wb["進捗"]
    h = headings(ws)
    rows = {(ws.cell(r, 1).value, ws.cell(r, 3).value): r for r in range(2, ws.max_row + 1)}
    for key, cells in (progress or {}).items():
        for heading, value in cells.items():
            ws.cell(rows[key], h[heading], value)
    if edit:
        edit(wb)
    wb.save(dst)
    return dst


def plan_row(project: Path, sheet: str, ident: str, year: str | None = None) -> int:
    """The Excel row of a 取組 (and 年度) in the template, for checking messages."""
    wb = load_workbook(written_template(project))
    ws = wb[sheet]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == ident and (year is None or ws.cell(r, 3).value == year):
            return r
    raise LookupError(ident)


def data_bytes(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "data").iterdir()) if p.is_file()}


# A department's plausible return (test data): phases, baseline, targets, 進捗 with 実績 and 評価.
SOUMU = {
    "1-1-1": {
        "担当課": "総務課",
        "内容": "オンライン申請できる手続を増やす",
        "令和8年度": "検討",
        "令和9年度": "準備",
        "令和10年度": "実施",
        "令和11年度": "拡充",
        "令和12年度": "継続",
        "指標": "オンライン申請できる手続数",
        "単位": "件",
        "基準値": "１２０",
        "基準年度": "令和6年度",
        "目標値（最終年度）": "1,200",
        "目標値（令和8年度）": 200,
    },
    "1-1-2": {
        "担当課": "　税務課 ",
        "令和8年度": "実施",
        "令和9年度": "—",
        "指標": "キャッシュレス納付の対象税目数",
        "単位": "税目",
        "基準値": 2,
        "基準年度": "R5",
        "目標値（最終年度）": "６",
    },
}
SOUMU_PROGRESS = {
    ("1-1-1", "令和8年度"): {"実績値": "１５０", "評価": "Ｂ", "取組状況": "申請システムの選定に時間を要した"},
    ("1-1-2", "令和8年度"): {"評価": "A"},
}


# --------------------------------------------------------------------------- a whole year returned
# The 30 取組 as the departments might return them for 令和8年度 (test data, only ever in tmp_path):
# grades typed as people type them (full-width, lower case), 6 left blank (未報告), one indicator that
# should go down (紙の様式数: 基準値 500 → 目標値 100), 財政効果額 on three rows, full-width digits.
GRADES_R8 = "AAAAAAAABBBBBBBBBBCCCCDD" + "      "  # 8 A, 10 B, 4 C, 2 D, 6 blank: by hand
WIDE = str.maketrans("ABCD", "ＡＢＣＤ")
DEPTS_CYCLE = ("総務課", "ＤＸ推進課", "企画課", "総合政策課", "DX推進 課")
EFFECTS_R8 = {"1-1-1": "１，２００", "2-1-1": 300, "3-1-1": "45.5"}  # 1,545.5 千円 in all
SMALLER = "1-2-1"  # the indicator that should go down


def year_of_returns(blank: Path, dst: Path, ids: list[str]) -> Path:
    """The template filled for every 取組 (plans and 令和8年度 進捗) as described above."""
    plan, progress = {}, {}
    for n, ident in enumerate(ids):
        plan[ident] = {
            "担当課": DEPTS_CYCLE[n % len(DEPTS_CYCLE)],
            "令和8年度": "検討",
            "令和9年度": "準備",
            "令和10年度": "実施",
            "指標": f"取組{ident}の実施件数",
            "単位": "件",
            "基準値": 10,
            "基準年度": "令和6年度",
            "目標値（最終年度）": 50,
            "目標値（令和8年度）": "２０",
        }
        grade = GRADES_R8[n].strip()
        cells = {"実績値": str(20 + n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))}
        if grade:
            cells.update(評価=grade.translate(WIDE) if n % 3 == 0 else grade.lower() if n % 3 == 1 else grade)
            cells.update(取組状況=f"取組{ident}を計画どおり進めた", 次年度の方向性="対象を広げる")
        else:
            cells = {}
        if ident in EFFECTS_R8:
            cells["財政効果額（千円）"] = EFFECTS_R8[ident]
        if cells:
            progress[(ident, "令和8年度")] = cells
    plan[SMALLER].update({"指標": "紙の申請様式の数", "単位": "様式", "基準値": 500, "目標値（最終年度）": 100})
    plan[SMALLER]["目標値（令和8年度）"] = 400
    progress[(SMALLER, "令和8年度")]["実績値"] = 420  # 105 % of the target if read as more-is-better
    return fill(blank, dst, plan=plan, progress=progress)
