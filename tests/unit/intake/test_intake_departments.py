"""One name per department: a 担当課 is folded (width, blanks) and must be on data/departments.csv."""

import csv
import shutil

from intake_kit import ROOT, data_bytes, fill, plan_row, read

from daisen_taiko.inputs.params import load_edition
from daisen_taiko.plans import views


def owners(proj) -> dict[str, str]:
    with open(proj / "data" / "initiative_plans.csv", encoding="utf-8") as fh:
        return {r["id"]: r["owner_dept"] for r in csv.DictReader(fh)}


def test_the_spellings_people_type_are_one_department(proj, blank, tmp_path):
    """One workbook where the same 課 is typed three ways: stored once, counted once."""
    typed = {"1-1-1": "ＤＸ推進課", "1-1-2": "DX推進 課", "1-1-3": "　ＤＸ推進課 ", "1-2-1": "DX推進課"}
    book = fill(
        blank, tmp_path / "DX推進課.xlsx", plan={i: {"担当課": d, "令和8年度": "検討"} for i, d in typed.items()}
    )
    res = read(proj, book)
    assert res.returncode == 0, res.stdout + res.stderr
    assert owners(proj) == dict.fromkeys(typed, "DX推進課")
    by_dept = views.plan_overview(load_edition())["担当課"].value_counts().to_dict()
    assert by_dept == {"未定": 26, "DX推進課": 4}


def test_two_workbooks_spelling_one_department_differently_agree(proj, blank, tmp_path):
    a = fill(blank, tmp_path / "a.xlsx", plan={"3-1-1": {"担当課": "ＤＸ推進課", "令和8年度": "実施"}})
    b = fill(blank, tmp_path / "b.xlsx", plan={"3-1-1": {"担当課": "DX推進課", "令和8年度": "実施"}})
    res = read(proj, a, b)
    assert res.returncode == 0, res.stdout + res.stderr
    assert owners(proj) == {"3-1-1": "DX推進課"}


def test_an_unknown_department_is_refused_with_the_closest_names(proj, blank, tmp_path):
    before = data_bytes(proj)
    bad = fill(
        blank,
        tmp_path / "返送.xlsx",
        plan={
            "1-1-1": {"担当課": "ＤＸ推進化", "令和8年度": "検討"},
            "1-1-2": {"担当課": "総合政策", "令和8年度": "着手"},
        },
    )
    res = read(proj, bad)
    assert res.returncode == 2, res.stdout + res.stderr
    out = res.stdout
    assert "data/ は変更していません" in out and data_bytes(proj) == before
    r1, r2 = plan_row(proj, "取組計画", "1-1-1"), plan_row(proj, "取組計画", "1-1-2")
    # every problem at once: two unknown names and the phase outside the list
    assert f"ファイル: {bad} シート「取組計画」、{r1}行目、列「担当課（E列）」、値「ＤＸ推進化」" in out
    assert f"ファイル: {bad} シート「取組計画」、{r2}行目、列「担当課（E列）」、値「総合政策」" in out
    assert f"ファイル: {bad} シート「取組計画」、{r2}行目、列「令和8年度（G列）」、値「着手」" in out
    first, second = out.split("値「ＤＸ推進化」")[1], out.split("値「総合政策」")[1]
    assert "近い名前: 「DX推進課」" in first.split("・ファイル")[0]
    assert "近い名前: 「総合政策課」" in second.split("・ファイル")[0]
    assert "data/departments.csv" in first and "総務課" in first


def test_a_name_nothing_resembles_lists_the_known_names(proj, blank, tmp_path):
    before = data_bytes(proj)
    bad = fill(blank, tmp_path / "返送.xlsx", plan={"2-1-1": {"担当課": "上下水道局", "令和8年度": "検討"}})
    res = read(proj, bad)
    assert res.returncode == 2 and data_bytes(proj) == before
    message = res.stdout.split("値「上下水道局」")[1]
    assert "近い名前" not in message and "一覧の課所室: 「DX推進課」、「総合政策課」" in message


def test_the_report_asks_to_confirm_the_names_not_yet_sourced(proj):
    """The list's rows are marked unconfirmed (no 行政機構図 found yet): the 作業レポート asks 総務課,
    on the 取組計画 page; they are not figure values awaiting confirmation."""
    from daisen_taiko.documents.report import plans, requests

    text = plans.page(load_edition()).text
    section = text[text.index("## 課所室名の確認（総務課、2件）") :]
    assert "DX推進課" in section and "総合政策課" in section
    (proj / "book").mkdir()
    shutil.copy(ROOT / "book" / "figures.yml", proj / "book")  # the figures the awaiting values serve
    waiting = [row[0] for row in requests.awaiting({})]
    assert waiting and not [w for w in waiting if "departments" in w]
    confirmed = (proj / "data" / "departments.csv").read_text(encoding="utf-8").replace("unconfirmed (", "confirmed (")
    (proj / "data" / "departments.csv").write_text(confirmed, encoding="utf-8")
    assert "課所室名の確認" not in plans.page(load_edition()).text
