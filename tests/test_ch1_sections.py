"""第1章 section modules: glued quantities equal the data, missing data is reported,
the draft's tables are rebuilt from the data files.  Expected values are read
from the data (never typed in), except where a test states a draft fact it checks."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from daisen_taiko import era, figures
from daisen_taiko.data import load
from daisen_taiko.errors import InputError
from daisen_taiko.sections import (ch1_common, citizens_voice, dx_trends, necessity, purpose, review,
                                   staff_workload, wellbeing)
from daisen_taiko.text import man

ROOT = Path(__file__).resolve().parents[1]
MODULES = (ch1_common, citizens_voice, dx_trends, necessity, purpose, review, staff_workload, wellbeing)


@pytest.fixture
def glued(monkeypatch):
    """Capture glue_text / glue_figure calls of the 第1章 modules: {name: text or (label, drawn)}."""
    out: dict = {}

    def text(name, value):
        assert name not in out, f"glued twice: {name}"
        out[name] = str(value)
        return value

    def figure(name, fig, label, data):
        import matplotlib.pyplot as plt

        plt.close(fig)
        out[name] = (label, data)

    for mod in MODULES:
        if hasattr(mod, "glue_text"):
            monkeypatch.setattr(mod, "glue_text", text)
    monkeypatch.setattr(figures, "glue_figure", figure)
    return out


def metric_value(df, metric):
    return float(df.loc[df["metric"] == metric, "value"].iloc[0])


def edit(project, name, old, new):
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- era helpers
@pytest.mark.parametrize("text,expected", [
    ("2020-04", "令和2年4月"), ("2019-04", "平成31年4月"), ("2019-05", "令和元年5月"),
    ("2025-06-13", "令和7年6月13日"), ("2000", "平成12年"),
])
def test_wareki_date_uses_the_era_of_that_day(text, expected):
    assert era.wareki_date(text) == expected


def test_fiscal_year_of_a_month():
    assert era.fiscal_year_of("2021-04") == 2021
    assert era.fiscal_year_of("2023-03") == 2022
    with pytest.raises(ValueError):
        era.fiscal_year_of("2021")


# --------------------------------------------------------------------------- 1. 大綱策定にあたって
def test_purpose_prose_dates_come_from_the_timeline(glued):
    purpose.glue_prose()
    tl = load("plan_timeline")
    date = tl[(tl["plan"] == purpose.SERVICE_REFORM) & (tl["event"] == "策定")]["date"].iloc[0]
    assert glued["service_reform_adopted"] == era.wareki_date(date)
    # 三次: the numbered 行政改革大綱 that have a 策定 row
    numbered = tl[(tl["event"] == "策定") & tl["plan"].str.contains("行政改革大綱")]["plan"].nunique()
    assert glued["admin_reform_count"] == "一二三四五六七八九"[numbered - 1]


def test_every_plan_of_the_initiatives_table_is_in_the_timeline():
    tl, ini = purpose.timeline(), purpose.initiatives()
    names = {p for cell in ini["plans"] for p in cell.split(purpose.PLAN_SEP)}
    assert names <= set(tl["plan"]), names - set(tl["plan"])


def test_initiatives_table_holds_every_item_and_period():
    md = purpose.initiatives_table().data
    ini, tl = purpose.initiatives(), purpose.timeline()
    for item in ini["initiative"]:
        assert item in md, item
    cells = purpose.table_cells(tl, ini)
    assert len(cells) == len(ini.groupby(["track", "table_row"]))
    for rec in cells.to_dict("records"):
        items = ini[(ini["table_row"] == rec["table_row"]) & (ini["track"] == rec["track"])]
        assert rec["items"] == list(items.sort_values("item_no")["initiative"])
        for plan in items["plans"].iloc[0].split(purpose.PLAN_SEP):
            for label, a, b in purpose.periods(tl, plan):
                assert f"{label}（{purpose.fy_span(a, b)}）" in rec["schedule"]
    # one table per track: header + its cells
    assert sum(ln.startswith("* - ") for ln in md.splitlines()) == len(cells) + len(purpose.TRACKS)
    assert "出典：" in md.splitlines()[-1]


def test_fy_span_drops_the_repeated_era_letter():
    assert purpose.fy_span(2005, 2009) == "H17〜21"
    assert purpose.fy_span(2020, 2022) == "R2〜4"
    assert purpose.fy_span(2018, 2021) == "H30〜R3"


def test_info_plan_date_conflict_is_stated_only_while_it_exists(project):
    tl = purpose.timeline()
    assert purpose.info_plan_discrepancy(tl) is not None
    assert "注：" in purpose.initiatives_table().data
    # make the prose agree with the table (2007-03 lies in FY2006)
    edit(project, "draft_statements.csv", "info_plan_prose_fy,本文が記す「大仙市地域情報化計画」の策定年度,2008",
         "info_plan_prose_fy,本文が記す「大仙市地域情報化計画」の策定年度,2006")
    assert purpose.info_plan_discrepancy(purpose.timeline()) is None


# --------------------------------------------------------------------------- 3.(2) 図4・図5
def test_staff_workload_numbers_and_figures(glued):
    staff_workload.glue_numbers()
    staff_workload.figure4()
    staff_workload.figure5()
    df = load("reform_results_2020_2025")
    assert glued["noncore_share"] == f"{metric_value(df, staff_workload.NONCORE):g}%"
    assert glued["overtime_floor"] == man(metric_value(df, staff_workload.OVERTIME_FLOOR)) + "時間"
    assert glued["survey_year"] == era.wareki(int(metric_value(df, staff_workload.SURVEY_YEAR)))
    label, drawn = glued["fig_workload"]
    assert label.startswith("図4") and drawn.iloc[:, -1].tolist() == [metric_value(df, staff_workload.NONCORE)]
    label, drawn = glued["fig_overtime"]
    assert label.startswith("図5") and drawn["時間"].tolist() == [metric_value(df, staff_workload.OVERTIME_FLOOR)]
    for name in ("fig_workload", "fig_overtime"):
        assert glued[f"{name}_missing"].startswith("未整備：")
        assert glued[f"{name}_source"].startswith("出典：")


# --------------------------------------------------------------------------- 3.(3) DXの動向
def test_every_policy_row_is_glued(glued):
    dx_trends.glue_dates()
    df = load("national_dx_policy")
    for r in df.itertuples():
        if isinstance(r.date, str):
            assert f"dx_{r.key}" in glued
        if pd.notna(r.value):
            assert float(glued[f"dx_{r.key}_value"]) == float(r.value)
    fy = df[df["year_basis"] == "年度"].iloc[0]
    assert glued[f"dx_{fy.key}"] == era.wareki(int(fy.date), fiscal=True)


def test_policy_dates_are_validated(project):
    edit(project, "national_dx_policy.csv", ",2025-06-13,", ",2025-13-01,")
    with pytest.raises(InputError) as exc:
        load("national_dx_policy")
    assert "2025-13-01" in exc.value.render()


# --------------------------------------------------------------------------- 3.(4) 図6・表1
def test_wellbeing_factor_values_stay_in_their_position(glued):
    wellbeing.figure6()
    df = load("wellbeing_indicators")
    unknown = df[df["year"].isna()]
    table = wellbeing.table1_frame(wellbeing.indicators())
    for r in unknown.itertuples():
        row = table[(table["項目"] == "因子：" + r.metric.removeprefix("因子:"))
                    & (table["主観・客観"] == r.subjective_objective)]
        assert row[f"値{int(r.value_position_if_year_unknown)}（公開年度不明）"].iloc[0] == f"{float(r.value):.2f}"
        assert (row[[str(y) for y in wellbeing.years(df)]] == "—").all(axis=None)
    label, drawn = glued["fig_wellbeing"]
    assert sorted(drawn["値"]) == sorted(df["value"].astype(float))
    assert "判別できない" in glued["fig_wellbeing_missing"]
    assert "判別できない" in wellbeing.table1().data


def test_wellbeing_unknown_years_are_no_longer_reported_once_known(project):
    path = project / "data" / "wellbeing_indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    # give every position-1 factor value the year 2024 and every position-2 one 2025
    fixed = [re.sub(r"^,([12]),", lambda m: f"{2023 + int(m[1])},,", ln) for ln in lines]
    path.write_text("\n".join(fixed) + "\n", encoding="utf-8")
    df = wellbeing.indicators()
    assert wellbeing.positions(df) == []
    assert "判別" not in wellbeing.missing_text(df)
    assert "公開年度不明" not in wellbeing.table1().data


def test_a_yearless_row_must_be_a_factor_with_a_position(project):
    edit(project, "wellbeing_indicators.csv", "2023,,幸福度,", ",,幸福度,")
    with pytest.raises(ValueError):
        wellbeing.indicators()


# --------------------------------------------------------------------------- 3.(5) 要望度・図7〜図10・表2
def test_yobodo_marks_agree_with_the_values():
    yb = load("shisei_hyoka_yobodo")
    frame = citizens_voice.yobodo_frame(yb)
    for mark, pick in ((citizens_voice.MAX, max), (citizens_voice.MIN, min)):
        marked = frame[frame["備考"] == mark]
        assert len(marked) == 1, mark
        for col in frame.columns[1:-1]:
            values = frame[col].astype(float)
            assert float(marked[col].iloc[0]) == pick(values), (mark, col)


def test_citizens_voice_glues_data(glued):
    citizens_voice.glue_numbers()
    for fig in ("figure7", "figure8", "figure9", "figure10"):
        getattr(citizens_voice, fig)()
    yb = load("shisei_hyoka_yobodo")
    assert glued["yobodo_years"] == str(yb["fiscal_year"].nunique())
    sv = load("comprehensive_plan_survey_r6")
    for r in sv[sv["value"].notna()].itertuples():
        key = "digital" if r.question == citizens_voice.DIGITAL_Q else "admin"
        assert glued[f"{key}_rank{r.rank}_share"] == f"{r.value:g}%"
        assert glued[f"{key}_rank{r.rank}"] == r.option
    # 図9・図10: every option without a value is named as missing
    for name, q in (("fig_admin_priorities", citizens_voice.ADMIN_Q), ("fig_digital_fields", citizens_voice.DIGITAL_Q)):
        sel = sv[sv["question"] == q]
        for option in sel[sel["value"].isna()]["option"]:
            assert f"「{option}」" in glued[f"{name}_missing"]
        label, drawn = glued[name]
        assert drawn["選択肢"].tolist() == sel.sort_values("rank")["option"].tolist()
    assert "fig_yobodo_missing" not in glued and "fig_usability_missing" not in glued


def test_table2_headers_carry_n_from_data():
    md = citizens_voice.table2().data
    du = load("shisei_hyoka_digital_usability")
    for r in du[du["category"] == citizens_voice.N].itertuples():
        assert f"{era.short(int(r.fiscal_year))} n={int(r.value)}" in md


# --------------------------------------------------------------------------- 4. 検証 / 5. 必要性
def test_review_numbers_equal_the_results_file(glued):
    review.glue_numbers()
    df = load("reform_results_2020_2025")
    assert glued["asset_income"] == man(metric_value(df, review.ASSET_INCOME)) + "円"
    for name, metric in review.COUNTS.items():
        assert glued[name].replace(",", "").startswith(f"{metric_value(df, metric):g}")
    for name, metric in review.MILESTONES.items():
        assert glued[name] == era.wareki(int(metric_value(df, metric)), fiscal=True)
    assert glued["dx_project_staff"] == f"{int(metric_value(df, review.DX_STAFF))}名"


@pytest.mark.parametrize("period,years", [("R2-R6 (FY2020-2024)", (2020, 2024)), ("H29〜R1", (2017, 2019))])
def test_fy_period(period, years):
    assert review.fy_period(period) == years


def test_fy_period_rejects_text_without_a_range():
    with pytest.raises(ValueError):
        review.fy_period("as of draft")


def test_fy_range_end_repeats_the_era_only_across_eras():
    assert review.fy_range_end(2020, 2024) == "6年度"
    assert review.fy_range_end(2017, 2020) == "令和2年度"


def test_necessity_recalls_the_same_years_as_the_purpose(glued):
    necessity.glue_numbers()
    tl = purpose.timeline()
    assert glued["service_reform_fy"] == purpose.adopted_fy(tl, purpose.SERVICE_REFORM)
    assert glued["dx_vision_fy"] == purpose.adopted_fy(tl, purpose.DX_VISION)


# --------------------------------------------------------------------------- notebooks
CH1 = sorted((ROOT / "book").glob("ch1_*.ipynb"))


@pytest.mark.parametrize("path", CH1, ids=lambda p: p.stem)
def test_every_glue_reference_of_a_chapter1_notebook_is_glued(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    wanted = set(re.findall(r"\{glue:text\}`([^`]+)`", md)) | set(re.findall(r"```\{glue:figure\} (\S+)", md))
    have = {o.get("metadata", {}).get("scrapbook", {}).get("name") for c in nb["cells"]
            for o in c.get("outputs", [])}
    assert wanted <= have, sorted(wanted - have)


@pytest.mark.parametrize("path", CH1, ids=lambda p: p.stem)
def test_chapter1_prose_has_no_typed_quantities(path):
    """Numbers in prose come from glue; only numbering, names and ※ markers stay literal."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        text = re.sub(r"```.*?```", "", text, flags=re.S)                 # figure directives
        text = re.sub(r"\{(glue:text|numref)\}`[^`]+`", "", text)
        text = re.sub(r"^#+ \(?\d+\)?\.?", "", text, flags=re.M)          # section numbers
        text = re.sub(r"※\d|[①-⑩]|第3次|5-4|「5 |視点1|Society 5\.0|地方創生2\.0|"
                      r"\d+つの(視点|計画|基本方針|重点取組)|4つ重点取組|\d因子|15歳以上64歳以下|65歳以上|10万人", "", text)
        assert not re.search(r"\d", text), (path.stem, re.findall(r".{0,12}\d.{0,12}", text))


def test_figures_and_tables_follow_the_draft_in_order(built_book):
    from test_book import pdftext

    text = re.sub(r"\s+", "", pdftext(built_book["pdf"]))
    captions = ["図1大仙市の将来推計人口", "図4職員の作業時間と性質毎の比率", "図5職員の時間外労働時間",
                "図6地域幸福度（Well-Being）指標", "表1地域幸福度指標（標準版調査）", "図7「市民による市政評価」",
                "表2「市民による市政評価」", "図8「市民による市政評価」", "図9「第3次総合計画", "図10「第3次総合計画"]
    pos = [text.find(c) for c in captions]
    assert all(p >= 0 for p in pos), [c for c, p in zip(captions, pos) if p < 0]
    assert pos == sorted(pos)
    for n in range(4, 11):
        after = text.split(f"図{n}", 1)[1]
        after = after[:after.find(f"図{n + 1}")] if f"図{n + 1}" in after else after[:600]
        assert "出典：" in after, f"図{n}"
