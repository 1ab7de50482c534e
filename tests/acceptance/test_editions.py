"""The annual edition workflow: a new edition scaffolded with its checklist, editions built side
by side without touching each other, and the report's list of what changed since last year."""

from __future__ import annotations

import csv
import json
import re
import shutil

import pytest
import yaml
from support import DEFAULT, NEXT, ROOT, edition_params, run_cli, tree_bytes

from daisen_taiko.common.era import wareki


def add_edition(project, name, data_dir, **over):
    data = yaml.safe_load((project / "parameters" / f"{DEFAULT}.yaml").read_text(encoding="utf-8"))
    data.update(edition=name, data_dir=data_dir, **over)
    (project / "parameters" / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def latest_year(file: str, **key: str) -> int:
    """The newest year of a series of data/ (its rows whose columns equal ``key``), read from the
    file itself."""
    with (ROOT / "data" / file).open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if all(r[k] == v for k, v in key.items())]
    return max(int(r.get("fiscal_year") or r["year"]) for r in rows)


def test_make_edition_scaffolds_and_prints_a_checklist(project):
    res = run_cli(project, "edition", "--from", DEFAULT, "--to", NEXT)
    assert res.returncode == 0, res.stdout
    old = edition_params()
    new = yaml.safe_load((project / "parameters" / f"{NEXT}.yaml").read_text(encoding="utf-8"))
    year, month = old["issued"].split("-")
    assert (new["fiscal_year"], new["issued"], new["previous_edition"], new["status"]) == (
        old["fiscal_year"] + 1,
        f"{int(year) + 1}-{month}",
        DEFAULT,
        "草案",
    )
    # a series that ends before the new edition's previous fiscal year is listed (経常収支比率
    # ends in 令和6年度: the 令和8年度版 expects 令和7年度), one that reaches it is not
    expected = wareki(new["fiscal_year"] - 1, fiscal=True)
    ratio = latest_year("fiscal_indicators.csv", indicator="経常収支比率")
    assert ratio < new["fiscal_year"] - 1
    line = (
        f"data/fiscal_indicators.csv「経常収支比率」: 最新は{wareki(ratio, fiscal=True)} → {expected}の値がありません"
    )
    assert line in res.stdout
    yobodo = latest_year("shisei_hyoka_yobodo.csv", item="行財政運営(行財政運営の効率化)")
    listed = bool(re.search(r"shisei_hyoka_yobodo.csv「行財政運営", res.stdout))
    assert listed == (yobodo < new["fiscal_year"] - 1)  # 要望度 has 令和7年度: listed from the 令和9年度版 on
    assert "平成31年度" not in res.stdout
    again = run_cli(project, "edition", "--from", DEFAULT, "--to", NEXT)
    assert again.returncode == 2 and "既にあります" in again.stdout
    # every key of the new file says what it is, as the first edition's file does
    text = (project / "parameters" / f"{NEXT}.yaml").read_text(encoding="utf-8")
    assert all("  # " in line for line in text.splitlines() if not line.startswith("#"))
    assert "data_dir" not in new and (project / "parameters" / "DEFAULT").read_text(encoding="utf-8").strip() == NEXT


@pytest.mark.builds
def test_last_years_edition_keeps_its_data_when_this_years_change(built, project):
    """make edition freezes the previous edition's data: editing data/ for the new edition and
    rebuilding last year's leaves last year's book as it was published.  (That the new edition
    lists the edit among its changes: test_changes_since_the_previous_edition_…)"""
    cache = str(built.work.parent / "cache")
    res = run_cli(project, "edition", "--from", DEFAULT, "--to", NEXT)
    assert res.returncode == 0 and f"data/editions/{DEFAULT}/ に複製" in res.stdout, res.stdout
    frozen = project / "data" / "editions" / DEFAULT
    assert {p.name: p.read_bytes() for p in frozen.glob("*.csv")} == {
        p.name: p.read_bytes() for p in (project / "data").glob("*.csv")
    }
    assert run_cli(project, "build", "--edition", DEFAULT, DAISEN_CACHE_DIR=cache).returncode == 0
    published = tree_bytes(project / "_build" / DEFAULT / "pdf")
    assert published == tree_bytes(built.out / "pdf")  # the same book as before the freeze
    edit(project / "data" / "fiscal_indicators.csv", "2024,経常収支比率,91.1,", "2024,経常収支比率,91.4,")
    res = run_cli(project, "build", "--edition", DEFAULT, DAISEN_CACHE_DIR=cache)
    assert res.returncode == 0 and "入力に変更がない" in res.stdout, res.stdout
    assert tree_bytes(project / "_build" / DEFAULT / "pdf") == published


@pytest.mark.builds
def test_changes_since_the_previous_edition_and_editions_stay_apart(built, project):
    """The default edition, as built, is last year's; this year's (t-b) reads its own data folder."""
    shutil.copytree(built.out, project / "_build" / DEFAULT)
    b = shutil.copytree(project / "data", project / "data_b")
    edit(b / "fiscal_indicators.csv", "2024,経常収支比率,91.1,", "2024,経常収支比率,91.5,")
    edit(b / "population_census.csv", ",総人口,77657,", ",総人口,77658,")
    add_edition(project, "t-b", "data_b", previous_edition=DEFAULT, status="素案")
    shutil.copy(project / "data" / "draft" / f"{DEFAULT}.txt", project / "data" / "draft" / "t-b.txt")  # its text
    a_before = tree_bytes(project / "_build" / DEFAULT)
    res = run_cli(project, "build", "--edition", "t-b", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))
    assert res.returncode == 0, res.stdout
    assert tree_bytes(project / "_build" / DEFAULT) == a_before  # building one never touches another
    old = json.loads((project / "_build" / DEFAULT / "snapshot.json").read_text(encoding="utf-8"))
    new = json.loads((project / "_build" / "t-b" / "snapshot.json").read_text(encoding="utf-8"))
    changed = {k for k in new["quantities"] if new["quantities"][k] != old["quantities"].get(k)}
    assert changed == {"book/ch1_3_1_population_finance::ratio_latest"}
    page = (project / "_build" / "t-b" / "report" / "html" / "report" / "changes.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "版の設定（1件）" in text and "本文中の数値（1件）" in text and "データの行（2件）" in text
    assert "状態 草案 素案" in text  # the settings, in words
    assert "91.1% 91.5%" in text and "77657 77658" in text
    assert "2024 / 経常収支比率（値）" in text  # a column of data/ by its Japanese name


def test_the_changes_page_is_there_only_when_there_is_a_previous_edition(built):
    """The first edition has none; an edition made by make edition has one, which says how to
    build the previous edition when its book is not there (a copy of the project has no _build/)."""
    page = built.report_html / "report" / "changes.html"
    previous = edition_params().get("previous_edition")
    assert page.exists() == bool(previous)
    if previous:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        assert f"make book EDITION={previous}" in text
