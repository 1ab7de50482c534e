"""第1章 3.(3) DXの動向: the dates of the national policies its prose names
(``data/national_dx_policy.csv``)."""

from __future__ import annotations

from daisen_taiko.kernel import api


def glue_prose() -> None:
    df = api.load("national_dx_policy")
    for r in df.itertuples():
        if isinstance(r.date, str) and r.date:
            fiscal = r.year_basis == "年度"
            label = api.wareki(int(r.date), fiscal=fiscal) if len(str(r.date)) == 4 else api.wareki_date(str(r.date))
            api.text(f"dx_{r.key}", label)
    plan = api.value(df, key="digital_garden_city_strategy")
    api.text("dx_digital_garden_city_strategy_years", f"{int(plan)}か年")
    api.text("dx_jichitai_dx_plan_version", f"第{float(api.value(df, key='jichitai_dx_plan_version')):.1f}版")
