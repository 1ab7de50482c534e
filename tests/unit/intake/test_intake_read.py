"""Returned workbooks into data/, and the views the book draws from them."""

import csv
import io

import matplotlib.figure
import pandas as pd
import pytest
from intake_kit import PLAN_FILES, SOUMU, SOUMU_PROGRESS, data_bytes, fill, read, template

from daisen_taiko.inputs.params import load_edition
from daisen_taiko.plans import fy_label, views


def rows(proj, name):
    return list(csv.DictReader(io.StringIO((proj / "data" / name).read_text(encoding="utf-8"))))


@pytest.fixture
def returned(proj, blank, tmp_path):
    """The 総務課 workbook read into the project copy."""
    book = fill(blank, tmp_path / "取組計画_総務課.xlsx", plan=SOUMU, progress=SOUMU_PROGRESS)
    res = read(proj, book)
    assert res.returncode == 0, res.stdout + res.stderr
    return book


def test_filled_values_reach_the_three_files(proj, returned):
    plans = {r["id"]: r for r in rows(proj, "initiative_plans.csv")}
    assert set(plans) == {"1-1-1", "1-1-2"}
    p = plans["1-1-1"]
    assert (p["owner_dept"], p["indicator"], p["unit"]) == ("総務課", "オンライン申請できる手続数", "件")
    assert (p["baseline"], p["baseline_fy"], p["target_final"]) == ("120", "2024", "1200")  # 全角・和暦・カンマ
    assert p["publication"] == "大仙市 総務課「取組計画」"
    assert p["retrieved_from"] == "取組計画_総務課.xlsx シート「取組計画」2行目（総務課、2026-05-01 受領）"
    assert p["confidence"] == "high" and p["note"] == ""
    q = plans["1-1-2"]
    assert (q["owner_dept"], q["baseline_fy"], q["target_final"], q["content"]) == ("税務課", "2023", "6", "")
    sched = {(r["id"], r["fiscal_year"]): r for r in rows(proj, "initiative_schedule.csv")}
    assert [sched[("1-1-1", str(y))]["phase"] for y in range(2026, 2031)] == ["検討", "準備", "実施", "拡充", "継続"]
    assert sched[("1-1-1", "2026")]["target"] == "200"
    assert sched[("1-1-2", "2027")]["phase"] == "—"
    assert sched[("1-1-2", "2027")]["publication"] == "大仙市 税務課「取組計画」"
    prog = {(r["id"], r["fiscal_year"]): r for r in rows(proj, "initiative_progress.csv")}
    assert set(prog) == {("1-1-1", "2026"), ("1-1-2", "2026")}
    assert (prog[("1-1-1", "2026")]["actual"], prog[("1-1-1", "2026")]["rating"]) == ("150", "B")
    assert prog[("1-1-1", "2026")]["comment"] == "申請システムの選定に時間を要した"
    assert prog[("1-1-2", "2026")]["retrieved_from"].endswith("シート「進捗」7行目（税務課、2026-05-01 受領）")


def test_views_show_the_returned_plan_and_progress(proj, returned):
    ed = load_edition()
    ov = views.plan_overview(ed)
    assert len(ov) == 30 and list(ov["ID"][:3]) == ["1-1-1", "1-1-2", "1-1-3"]
    first = ov.iloc[0]
    assert (first["担当課"], first["令和8年度"], first["令和12年度"]) == ("総務課", "検討", "継続")
    assert (first["指標"], first["目標値"]) == ("オンライン申請できる手続数", "1,200件")
    assert ov.iloc[1]["令和10年度"] == "未設定" and ov.iloc[1]["令和9年度"] == "—"
    assert (ov.iloc[2]["担当課"], ov.iloc[2]["令和8年度"], ov.iloc[2]["目標値"]) == ("未定", "未策定", "未策定")
    pt = views.progress_table(ed)
    assert len(pt) == 150
    r = pt[(pt["ID"] == "1-1-1") & (pt["fiscal_year"] == 2026)].iloc[0]
    assert (r["目標"], r["実績"], r["達成率"], r["評価"]) == (200, 150, 75.0, "B")
    last = pt[(pt["ID"] == "1-1-1") & (pt["fiscal_year"] == 2030)].iloc[0]
    assert last["目標"] == 1200 and pd.isna(last["実績"]) and pd.isna(last["達成率"])
    tax = pt[(pt["ID"] == "1-1-2") & (pt["fiscal_year"] == 2026)].iloc[0]
    assert tax["評価"] == "A" and pd.isna(tax["達成率"])
    assert views.achievement(5, 0) is None and views.achievement(3, 4) == 75.0


def test_rereading_the_same_workbooks_changes_nothing(proj, returned):
    before = data_bytes(proj)
    res = read(proj, returned, received="2026-06-30")  # another day, same workbook
    assert res.returncode == 0, res.stdout + res.stderr
    assert "変更はありません" in res.stdout
    assert data_bytes(proj) == before


