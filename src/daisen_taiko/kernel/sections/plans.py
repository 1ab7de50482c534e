"""各種取組計画: the draft's sentence and, once departments have returned their 取組計画
(``make intake``), one compact overview — the five-year schedule of the 30 取組 and a table of
指標 and 目標 — with 取組 that have no plan yet shown as 未策定."""

from __future__ import annotations

import pandas as pd

from daisen_taiko.kernel import api


def plans() -> pd.DataFrame:
    return api.load("initiative_plans")


def returned() -> bool:
    return not plans().empty


def schedule(ed: api.Edition) -> api.Drawn:
    overview = api.plan_overview(ed)
    years = [c for c in overview.columns if c.endswith("年度")]
    drawn = overview[["ID", "取組内容", "担当課", *years]].copy()
    p = plans()
    prov = p.set_index("id")[["publication", "retrieved_from"]].rename(
        columns={"publication": "出典", "retrieved_from": "取得元"}
    )
    drawn = drawn.join(prov, on="ID").fillna({"出典": "", "取得元": ""})
    return api.Drawn(api.schedule_chart(ed), drawn, [p])


def targets(ed: api.Edition) -> api.Tabled:
    overview = api.plan_overview(ed)
    cols = ["取組内容", "担当課", "指標", "目標値"]
    body = ["| " + " | ".join(cols) + " |", "|:--|:--|:--|--:|"]
    body += ["| " + " | ".join(api.escape(r[c]) for c in cols) + " |" for _, r in overview.iterrows()]
    return api.Tabled("\n".join(body), [plans()], widths=[40, 18, 27, 15], data=overview[cols])


def overview(ed: api.Edition) -> None:
    """Show the overview only when at least one 取組計画 has been returned."""
    if returned():
        api.figure("fig-plan-schedule", lambda: schedule(ed))
        api.table("tbl-plan-targets", lambda: targets(ed))
