"""The annual edition workflow: scaffolding, side-by-side editions, the changes page,
and claims checked against data."""

import json
import re
import shutil

import yaml

from conftest import run_cli, tree_bytes

BASE = "r7-12-soan"


def add_edition(project, name, data_dir, **over):
    data = yaml.safe_load((project / "parameters" / f"{BASE}.yaml").read_text(encoding="utf-8"))
    data.update(edition=name, data_dir=data_dir, **over)
    (project / "parameters" / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def data_copy(project, name):
    shutil.copytree(project / "data", project / name)
    return project / name


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_make_edition_scaffolds_and_prints_a_checklist(project):
    res = run_cli(project, "edition", "--from", BASE, "--to", "r8-12-soan")
    assert res.returncode == 0, res.stdout
    new = yaml.safe_load((project / "parameters" / "r8-12-soan.yaml").read_text(encoding="utf-8"))
    assert (new["fiscal_year"], new["issued"], new["previous_edition"], new["status"]) == (2026, "2026-12", BASE, "草案")
    out = res.stdout
    # 経常収支比率 ends in FY2024 (令和6年度): the new edition expects 令和7年度
    assert "data/fiscal_indicators.csv「経常収支比率」: 最新は令和6年度 → 令和7年度の値がありません" in out
    # 要望度 already has 令和7年度
    assert not re.search(r"shisei_hyoka_yobodo.csv「行財政運営.*」", out)
    assert "fiscal_year: 2026" in out and "plan_start: 2026" in out and "要確認" in out
    again = run_cli(project, "edition", "--from", BASE, "--to", "r8-12-soan")
    assert again.returncode == 2 and "既にあります" in again.stdout


def test_reversed_trend_is_marked_in_a_draft_and_stops_a_final_build(project):
    d = data_copy(project, "data_rev")
    with open(d / "population_census.csv", "a", encoding="utf-8") as fh:
        fh.write("2025,大仙市,総人口(国勢調査),80000,人,test: 傾向が反転する試験用の値,test,\n")
    add_edition(project, "t-rev", "data_rev")
    res = run_cli(project, "build", "--edition", "t-rev")
    assert res.returncode == 0, res.stdout
    assert "【不一致】本市の人口は…ピークに減少に転じ…年間約…程度のスピードで減少しています。" in res.stdout
    html = (project / "_build" / "t-rev" / "html" / "book" / "ch1_3_1_population_finance.html").read_text(encoding="utf-8")
    assert "【要確認：データと不一致】減少しています" in html
    page = (project / "_build" / "t-rev" / "html" / "book" / "changes.html").read_text(encoding="utf-8")
    assert "不一致" in page and "減少しています" in page

    before = tree_bytes(project / "_build")
    add_edition(project, "t-rev-final", "data_rev", status="確定")
    res = run_cli(project, "build", "--edition", "t-rev-final")
    assert res.returncode != 0
    assert "確定版の記述「本市の人口は…ピークに減少に転じ…年間約…程度のスピードで減少しています。」がデータと一致しません" in res.stdout
    assert tree_bytes(project / "_build") == before


def test_changes_page_lists_exactly_the_changes_and_editions_stay_apart(project):
    data_copy(project, "data_a")
    b = data_copy(project, "data_b")
    edit(b / "fiscal_indicators.csv", ",91.1,%,", ",91.5,%,")
    edit(b / "population_census.csv", ",77657,", ",77658,")
    add_edition(project, "t-a", "data_a")
    add_edition(project, "t-b", "data_b", previous_edition="t-a")
    assert run_cli(project, "build", "--edition", "t-a").returncode == 0
    a_before = tree_bytes(project / "_build" / "t-a")
    res = run_cli(project, "build", "--edition", "t-b")
    assert res.returncode == 0, res.stdout
    assert tree_bytes(project / "_build" / "t-a") == a_before          # building one never touches another

    old = json.loads((project / "_build" / "t-a" / "snapshot.json").read_text(encoding="utf-8"))
    new = json.loads((project / "_build" / "t-b" / "snapshot.json").read_text(encoding="utf-8"))
    data_changes = {(f, k) for f in new["data"] for k in new["data"][f] if new["data"][f][k] != old["data"][f].get(k)}
    assert data_changes == {("fiscal_indicators", "2024 / 経常収支比率"), ("population_census", "2020 / 大仙市 / 総人口(国勢調査)")}
    # the quantities that show these values, and only they, changed
    changed = {n for n in new["quantities"] if new["quantities"][n] != old["quantities"].get(n)}
    shows = {n for n, t in old["quantities"].items() if "91.1" in t or "77,657" in t or "7万7,657" in t}
    assert "ratio_latest" in changed and changed == shows

    page = (project / "_build" / "t-b" / "html" / "book" / "changes.html").read_text(encoding="utf-8")
    assert f"数値 {len(changed)}件、データ 2件が変わりました" in page
    assert "91.1%" in page and "91.5%" in page and "77657" in page and "77658" in page
    section = page.split("<h2>前年度版からの変更点", 1)[1].split("</article>", 1)[0]
    rows = re.findall(r"<tr[^>]*>", section)
    assert len(rows) == 1 + len(changed) + 1 + 2          # header + rows, for each of the two tables
