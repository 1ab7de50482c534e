"""The departments' workbooks reach both documents: a template filled as a department would
fill it is read with the intake command, and the next build shows the plan in the 大綱's
overview of 各種取組計画 and the 進捗 with its 達成率 in the 作業レポート."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from support import DEFAULT, copy_project, pdf_text, run_cli, run_intake

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "intake"))
from intake_kit import SOUMU, SOUMU_PROGRESS, add_departments, fill  # noqa: E402

pytestmark = pytest.mark.builds  # builds its own changed copies: make test-builds (CI), not make test


def test_a_returned_workbook_reaches_the_taiko_and_the_report(built, tmp_path):
    project = copy_project(tmp_path / "proj")
    add_departments(project)
    res = run_intake(project, "template")
    assert res.returncode == 0, res.stdout + res.stderr
    blank = project / "_build" / "intake" / DEFAULT / "取組計画_記入用.xlsx"
    # and one 評価 of the final year: 「令和12年度」 in the 作業レポート's tables and the 推進状況報告書's
    # page on the whole 推進期間 must fit their columns (the PDFs stop a build on an overfull line)
    progress = {**SOUMU_PROGRESS, ("1-1-2", "令和12年度"): {"評価": "B"}}
    returned = fill(blank, tmp_path / "取組計画_総務課.xlsx", plan=SOUMU, progress=progress)
    res = run_intake(project, "read", "--received", "2026-05-01", str(returned))
    assert res.returncode == 0, res.stdout + res.stderr
    res = run_cli(project, "build", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))
    assert res.returncode == 0, res.stdout + res.stderr
    assert blank.exists()  # a build never removes the workbook the departments are sent
    out = project / "_build" / DEFAULT
    taiko = re.sub(r"\s+", "", pdf_text(next((out / "pdf").glob("*.pdf")), layout=False))
    assert "オンライン申請できる手続" in taiko and "1,200件" in taiko and "未策定" in taiko  # (a cell may wrap)
    assert "出典：大仙市総務課「取組計画」" in taiko
    page = (out / "html" / "book" / "plans.html").read_text(encoding="utf-8")
    assert "オンライン申請できる手続数" in page and "未策定" in page
    report = re.sub(r"<[^>]+>", " ", (out / "report" / "html" / "report" / "plans.html").read_text(encoding="utf-8"))
    report = re.sub(r"\s+", " ", report)
    assert "オンライン申請の充実 令和8年度 200 150 75" in report  # 目標 200, 実績 150 → 達成率 75 %
    assert "未提出の取組（28件）" in report
    period = (out / "progress" / "2030" / "html" / "progress" / "period.html").read_text(encoding="utf-8")
    assert "推進期間の総括（令和8〜12年度）" in period


def test_with_no_workbook_returned_the_report_lists_all_30_as_missing(built):
    report = (built.report_html / "report" / "plans.html").read_text(encoding="utf-8")
    assert "未提出の取組（30件）" in report and report.count("<td><p>計画</p></td>") == 30
    assert "各種取組計画" in pdf_text(built.pdf) and "未策定" not in pdf_text(built.pdf)
