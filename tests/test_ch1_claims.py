"""The qualitative statements of 第1章 3.(2)・(4)・(5) are checked against the data:
each check holds on the current data where the draft is right, and flips when the
data are changed so that the statement no longer holds."""

import pytest

from daisen_taiko.sections import citizens_voice as cv
from daisen_taiko.sections import staff_workload, wellbeing


def edit(project, name, old, new):
    path = project / "data" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# --------------------------------------------------------------------------- 3.(5) 要望度
def test_admin_near_average_flips_when_the_item_moves_away(project):
    assert cv.check_admin_near_average(cv.yobodo())[0] is True
    edit(project, "shisei_hyoka_yobodo.csv", "2024,R6,行財政運営(行財政運営の効率化),focus,0.65,",
         "2024,R6,行財政運営(行財政運営の効率化),focus,2.65,")
    holds, evidence = cv.check_admin_near_average(cv.yobodo())
    assert holds is False and f"{cv.YOBODO_NEAR:g}点以下" in evidence


def test_digital_below_average_flips_when_one_year_is_above(project):
    assert cv.check_digital_below_average(cv.yobodo())[0] is True
    edit(project, "shisei_hyoka_yobodo.csv", "2025,R7,地域情報化,focus,0.43,", "2025,R7,地域情報化,focus,0.93,")
    assert cv.check_digital_below_average(cv.yobodo())[0] is False


def test_no_big_change_flips_on_a_jump(project):
    assert cv.check_yobodo_no_big_change(cv.yobodo())[0] is True
    edit(project, "shisei_hyoka_yobodo.csv", "2023,R5,地域情報化,focus,0.37,", "2023,R5,地域情報化,focus,0.05,")
    holds, evidence = cv.check_yobodo_no_big_change(cv.yobodo())
    assert holds is False and f"{cv.YOBODO_NO_CHANGE:g}点以下" in evidence


# --------------------------------------------------------------------------- 3.(5) 表2
def test_usable_flat_flips_on_a_change_above_the_rule(project):
    holds, evidence = cv.check_usable_flat(cv.usability())
    assert holds is True and f"{cv.USABLE_FLAT:g}ポイント以下" in evidence
    edit(project, "shisei_hyoka_digital_usability.csv", f"{cv.USABLE},51.4,", f"{cv.USABLE},45.0,")
    assert cv.check_usable_flat(cv.usability())[0] is False


def test_unusable_increasing_flips_when_the_last_year_falls(project):
    assert cv.check_unusable_increasing(cv.usability())[0] is True
    edit(project, "shisei_hyoka_digital_usability.csv", f"{cv.UNUSABLE},17.6,", f"{cv.UNUSABLE},12.0,")
    assert cv.check_unusable_increasing(cv.usability())[0] is False


# --------------------------------------------------------------------------- 3.(4) 幸福度・因子
def test_scores_flat_flips_on_a_large_move(project):
    assert wellbeing.check_scores_flat(wellbeing.indicators())[0] is True
    edit(project, "wellbeing_indicators.csv", "2025,,幸福度,主観,6.3,", "2025,,幸福度,主観,7.3,")
    assert wellbeing.check_scores_flat(wellbeing.indicators())[0] is False


def test_subjective_rising_flips_when_a_factor_falls(project):
    holds, evidence = wellbeing.check_factor_trend(wellbeing.indicators(), "主観")
    assert holds is True and "記載順" in evidence
    edit(project, "wellbeing_indicators.csv", ",2,因子:デジタル生活,主観,34.13,", ",2,因子:デジタル生活,主観,30.00,")
    assert wellbeing.check_factor_trend(wellbeing.indicators(), "主観")[0] is False


def test_objective_falling_is_contradicted_by_the_flat_regional_admin_value(project):
    # 客観値「地域行政」 is the same in both positions: not a 下降, so the claim does not hold
    holds, evidence = wellbeing.check_factor_trend(wellbeing.indicators(), "客観")
    assert holds is False and "地域行政" in evidence and "該当せず" in evidence
    edit(project, "wellbeing_indicators.csv", ",2,因子:地域行政,客観,42.76,", ",2,因子:地域行政,客観,41.00,")
    assert wellbeing.check_factor_trend(wellbeing.indicators(), "客観")[0] is True


def test_factor_values_are_ordered_by_year_once_years_are_known(project):
    # give 値1 the year 2025 and 値2 the year 2024: the order (and so the trend) reverses
    for so, v1, v2 in (("主観", "36.41", "40.96"),):
        edit(project, "wellbeing_indicators.csv", f",1,因子:地域行政,{so},{v1},", f"2025,,因子:地域行政,{so},{v1},")
        edit(project, "wellbeing_indicators.csv", f",2,因子:地域行政,{so},{v2},", f"2024,,因子:地域行政,{so},{v2},")
    values, order = wellbeing.factor_series(wellbeing.indicators(), "因子:地域行政", "主観")
    assert values == [40.96, 36.41] and order == "公開年度順"
    assert wellbeing.check_factor_trend(wellbeing.indicators(), "主観")[0] is False


# --------------------------------------------------------------------------- 3.(2) 時間外労働
def test_overtime_per_capita_trend_is_unverified():
    holds, evidence = staff_workload.overtime_per_capita_check()
    assert holds is None and "未整備" in evidence


@pytest.mark.parametrize("module", [cv, wellbeing, staff_workload], ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_claims_are_glued_with_their_status(module, monkeypatch):
    from daisen_taiko import claims
    from daisen_taiko.params import load_edition

    out = {}
    monkeypatch.setattr(claims, "glue_text", lambda name, text: out.__setitem__(name, text))
    module.glue_claims(load_edition())
    checks = [k for k in out if k.endswith("__check")]
    assert checks and all(k.removesuffix("__check") in out for k in checks)
