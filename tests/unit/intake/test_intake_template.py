"""The workbook sent to the departments."""

import pandas as pd
import pytest
from intake_kit import SOUMU, cli, fill, headings, read, template
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.data.schema_plans import GRADES, PHASES

YEARS = ["令和8年度", "令和9年度", "令和10年度", "令和11年度", "令和12年度"]


def structure_ids():
    df = load("initiative_structure")
    return [f"{r.pillar_no}-{r.area_no}-{r.item_no}" for r in df.itertuples()]


def covered(ws, column: int, first: int, last: int) -> list:
    """The data validations that cover every cell of one column from row first to last."""
    letter = get_column_letter(column)
    return [
        dv
        for dv in ws.data_validations.dataValidation
        if all(f"{letter}{r}" in dv.sqref for r in range(first, last + 1))
    ]


def test_plan_sheet_has_every_initiative_with_locked_ids(blank):
    wb = load_workbook(blank)
    assert wb.sheetnames[:3] == ["記入方法", "取組計画", "進捗"]
    ws = wb["取組計画"]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert ids == structure_ids() and len(ids) == 30
    h = headings(ws)
    assert list(h)[:6] == ["ID", "重点取組", "施策", "取組内容", "担当課", "内容"]
    for name in [
        *YEARS,
        "指標",
        "単位",
        "基準値",
        "基準年度",
        "目標値（最終年度）",
        *(f"目標値（{y}）" for y in YEARS),
    ]:
        assert name in h, name
    assert ws.protection.sheet
    for r in range(2, 32):
        for name in ("ID", "重点取組", "施策", "取組内容"):
            assert ws.cell(r, h[name]).protection.locked, (r, name)
        for name in ("担当課", "内容", *YEARS, "指標", "目標値（最終年度）"):
            assert not ws.cell(r, h[name]).protection.locked, (r, name)
    assert ws.cell(2, h["取組内容"]).value == load("initiative_structure")["item"].iloc[0]


def test_phase_and_grade_dropdowns(blank):
    wb = load_workbook(blank)
    ws = wb["取組計画"]
    h = headings(ws)
    for year in YEARS:
        dvs = covered(ws, h[year], 2, 31)
        assert len(dvs) == 1, year
        assert dvs[0].type == "list" and dvs[0].formula1 == '"' + ",".join(PHASES) + '"'
    assert not covered(ws, h["担当課"], 2, 31)
    ps = wb["進捗"]
    ph = headings(ps)
    dvs = covered(ps, ph["評価"], 2, 151)
    assert len(dvs) == 1 and dvs[0].formula1 == '"A,B,C,D"'


def test_progress_sheet_rows_and_grade_scale(blank):
    ws = load_workbook(blank)["進捗"]
    assert [c.value for c in ws[1]][:8] == [
        "ID",
        "取組内容",
        "年度",
        "実績値",
        "評価",
        "取組状況",
        "財政効果額（千円）",
        "次年度の方向性",
    ]
    keys = [(ws.cell(r, 1).value, ws.cell(r, 3).value) for r in range(2, 152)]
    assert keys == [(i, y) for i in structure_ids() for y in YEARS]
    assert ws.cell(152, 1).value is None
    assert ws.protection.sheet
    for r in (2, 151):
        assert all(ws.cell(r, c).protection.locked for c in (1, 2, 3))
        assert not any(ws.cell(r, c).protection.locked for c in (4, 5, 6))
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for grade, meaning in GRADES.items():
        assert meaning in text, grade


def test_instructions_sheet(blank):
    text = "\n".join(str(c.value) for c in load_workbook(blank)["記入方法"]["A"] if c.value)
    for phrase in (
        "行革推進チーム",
        "シートの名前を変えない",
        "ID や取組内容を書き換えない",
        "返送",
        "令和8年度〜令和12年度",
        "複数の課所室で1ブック",
        "「—」",
    ):
        assert phrase in text, phrase


def test_template_is_byte_identical_across_runs(proj, blank):
    first = blank.read_bytes()
    assert template(proj).read_bytes() == first
    assert not list(blank.parent.glob(".*tmp"))


def test_template_follows_the_edition_period(proj):
    src = (proj / "parameters" / "r7-12-soan.yaml").read_text(encoding="utf-8")
    (proj / "parameters" / "r8-test.yaml").write_text(
        src.replace("edition: r7-12-soan", "edition: r8-test")
        .replace("plan_start: 2026", "plan_start: 2027")
        .replace("plan_end: 2030", "plan_end: 2029"),
        encoding="utf-8",
    )
    res = cli(proj, "template", "--edition", "r8-test")
    assert res.returncode == 0, res.stdout + res.stderr
    ws = load_workbook(proj / "_build" / "intake" / "r8-test" / "取組計画_記入用.xlsx")["取組計画"]
    h = headings(ws)
    assert [y for y in ["令和8年度", *YEARS] if y in h] == ["令和9年度", "令和10年度", "令和11年度"]


def test_next_template_carries_returned_values(proj, blank, tmp_path):
    res = read(proj, fill(blank, tmp_path / "a.xlsx", plan=SOUMU))
    assert res.returncode == 0, res.stdout + res.stderr
    ws = load_workbook(template(proj))["取組計画"]
    h = headings(ws)
    assert ws.cell(2, h["担当課"]).value == "総務課"
    assert ws.cell(2, h["令和9年度"]).value == "準備"
    assert ws.cell(2, h["基準値"]).value == 120
    assert ws.cell(2, h["基準年度"]).value == "令和6年度"
    assert ws.cell(3, h["令和9年度"]).value == "—"
    assert ws.cell(4, h["担当課"]).value is None
    assert not pd.isna(load("initiative_plans")["owner_dept"]).any()


@pytest.mark.parametrize("sheet", ["取組計画", "進捗", "記入方法"])
def test_every_sheet_is_protected(blank, sheet):
    assert load_workbook(blank)[sheet].protection.sheet
