"""第2章・第3章・各種取組計画・用語集: one plan structure (4 重点取組 → 13 施策 → 30 取組内容)
read from data/, and every page that lists it shows all of it."""

import json
import re

import pytest

from conftest import ROOT
from daisen_taiko.data import load
from daisen_taiko.era import short
from daisen_taiko.params import load_edition
from daisen_taiko.sections import glossary, plans, policy, priorities

CH3 = {1: "ch3_1_citizen_services", 2: "ch3_2_dx_value", 3: "ch3_3_admin_foundation", 4: "ch3_4_fiscal_management"}


def outputs(stem: str) -> str:
    """Everything a committed notebook shows from its code cells (Markdown outputs and glued text)."""
    book = json.loads((ROOT / "book" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    texts = []
    for cell in book["cells"]:
        for out in cell.get("outputs", []):
            for mime, value in out.get("data", {}).items():
                if mime.endswith("text/markdown") or mime.endswith("text/plain"):
                    texts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(texts).replace("\\_", "_")


def headings(stem: str) -> list[str]:
    book = json.loads((ROOT / "book" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return [line for cell in book["cells"] if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines() if line.startswith("#")]


def test_structure_has_4_pillars_13_areas_30_items():
    assert priorities.counts() == {"pillars": 4, "areas": 13, "items": 30}
    assert len(priorities.areas()) == 13
    assert priorities.areas()["description"].str.len().min() > 20


def test_chapter3_headings_follow_the_structure_and_show_every_item():
    s = priorities.structure()
    for pno, stem in CH3.items():
        rows = s[s["pillar_no"] == pno]
        expected = [f"# {priorities.pillar_label(pno, rows['pillar'].iloc[0])}"]
        expected += [f"## {priorities.area_label(int(a), name)}"
                     for a, name in rows[["area_no", "area"]].drop_duplicates().itertuples(index=False)]
        assert headings(stem) == expected, stem
        shown = outputs(stem)
        for r in rows.itertuples():
            assert f"- {priorities.item_label(int(r.item_no), r.item)}" in shown, (stem, r.item)
        assert shown.count("【取組内容】") == rows["area_no"].nunique()


def test_chapter3_shows_its_notes():
    assert "※1 アナログ規制：" in outputs("ch3_3_admin_foundation")
    assert "※1 EBPM (Evidence-based Policy Making)：" in outputs("ch3_4_fiscal_management")


def test_every_item_has_a_plan_table_marked_unset():
    shown = outputs("plans")
    s = priorities.structure()
    for r in s.itertuples():
        assert f"#### {priorities.item_label(int(r.item_no), r.item)}" in shown, r.item
    ed = load_edition()
    header = "| 担当 | 内容 | " + " | ".join(short(y) for y in range(ed.plan_start, ed.plan_end + 1)) + " | 指標・目標 |"
    assert shown.count(header) == len(s) == 30
    assert shown.count("| 未設定 | 未設定 | 未設定 | 未設定 | 未設定 | 未設定 | 未設定 | 未設定 |") == 30
    assert "30の取組内容すべてについて" in shown


def test_plans_notebook_lists_every_item_in_the_schedule_chart_data():
    shown = outputs("plans")
    chart = next(line for line in shown.splitlines() if line.startswith("取組計画の実施スケジュール｜"))
    for r in plans.plan_rows().itertuples():
        assert f'"{r.label}", null, null, "未設定"' in chart, r.label


def test_system_diagram_draws_every_pillar_area_and_framework_text():
    drawn = policy.system_diagram_sheet().drawn
    texts = [t for _, _, t in drawn]
    for name in priorities.structure()["pillar"].unique():
        assert name in texts
    for name in priorities.structure()["area"].unique():
        assert name in texts
    for t in load("plan_framework")["text"]:
        assert t in texts


def test_pillar_count_and_diagram_follow_the_data(project):
    # a fifth pillar in the data changes the glued count and the list of pillars
    path = project / "data" / "initiative_structure.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[-1].replace("4,健全で持続可能な行財政運営,3,地域価値創出による財源確保,2,",
                                   "5,試験の重点取組,1,試験の施策,1,"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    areas = project / "data" / "initiative_areas.csv"
    areas.write_text(areas.read_text(encoding="utf-8") + "5,1,試験の施策の説明文です。これは試験用の行です。,seed: test,\n",
                     encoding="utf-8")
    assert priorities.counts() == {"pillars": 5, "areas": 14, "items": 31}
    drawn = policy.system_diagram_sheet().drawn
    assert ("重点取組", 5, "試験の重点取組") in drawn and ("重点取組5の施策", 1, "試験の施策") in drawn
    assert policy.count_label(len(priorities.pillars())) == "5つ"


def test_a_area_without_description_is_an_error(project):
    path = project / "data" / "initiative_areas.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("2,3,")) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"2-\(3\)"):
        priorities.areas()


# --------------------------------------------------------------------------- schedules
def test_schedule_is_parsed_and_shown_per_year():
    phases = plans.parse_schedule("令和8年度-令和9年度:検討; R10〜2030：実施")
    assert phases == [plans.Phase(2026, 2027, "検討"), plans.Phase(2028, 2030, "実施")]
    assert [plans.year_cell(phases, y) for y in (2026, 2028, 2031)] == ["検討", "実施", "—"]
    assert plans.year_cell([], 2026) == "未設定"


@pytest.mark.parametrize("bad", ["R9-R8:検討", "来年度:検討", "令和8年度", "R8-R9-R10:実施"])
def test_unreadable_schedule_names_the_item_and_the_form(bad):
    with pytest.raises(ValueError, match="書式の例"):
        plans.parse_schedule(bad, "①オンライン申請の充実")


def test_a_supplied_plan_replaces_unset(project):
    path = project / "data" / "initiative_structure.csv"
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[1]
    filled = first.replace("オンライン申請の充実,,,", "オンライン申請の充実,DX推進課,対象手続の拡大,", 1)
    filled = filled.replace("(structural listing),,,", "(structural listing),令和8年度-令和9年度:検討;令和10年度-令和12年度:実施,"
                                                        "オンライン化した手続数,", 1)
    path.write_text(text.replace(first, filled), encoding="utf-8")
    ed = load_edition()
    row = next(plans.plan_rows().itertuples())
    table = plans.plan_table(row, ed)
    assert table.iloc[0].tolist() == ["DX推進課", "対象手続の拡大", "検討", "検討", "実施", "実施", "実施",
                                      "オンライン化した手続数"]
    done = plans.completeness(plans.plan_rows()).set_index("項目")["設定済み"]
    assert done.tolist() == [1, 1, 1, 1]


# --------------------------------------------------------------------------- glossary
def test_glossary_page_lists_every_note_with_its_section():
    shown = outputs("glossary")
    notes = load("glossary")
    for r in notes.itertuples():
        assert f"| {r.term} | {r.explanation} |" in shown.replace("\\*", "*"), r.term
    assert f"{len(notes)}語" in shown
    assert "## 第3章 重点取組 ＞ 4. 健全で持続可能な行財政運営\n" in shown
    assert "| ※1 | EBPM (Evidence-based Policy Making) |" in shown


def test_glossary_rejects_a_section_that_is_not_in_the_book(project):
    path = project / "data" / "glossary.csv"
    path.write_text(path.read_text(encoding="utf-8") + "ch9_nowhere,1,用語,説明,seed: test,\n", encoding="utf-8")
    with pytest.raises(LookupError, match="ch9_nowhere"):
        glossary.entries()


def test_glossary_page_is_in_the_toc_after_the_plans():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert re.search(r"- file: book/plans\n- file: book/glossary\n", toc)
