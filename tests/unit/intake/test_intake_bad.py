"""Bad returns: every one rejected with file, sheet, row and column named, data/ untouched."""

import pytest
from intake_kit import PLAN_FILES, SOUMU, data_bytes, fill, plan_row, read

GOOD = {"3-1-1": {"担当課": "総務課", "令和8年度": "実施"}}  # a valid return sent along with each bad one


@pytest.fixture
def earlier(proj, blank, tmp_path):
    """data/ already holds one return, so 'unchanged' is checked on real files."""
    res = read(proj, fill(blank, tmp_path / "前回.xlsx", plan=SOUMU))
    assert res.returncode == 0, res.stdout + res.stderr
    assert all((proj / "data" / n).exists() for n in PLAN_FILES[:2])
    return data_bytes(proj)


def rejected(proj, earlier, *books) -> str:
    res = read(proj, *books)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "data/ は変更していません" in res.stdout
    assert data_bytes(proj) == earlier
    assert not list((proj / "data").glob(".*tmp"))
    return res.stdout


def test_phase_outside_the_list(proj, blank, earlier, tmp_path):
    bad = fill(blank, tmp_path / "総務課.xlsx", plan={"1-2-1": {"担当課": "市民課", "令和9年度": "着手"}})
    good = fill(blank, tmp_path / "他課.xlsx", plan=GOOD)
    out = rejected(proj, earlier, good, bad)
    row = plan_row(proj, "取組計画", "1-2-1")
    assert f"ファイル: {bad} シート「取組計画」、{row}行目、列「令和9年度（H列）」、値「着手」" in out
    assert "検討・準備・実施・拡充・継続・—" in out


def test_non_numeric_actual(proj, blank, earlier, tmp_path):
    bad = fill(blank, tmp_path / "総務課.xlsx", progress={("1-1-1", "令和8年度"): {"実績値": "約150件", "評価": "B"}})
    out = rejected(proj, earlier, bad, fill(blank, tmp_path / "他課.xlsx", plan=GOOD))
    row = plan_row(proj, "進捗", "1-1-1", "令和8年度")
    assert f"ファイル: {bad} シート「進捗」、{row}行目、列「実績値（D列）」、値「約150件」" in out
    assert "数値を入力してください" in out


def test_renamed_sheet(proj, blank, earlier, tmp_path):
    def rename(wb):
        wb["進捗"].title = "進捗状況"

    bad = fill(blank, tmp_path / "総務課.xlsx", plan=GOOD, edit=rename)
    out = rejected(proj, earlier, bad)
    assert f"ファイル: {bad} シート「進捗状況」、1行目、列「ID（A列）」" in out
    assert "シート名を「進捗」に戻して" in out


def test_unknown_id(proj, blank, earlier, tmp_path):
    def retype(wb):
        ws = wb["取組計画"]
        ws.cell(plan_row(proj, "取組計画", "1-3-3"), 1, "1-3-4")

    bad = fill(
        blank, tmp_path / "議会事務局.xlsx", plan={"1-3-3": {"担当課": "議会事務局", "令和8年度": "実施"}}, edit=retype
    )
    out = rejected(proj, earlier, bad)
    row = plan_row(proj, "取組計画", "1-3-3")
    assert f"ファイル: {bad} シート「取組計画」、{row}行目、列「ID（A列）」、値「1-3-4」" in out
    assert "施策体系にない ID" in out


def test_two_departments_disagree(proj, blank, earlier, tmp_path):
    a = fill(blank, tmp_path / "情報政策課.xlsx", plan={"3-3-1": {"担当課": "情報政策課", "令和8年度": "実施"}})
    b = fill(blank, tmp_path / "総務課.xlsx", plan={"3-3-1": {"担当課": "総務課", "令和8年度": "実施"}})
    out = rejected(proj, earlier, a, b)
    row = plan_row(proj, "取組計画", "3-3-1")
    assert f"ファイル: {b} シート「取組計画」、{row}行目、列「担当課（E列）」、値「総務課」" in out
    assert f"「{a}」シート「取組計画」{row}行目 列「担当課（E列）」の値「情報政策課」と食い違っています" in out
    assert "令和8年度" not in out.split("→")[0].split("列")[1]  # the agreeing phase is no problem


def test_csv_renamed_to_xlsx(proj, blank, earlier, tmp_path):
    fake = tmp_path / "総務課.xlsx"
    fake.write_text("ID,担当課\n1-1-1,総務課\n", encoding="utf-8")
    out = rejected(proj, earlier, fake, fill(blank, tmp_path / "他課.xlsx", plan=GOOD))
    assert f"ファイル: {fake}" in out and "Excel ブック（.xlsx）ではありません" in out


def test_all_problems_reported_at_once(proj, blank, earlier, tmp_path):
    bad = fill(
        blank,
        tmp_path / "総務課.xlsx",
        plan={"2-1-1": {"令和8年度": "やる", "基準値": "多い", "基準年度": "昔"}},
        progress={("2-1-1", "令和8年度"): {"評価": "S"}},
    )
    out = rejected(proj, earlier, bad)
    for column in ("令和8年度（G列）", "基準値（N列）", "基準年度（O列）", "評価（E列）"):
        assert f"列「{column}」" in out, column
    assert "入力ファイルに4件の問題があります" in out


def test_missing_department(proj, blank, earlier, tmp_path):
    bad = fill(blank, tmp_path / "無記名.xlsx", plan={"4-2-1": {"令和8年度": "検討"}})
    out = rejected(proj, earlier, bad)
    row = plan_row(proj, "取組計画", "4-2-1")
    assert f"シート「取組計画」、{row}行目" in out and "担当課が記入されていません" in out


def test_bad_received_date(proj, blank, earlier, tmp_path):
    rejected(proj, earlier, "--received", "5月1日", fill(blank, tmp_path / "他課.xlsx", plan=GOOD))


def test_final_year_target_given_twice_differently(proj, blank, earlier, tmp_path):
    bad = fill(
        blank,
        tmp_path / "総務課.xlsx",
        plan={"3-2-1": {"担当課": "総務課", "目標値（最終年度）": "５０", "目標値（令和12年度）": 40}},
    )
    out = rejected(proj, earlier, bad)
    row = plan_row(proj, "取組計画", "3-2-1")
    assert f"シート「取組計画」、{row}行目、列「目標値（令和12年度）（U列）」、値「40」" in out
    same = fill(
        blank,
        tmp_path / "総務課2.xlsx",
        plan={"3-2-1": {"担当課": "総務課", "目標値（最終年度）": "５０", "目標値（令和12年度）": 50}},
    )
    assert read(proj, same).returncode == 0
