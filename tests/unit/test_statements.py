"""The statements of the draft checked against data: each status expected here was worked out
by hand from the publications' values (written in the comments), not by the code under test;
each check is also shown to flip when one value of its data changes."""

from __future__ import annotations

import json

import pytest

from daisen_taiko.common import records
from daisen_taiko.kernel import glue
from daisen_taiko.kernel.sections import citizens_voice, population_finance, purpose, staff_workload, wellbeing


@pytest.fixture
def captured(monkeypatch):
    """What the section code glues, by name (instead of notebook outputs)."""
    found: dict[str, str] = {}
    monkeypatch.setattr(
        glue, "store", lambda name, bundle: found.__setitem__(name, records.decode(bundle["text/plain"]))
    )
    return found


def statuses(found: dict[str, str]) -> dict[str, str]:
    return {
        k.removeprefix(records.CHECK_PREFIX): json.loads(v)["status"] for k, v in found.items() if records.is_check(k)
    }


def run_all_checks(found) -> dict[str, str]:
    population_finance.glue_population()
    population_finance.glue_fiscal()
    staff_workload.glue_prose()
    wellbeing.glue_prose()
    citizens_voice.glue_prose()
    purpose.glue_prose()
    return statuses(found)


EXPECTED = {
    # 国勢調査 123,158 (1955) → 106,428 → … → 77,657 (2020): every census lower than the one before
    "pop_decreasing": "一致",
    # 社人研 R5: 2040 老年 25,203 < 生産年齢 25,607; 2045 老年 23,967 > 21,933 → first in 2045 (令和27年)
    "aged_exceeds_working": "一致",
    # 2045: 23,967 / 49,442 = 48.47 %; 2050: 22,337 / 44,243 = 50.49 % → first over 50 % in 2050 (令和32年)
    "aged_share_over_half": "一致",
    # 経常収支比率 H28–R1: 92.3, 92.1, 90.9, 92.9 and R6 91.1 (R2–R4 excluded, R5 unknown): all > 90
    # (the 令和8年度版 reads H29–R7: the same without H28, R7 unknown: all > 90 still)
    "ratio_above_threshold": "一致",
    "ratio_below_similar": "未検証",  # no 類似団体 data
    "paper_use": "未検証",
    "overtime_per_capita": "未検証",
    "overtime_total": "未検証",
    # 幸福度 6.4, 6.3, 6.3 (span 0.1); 生活満足度 6.0, 5.7, 6.0 (span 0.3): both ≤ 0.5
    "wb_scores_flat": "一致",
    # 主観: 地域行政 36.41 → 40.96, デジタル生活 33.08 → 34.13: both rise
    "wb_subjective_rising": "一致",
    # 客観: 地域行政 42.76 → 42.76 does not fall (デジタル生活 49.77 → 47.45 does)
    "wb_objective_falling": "不一致",
    # |行財政運営 − 平均|: 0.22, 0.18, 0.04, 0.07, 0.05 → mean 0.112 ≤ 0.15
    "yobodo_admin_near": "一致",
    # 地域情報化 − 平均: −0.28, −0.39, −0.39, −0.32, −0.40: below in every year
    "yobodo_digital_lower": "一致",
    # spans: 行財政運営 0.87 − 0.65 = 0.22, 地域情報化 0.43 − 0.30 = 0.13: both ≤ 0.3
    "yobodo_no_big_change": "一致",
    # 利用しやすい 53.5, 53.3, 53.1, 51.4: span 2.1 ≤ 3 points
    "usable_flat": "一致",
    # 利用しにくい 15.9, 15.1, 13.9, 17.6: last > first and ≥ the year before
    "unusable_increasing": "一致",
    # prose: 平成20年度; table: 平成19年3月 (= 平成18年度)
    "info_plan_date": "不一致",
}


def test_every_statement_has_the_status_worked_out_by_hand(captured):
    assert run_all_checks(captured) == EXPECTED


def edit(project, file: str, old: str, new: str) -> None:
    path = project / "data" / f"{file}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def first_ratio_checked() -> tuple[int, str]:
    """(年度, value as data/ writes it) of the first 経常収支比率 the 90% statement reads in the
    default edition: the first year of 図3's span outside the COVID years (平成28年度 92.3 in the
    令和7年度版, 平成29年度 92.1 in the next), so that the flip below is inside the span."""
    from support import edition_params, ratio_row

    from daisen_taiko.inputs.registry import get

    years = get("fig-fiscal").needs[0].years(edition_params()["fiscal_year"])
    first = next(y for y in years if y not in population_finance.COVID_FY)
    return first, ratio_row(first).split(",")[2]


FIRST_RATIO = first_ratio_checked()
FLIPS = {
    "pop_decreasing": ("population_census", "2010,大仙市,総人口,88301", "2010,大仙市,総人口,94301", "不一致"),
    "aged_exceeds_working": (
        "population_projection",
        "老年人口（65歳以上）,23967",
        "老年人口（65歳以上）,21000",
        "不一致",
    ),
    "aged_share_over_half": (
        "population_projection",
        "老年人口（65歳以上）,22337",
        "老年人口（65歳以上）,22000",
        "不一致",
    ),
    "ratio_above_threshold": (
        "fiscal_indicators",
        f"{FIRST_RATIO[0]},経常収支比率,{FIRST_RATIO[1]},",
        f"{FIRST_RATIO[0]},経常収支比率,89.0,",
        "不一致",
    ),
    "wb_objective_falling": (
        "wellbeing_indicators",
        ",2,因子:地域行政,客観,42.76",
        ",2,因子:地域行政,客観,41.00",
        "一致",
    ),
    "usable_flat": (
        "shisei_hyoka_digital_usability",
        "利用しやすい・ある程度しやすい,51.4",
        "利用しやすい・ある程度しやすい,45.4",
        "不一致",
    ),
    "unusable_increasing": (
        "shisei_hyoka_digital_usability",
        "どちらかといえば利用しにくい,17.6",
        "どちらかといえば利用しにくい,12.6",
        "不一致",
    ),
    "yobodo_digital_lower": (
        "shisei_hyoka_yobodo",
        "2025,地域情報化,focus,0.43",
        "2025,地域情報化,focus,0.93",
        "不一致",
    ),
}


@pytest.mark.parametrize("key", sorted(FLIPS))
def test_the_check_flips_when_its_data_change(key, project, captured):
    file, old, new, status = FLIPS[key]
    edit(project, file, old, new)
    assert run_all_checks(captured)[key] == status