def test_empty_cell_keeps_a_value_and_dash_erases_it(proj, returned, tmp_path):
    book = fill(
        template(proj),
        tmp_path / "二回目.xlsx",
        plan={"1-1-1": {"指標": None, "基準値": "—", "内容": "対象手続を拡大する", "変更理由": "対象の見直し"}},
        progress={("1-1-1", "令和8年度"): {"実績値": None, "取組状況": "—"}},
    )
    res = read(proj, book, received="2026-07-01")
    assert res.returncode == 0, res.stdout + res.stderr
    p = {r["id"]: r for r in rows(proj, "initiative_plans.csv")}["1-1-1"]
    assert (p["indicator"], p["baseline"], p["content"]) == ("オンライン申請できる手続数", "", "対象手続を拡大する")
    assert p["retrieved_from"] == "二回目.xlsx シート「取組計画」2行目（総務課、2026-07-01 受領）"
    assert "従前の値を保持" in p["note"] and "取組計画_総務課.xlsx" in p["note"]
    g = {(r["id"], r["fiscal_year"]): r for r in rows(proj, "initiative_progress.csv")}[("1-1-1", "2026")]
    assert (g["actual"], g["comment"], g["rating"]) == ("150", "", "B")
    changes = {r["item"]: r for r in rows(proj, "initiative_changes.csv")}
    assert {k: (r["before"], r["after"], r["reason"]) for k, r in changes.items()} == {
        "内容": ("オンライン申請できる手続を増やす", "対象手続を拡大する", "対象の見直し"),
        "基準値": ("120", "（なし）", "対象の見直し"),
    }
    assert changes["内容"]["retrieved_from"] == "二回目.xlsx シート「取組計画」2行目（総務課、2026-07-01 受領）"


def test_untouched_prefilled_value_does_not_contradict_a_change(proj, returned, tmp_path):
    """Two departments return next year's template: one changes 1-1-1, the other leaves it as pre-filled."""
    nxt = template(proj)
    changed = fill(nxt, tmp_path / "総務課.xlsx", plan={"1-1-1": {"目標値（最終年度）": 1500, "変更理由": "前倒し"}})
    other = fill(nxt, tmp_path / "企画課.xlsx", plan={"4-1-1": {"担当課": "企画課", "令和8年度": "検討"}})
    res = read(proj, changed, other)
    assert res.returncode == 0, res.stdout + res.stderr
    plans = {r["id"]: r for r in rows(proj, "initiative_plans.csv")}
    assert plans["1-1-1"]["target_final"] == "1500" and plans["4-1-1"]["owner_dept"] == "企画課"


def test_several_departments_in_one_workbook_and_a_folder(proj, blank, tmp_path):
    folder = tmp_path / "返送"
    folder.mkdir()
    fill(
        blank,
        folder / "まとめ.xlsx",
        plan={
            "2-2-1": {"担当課": "総合防災課", "令和8年度": "実施"},
            "2-2-2": {"担当課": "子ども支援課", "令和8年度": "検討"},
        },
    )
    (folder / "~$まとめ.xlsx").write_bytes(b"lock file of an open workbook")
    res = read(proj, folder)
    assert res.returncode == 0, res.stdout + res.stderr
    pubs = {r["id"]: r["publication"] for r in rows(proj, "initiative_plans.csv")}
    assert pubs == {"2-2-1": "大仙市 総合防災課「取組計画」", "2-2-2": "大仙市 子ども支援課「取組計画」"}


def test_no_returns_everything_missing(proj):
    ed = load_edition()
    missing = views.missing_returns(ed)
    due = [f"進捗 {fy_label(y)}" for y in views.due_years(ed)]  # none in the 令和7年度版; 令和8年度 in the 令和9年度版
    assert len(missing) == 30 and set(missing["未提出"]) == {"、".join(["計画", *due])}
    assert set(missing["担当課"]) == {"未定"}
    assert (views.plan_overview(ed)["令和8年度"] == "未策定").all()
    later = views.missing_returns(ed, through=2026)
    assert set(later["未提出"]) == {"計画、進捗 令和8年度"}
    assert views.progress_table(ed)["評価"].isna().all()
    for name in PLAN_FILES:
        assert not (proj / "data" / name).exists()


def test_missing_returns_after_a_return(proj, returned):
    missing = views.missing_returns(load_edition(), through=2027)
    got = dict(zip(missing["ID"], missing["未提出"]))
    assert got["1-1-1"] == "進捗 令和9年度" and got["1-1-3"] == "計画、進捗 令和8年度、進捗 令和9年度"
    assert dict(zip(missing["ID"], missing["担当課"]))["1-1-2"] == "税務課"


def test_charts(proj, returned):
    ed = load_edition()
    fig = views.schedule_chart(ed)
    assert isinstance(fig, matplotlib.figure.Figure) and fig.get_size_inches()[0] == pytest.approx(6.3)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts.count("未策定") == 28 and "検討" in texts and texts.count("未設定") == 3

    def svg(f):
        buf = io.BytesIO()
        f.savefig(buf, format="svg")
        return buf.getvalue()

    assert svg(fig) == svg(views.schedule_chart(ed))
    chart = views.progress_chart(ed, 1)
    assert chart.get_size_inches()[0] == pytest.approx(6.3)
    bars = [round(p.get_height()) for p in chart.axes[0].patches]
    assert sum(bars) == 8 * 5
    with pytest.raises(ValueError):
        views.progress_chart(ed, 9)
