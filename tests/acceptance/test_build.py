"""The build driver on a private copy of the project: bad input stops it early, and
nothing published changes unless every step succeeded."""

import json

from conftest import run_cli, run_nbval, tree_bytes


def fake_published(project, edition):
    out = project / "_build" / edition / "html"
    out.mkdir(parents=True)
    (out / "index.html").write_text("<p>前回の成果物</p>", encoding="utf-8")
    return tree_bytes(project / "_build")


def test_misspelt_parameter_key_stops_before_any_notebook(project):
    text = (project / "parameters" / "r7-12-soan.yaml").read_text(encoding="utf-8")
    (project / "parameters" / "typo.yaml").write_text(
        text.replace("edition: r7-12-soan", "edition: typo").replace("plan_end:", "plan_edn:"), encoding="utf-8")
    before = fake_published(project, "typo")
    res = run_cli(project, "build", "--edition", "typo")
    assert res.returncode == 2, res.stdout + res.stderr
    assert "未知のキー「plan_edn」" in res.stdout and "「plan_end」の誤り" in res.stdout
    assert "ノートブックを実行" not in res.stdout
    assert tree_bytes(project / "_build") == before


def test_bad_data_stops_the_build_and_names_the_cell(project):
    path = project / "data" / "fiscal_indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",91.1,%,", ",9１.1.,%,"), encoding="utf-8")
    before = fake_published(project, "r7-12-soan")
    res = run_cli(project, "build")
    assert res.returncode == 2
    assert "data/fiscal_indicators.csv" in res.stdout and "列「value」" in res.stdout and "9１.1." in res.stdout
    assert tree_bytes(project / "_build") == before


def test_failing_notebook_is_named_kept_and_nothing_published(project):
    nb_path = project / "book" / "ch1_3_1_population_finance.ipynb"
    book = json.loads(nb_path.read_text(encoding="utf-8"))
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    code[-1]["source"] = "raise RuntimeError('テスト用の故障')"
    nb_path.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    before = fake_published(project, "r7-12-soan")
    res = run_cli(project, "build")
    assert res.returncode == 1
    assert "「(1) 人口減少と財政状況」（book/ch1_3_1_population_finance.ipynb）の実行に失敗" in res.stdout
    assert "テスト用の故障" in res.stdout
    kept = project / ".work" / "r7-12-soan" / "stage" / "book" / "ch1_3_1_population_finance.ipynb"
    assert kept.exists() and "テスト用の故障" in kept.read_text(encoding="utf-8")
    assert tree_bytes(project / "_build") == before


def test_nbval_fails_naming_the_notebook_when_figure3_data_changes(project):
    path = project / "data" / "fiscal_indicators.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",92.3,%,", ",92.4,%,"), encoding="utf-8")
    res = run_nbval(project, "book/ch1_3_1_population_finance.ipynb")
    assert res.returncode != 0
    assert "FAILED book/ch1_3_1_population_finance.ipynb" in res.stdout
