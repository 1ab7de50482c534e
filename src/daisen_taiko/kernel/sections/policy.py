"""第2章 基本方針及び推進体制: the quantities of 3. 構成と期間 and the 体系図 of 6.

The 体系図 is :mod:`daisen_taiko.plans.framework`'s (the 概要版 sets the same)."""

from __future__ import annotations

from daisen_taiko.kernel import api
from daisen_taiko.kernel.sections import priorities


def glue_structure_period(ed: api.Edition) -> None:
    p = priorities.pillars()
    api.text("pillar_names", "、".join(f"「{name}」" for name in p["pillar"]))
    api.text("pillar_count", f"{len(p)}つ")
    api.text(
        "plan_period",
        f"{api.wareki(ed.plan_start, fiscal=True)}から{api.wareki(ed.plan_end, fiscal=True)}までの{ed.plan_years}年間",
    )


# --------------------------------------------------------------------------- 体系図
def framework() -> None:
    """The 体系図 (:func:`daisen_taiko.plans.framework.framework_markdown`, shared with the 概要版)."""
    api.markdown(api.framework_markdown())
