"""データ整備状況: the status of every figure and table is judged from data/, so it follows the data."""

import pytest

from daisen_taiko.errors import InputError
from daisen_taiko.sections import status
from test_plan_structure import outputs

FIGURES = ["図1", "図2", "図3", "図4", "図5", "図6", "表1", "要望度表", "図7", "表2", "図8", "図9", "図10", "体系図",
           "各種取組計画"]


def states() -> dict[str, str]:
    return {fs.figure: fs.status for fs in status.figure_statuses()}


def drop_lines(path, predicate):
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if not predicate(line)]
    assert len(kept) < len(lines), "nothing was removed"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def test_catalogue_covers_every_figure_and_table_once():
    assert list(states()) == FIGURES


def test_shipped_data_status():
    s = states()
    assert s["要望度表"] == s["表2"] == s["体系図"] == "complete"
    assert s["図1"] == s["図3"] == s["表1"] == "partial"
    assert s["図2"] == s["各種取組計画"] == "missing"


def test_latest_year_is_derived_from_the_data():
    latest = {fs.figure: status.latest(fs) for fs in status.figure_statuses()}
    assert latest["図1"] == "令和2（2020）年"
    assert latest["図3"] == "令和6（2024）年度"
    assert latest["要望度表"] == "令和7（2025）年度"
    assert latest["体系図"] == "—"


def test_missing_rows_make_a_complete_table_partial_then_missing(project):
    path = project / "data" / "shisei_hyoka_yobodo.csv"
    drop_lines(path, lambda line: line.startswith("2025,"))
    s = states()
    assert s["要望度表"] == s["図7"] == "partial"
    fs = next(f for f in status.figure_statuses() if f.figure == "要望度表")
    assert fs.results[0].present == 20 and fs.results[0].expected == 25
    assert "2025年度・地域情報化" in fs.results[0].missing_keys
    assert status.latest(fs) == "令和6（2024）年度"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(lines[0] + "\n" + lines[1].replace("行財政運営(行財政運営の効率化)", "その他の施策") + "\n",
                    encoding="utf-8")
    assert states()["要望度表"] == "missing"


def test_an_empty_value_does_not_count(project):
    path = project / "data" / "shisei_hyoka_digital_usability.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",51.4,%,", ",,%,"), encoding="utf-8")
    assert states()["表2"] == "partial"


def test_supplied_data_makes_a_missing_figure_partial(project):
    path = project / "data" / "initiative_structure.csv"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    path.write_text(text.replace(first, first.replace("(structural listing),,", "(structural listing),令和8年度:検討,", 1)),
                    encoding="utf-8")
    assert states()["各種取組計画"] == "partial"


def test_status_page_is_generated_for_every_figure():
    shown = outputs("data_status")
    for fig in FIGURES:
        assert f"### {fig} " in shown, fig
    assert "| 図2 | 大仙市の将来推計人口割合 | 未整備 |" in shown
    assert "| 各種取組計画 | 各種取組計画 | 未整備 |" in shown


def test_a_broken_rule_names_the_catalogue_row(project):
    path = project / "data" / "figure_catalog.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("indicator=経常収支比率", "indicatr=経常収支比率"),
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        status.figure_statuses()
    msg = exc.value.render()
    assert "data/figure_catalog.csv" in msg and "列「match」" in msg and "indicatr" in msg


def test_pages_from_data_add_no_figure_or_table_numbers(built_book):
    """体系図, the schedule chart and the plan, glossary and status tables are unnumbered:
    図1–図10 and 表1–表2 stay in 第1章 and nothing is numbered after them."""
    import re
    import subprocess

    html = built_book["html"] / "book"
    for page in ("ch2_6_system_diagram", "ch3_1_citizen_services", "plans", "glossary", "data_status"):
        assert "caption-number" not in (html / f"{page}.html").read_text(encoding="utf-8"), page
    numbered = {m for p in html.glob("*.html") for m in
                re.findall(r'caption-number">([図表]\d+)', p.read_text(encoding="utf-8"))}
    assert all(p.name.startswith("ch1_") for p in html.glob("*.html")
               if "caption-number" in p.read_text(encoding="utf-8"))
    assert not numbered - {f"図{n}" for n in range(1, 11)} - {"表1", "表2"}, numbered
    raw = subprocess.run(["pdftotext", str(built_book["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    captions = re.findall(r"^\s*([図表])\s*(\d+)\b", raw, flags=re.M)
    assert {f"{k}{n}" for k, n in captions} <= {f"図{n}" for n in range(1, 11)} | {"表1", "表2"}, captions
    text = re.sub(r"\s+", "", raw)
    for needle in ("6.体系図", "各種取組計画", "実施スケジュール未設定", "用語集", "データ整備状況", "図表ごとの詳細"):
        assert needle in text, needle
