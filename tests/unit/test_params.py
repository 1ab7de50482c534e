import re

import draft
import pytest
import yaml
from support import DEFAULT

from daisen_taiko.common.errors import InputError
from daisen_taiko.inputs.params import list_editions, load_edition

GOOD = {
    "edition": "t1",
    "title": "行政サービス改革・DX推進大綱",
    "municipality": "大仙市",
    "status": "草案",
    "fiscal_year": 2025,
    "issued": "2025-12",
    "plan_start": 2026,
    "plan_end": 2030,
    "previous_edition": None,
}


def write(project, data, name="t1", raw=None):
    path = project / "parameters" / f"{name}.yaml"
    path.write_text(raw if raw is not None else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def problems(project, data=None, raw=None):
    write(project, data, raw=raw)
    with pytest.raises(InputError) as exc:
        load_edition("t1")
    return exc.value.render()


def test_every_shipped_edition_is_valid():
    for edition in list_editions():
        assert load_edition(edition).edition == edition


def test_the_default_edition_is_the_one_its_draft_describes():
    """``make book`` builds the edition parameters/DEFAULT names, and its parameters say what the
    cover of its draft (data/draft/<edition>.txt) says: status, city, title and period.  The
    issue month is compared on the built cover (tests/acceptance/test_documents.py)."""
    ed = load_edition()
    assert ed.edition == DEFAULT
    cover = ed.cover_lines
    assert draft.cover_lines()[:4] == [cover["status"], cover["municipality"], cover["title"], cover["period"]]


def test_good_file_loads(project):
    write(project, GOOD)
    ed = load_edition("t1")
    assert ed.plan_years == 5
    assert (ed.issued_label, ed.plan_period_label, ed.cover_period) == (
        "令和7年12月",
        "令和8年度〜令和12年度",
        "令和8年度～12年度",
    )


def test_misspelt_key_is_named_with_a_suggestion(project):
    data = dict(GOOD)
    data["fiscal_yaer"] = data.pop("fiscal_year")
    msg = problems(project, data)
    assert "parameters/t1.yaml" in msg
    assert "未知のキー「fiscal_yaer」" in msg and "「fiscal_year」の誤り" in msg


def test_wrong_type_is_named(project):
    msg = problems(project, dict(GOOD, plan_start="令和8年度"))
    assert "「plan_start」" in msg and "令和8年度" in msg


def test_impossible_fiscal_year(project):
    msg = problems(project, dict(GOOD, fiscal_year=1925, issued="1925-12"))
    assert "「fiscal_year」の年度 1925 はありえない値" in msg


def test_period_reversed_and_status_unknown_are_both_reported(project):
    msg = problems(project, dict(GOOD, plan_start=2031, status="ドラフト"))
    assert "入力ファイルに2件の問題" in msg
    assert "plan_start" in msg and "status" in msg


def test_issued_month_must_fall_in_the_fiscal_year(project):
    msg = problems(project, dict(GOOD, issued="2025-03"))
    assert "2024 年度" in msg


def test_yaml_syntax_error_names_the_line(project):
    msg = problems(project, raw="edition: t1\ntitle: [unclosed\nstatus: 草案\n")
    assert "YAML の書式" in msg and "行目" in msg


def test_edition_must_match_file_name(project):
    msg = problems(project, dict(GOOD, edition="other"))
    assert "ファイル名と同じ「t1」" in msg


def test_unknown_edition_lists_existing_ones(project):
    with pytest.raises(InputError) as exc:
        load_edition("nope")
    assert DEFAULT in exc.value.render()


@pytest.mark.parametrize(("status", "mark"), [("草案", "草案"), ("素案", "素案"), ("意見募集", "案"), ("確定", "")])
def test_web_pages_carry_the_status_mark_only_until_final(project, tmp_path, status, mark):
    from daisen_taiko.documents import declared
    from daisen_taiko.engine.stage import stage_toc

    write(project, dict(GOOD, status=status))
    taiko = next(d for d in declared() if d.toc)
    stage_toc(load_edition("t1"), taiko, tmp_path / "taiko")
    cfg = yaml.safe_load((tmp_path / "taiko" / "_config.yml").read_text(encoding="utf-8"))
    assert cfg["sphinx"]["config"]["html_context"]["daisen_status"] == mark
    assert "status-mark.html" in cfg["sphinx"]["config"]["html_theme_options"]["article_header_end"]


def test_make_check_validates_without_building_and_says_what_only_a_build_checks(project, capsys):
    from daisen_taiko.engine.cli import main

    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "問題はありません" in out and "[1/" not in out and "照合" not in out  # no build steps
    params = project / "parameters" / f"{DEFAULT}.yaml"
    params.write_text(re.sub(r"(?m)^status: \S+", "status: 確定", params.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["check"]) == 0
    assert "記述とデータの照合" in capsys.readouterr().out
    assert not (project / "_build").exists()


def test_execution_timeout_is_optional_and_given_to_each_notebooks_run(project, tmp_path):
    from daisen_taiko.engine.execute import tasks

    nb = project / "book" / "ch1_1_purpose.ipynb"
    write(project, GOOD)
    assert tasks(load_edition("t1"), [nb], tmp_path)[0].timeout == 300  # the default when the file does not set it
    write(project, dict(GOOD, execution_timeout=20))
    ed = load_edition("t1")
    assert tasks(ed, [nb], tmp_path)[0].timeout == 20 and ed.as_dict()["execution_timeout"] == 20


@pytest.mark.parametrize("value", [0, -5, 3601, "5分", True, 2.5])
def test_execution_timeout_must_be_a_number_of_seconds(project, value):
    msg = problems(project, dict(GOOD, execution_timeout=value))
    assert "「execution_timeout」" in msg and str(value) in msg


def test_execution_timeout_is_a_setting_of_the_build_not_of_the_pages(project):
    """The pages are run with the same parameters, and keep their cached executions, whatever the
    limit: a longer limit never makes a page compute something else."""
    from dataclasses import replace
    from pathlib import Path

    from daisen_taiko.engine import cache

    write(project, GOOD)
    ed = load_edition("t1")
    limited = replace(ed, execution_timeout=20)
    assert "execution_timeout" not in limited.page_params() and limited.page_params() == ed.page_params()
    nb = Path(project / "book" / "ch1_1_purpose.ipynb")
    assert cache.key(limited, nb, [], "code") == cache.key(ed, nb, [], "code")


def test_a_new_editions_file_shows_the_limit_commented_out_or_carries_it_over():
    from daisen_taiko.engine.editions import parameter_text

    text = parameter_text(dict(GOOD), "# t1")
    assert "\n# execution_timeout: 300  # " in text and "execution_timeout" not in yaml.safe_load(text)
    assert yaml.safe_load(parameter_text(dict(GOOD, execution_timeout=20), "# t1"))["execution_timeout"] == 20


def test_summary_paper_is_one_of_two_a_typo_named_with_the_closest_and_a_setting_of_the_build(project):
    """The 概要版's paper (issue 31): A4縦4ページ when the file does not say, A3横2ページ if it does;
    anything else is refused naming the key and the closest choice; the pages run as before."""
    from dataclasses import replace

    from daisen_taiko.documents.summary import paper, two_up

    write(project, GOOD)
    ed = load_edition("t1")
    assert ed.summary_paper is None and not two_up(ed) and paper(ed) == {}
    write(project, dict(GOOD, summary_paper="A3横2ページ"))
    a3 = load_edition("t1")
    assert two_up(a3) and paper(a3)["extraclassoptions"] == "twocolumn"
    assert a3.page_params() == ed.page_params() == replace(a3, summary_paper="A4縦4ページ").page_params()
    msg = problems(project, dict(GOOD, summary_paper="A3横２ページ"))
    assert (
        "「summary_paper」は A4縦4ページ・A3横2ページ のいずれか" in msg
        and "「A3横2ページ」の誤りではありませんか" in msg
    )
