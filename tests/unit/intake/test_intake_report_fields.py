"""The fields the 推進状況報告書 needs: 取組状況, 財政効果額（千円）, 次年度の方向性 on the 進捗 sheet, and a
変更理由 whenever a department changes a 取組計画 it has already returned (the change is kept)."""

import csv
import io

import pytest
from intake_kit import SOUMU, data_bytes, fill, plan_row, read, template


def rows(proj, name):
    path = proj / "data" / name
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))) if path.exists() else []


@pytest.fixture
def earlier(proj, blank, tmp_path):
    """The 総務課 plan of 1-1-1 and 1-1-2 already in data/ (as returned in May)."""
    res = read(proj, fill(blank, tmp_path / "取組計画_総務課.xlsx", plan=SOUMU))
    assert res.returncode == 0, res.stdout + res.stderr
    return data_bytes(proj)


def refused(proj, before, *books) -> str:
    res = read(proj, *books, received="2027-05-10")
    assert res.returncode == 2, res.stdout + res.stderr
    assert "data/ は変更していません" in res.stdout and data_bytes(proj) == before
    return res.stdout


def test_progress_fields_are_stored(proj, earlier, tmp_path):
    book = fill(
        template(proj),
        tmp_path / "進捗_総務課.xlsx",
        progress={
            ("1-1-1", "令和8年度"): {
                "実績値": "２１０",
                "評価": "ａ",
                "取組状況": "　申請システムを導入した ",
                "財政効果額（千円）": "１，２００",
                "次年度の方向性": "対象手続を広げる",
            }
        },
    )
    res = read(proj, book, received="2027-05-10")
    assert res.returncode == 0, res.stdout + res.stderr
    (g,) = rows(proj, "initiative_progress.csv")
    assert (g["actual"], g["rating"], g["comment"], g["fiscal_effect"], g["next_step"]) == (
        "210",
        "A",
        "申請システムを導入した",
        "1200",
        "対象手続を広げる",
    )
    assert g["publication"] == "大仙市 総務課「取組計画」進捗報告"
    assert rows(proj, "initiative_changes.csv") == []  # a 進捗 is no change of the plan


def test_bad_grade_effect_and_actual_are_refused_all_at_once(proj, earlier, tmp_path):
    bad = fill(
        template(proj),
        tmp_path / "進捗_総務課.xlsx",
        progress={
            ("1-1-1", "令和8年度"): {"実績値": "約150件", "評価": "E", "財政効果額（千円）": "約30万円"},
        },
    )
    out = refused(proj, earlier, bad)
    row = plan_row(proj, "進捗", "1-1-1", "令和8年度")
    assert "入力ファイルに3件の問題があります" in out
    assert f"ファイル: {bad} シート「進捗」、{row}行目、列「実績値（D列）」、値「約150件」" in out
    assert f"ファイル: {bad} シート「進捗」、{row}行目、列「評価（E列）」、値「E」" in out
    assert "評価は A・B・C・D のいずれかを選んでください" in out
    assert f"ファイル: {bad} シート「進捗」、{row}行目、列「財政効果額（千円）（G列）」、値「約30万円」" in out
    assert out.count("数値を入力してください") == 2


def test_a_change_of_the_plan_without_a_reason_is_refused(proj, earlier, tmp_path):
    nxt = template(proj)  # pre-filled with the plan returned in May
    bad = fill(nxt, tmp_path / "総務課.xlsx", plan={"1-1-1": {"令和10年度": "準備", "目標値（最終年度）": "1,000"}})
    out = refused(proj, earlier, bad)
    row = plan_row(proj, "取組計画", "1-1-1")
    assert "入力ファイルに2件の問題があります" in out
    assert f"ファイル: {bad} シート「取組計画」、{row}行目、列「令和10年度（I列）」、値「準備」" in out
    assert "「段階（令和10年度）」を「実施」から「準備」に変えています" in out
    assert "列「目標値（最終年度）（P列）」、値「1,000」" in out and "「1,200」から「1,000」に" in out
    assert "「変更理由」欄に理由を書いてください" in out


def test_a_change_with_its_reason_is_kept_with_the_values_before_and_after(proj, earlier, tmp_path):
    nxt = template(proj)
    reason = "国のシステム標準化に合わせて導入を1年遅らせるため"
    book = fill(
        nxt,
        tmp_path / "総務課.xlsx",
        plan={
            "1-1-1": {"令和10年度": "準備", "目標値（令和10年度）": 500, "変更理由": reason},
            "1-1-3": {
                "担当課": "総務課",
                "令和8年度": "検討",
                "変更理由": "（初めての提出）",
            },  # no change: nothing kept
        },
    )
    res = read(proj, book, received="2027-05-10")
    assert res.returncode == 0, res.stdout + res.stderr
    got = [
        (r["id"], r["item"], r["before"], r["after"], r["reason"], r["received"])
        for r in rows(proj, "initiative_changes.csv")
    ]
    assert got == [("1-1-1", "段階（令和10年度）", "実施", "準備", reason, "2027-05-10")]
    assert "data/initiative_changes.csv: 追加 1行" in res.stdout
    again = data_bytes(proj)
    res = read(proj, book, received="2027-06-01")  # the same workbook again: nothing new
    assert res.returncode == 0 and data_bytes(proj) == again
