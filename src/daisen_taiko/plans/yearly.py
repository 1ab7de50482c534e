"""One fiscal year's 推進状況 as the 推進状況報告書 shows it: pure functions of data/.

Every 取組 of the 施策体系 is a row; one with no 評価 returned for the year is 未報告 (listed, never
dropped, never counted as D).  A 取組 whose 目標値 is below its 基準値 aims to go down: its 達成率
(実績 ÷ 目標, which assumes more is better) would mislead, so it is not given.
"""

from __future__ import annotations

import pandas as pd

from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.data.schema_plans import GRADES
from daisen_taiko.inputs.params import Edition
from daisen_taiko.plans import Layout, initiatives
from daisen_taiko.plans.views import NOT_REPORTED, _dept, _plans, _progress, _schedule, achievement, target_for

SCALE = (*GRADES, NOT_REPORTED)  # the summary's rows, in order


def returned(v) -> bool:
    """A value was given: not None, NaN nor pandas' NA (a missing cell of a Float64 column)."""
    return v is not None and not (pd.api.types.is_scalar(v) and pd.isna(v))


def years_with_returns(ed: Edition) -> list[int]:
    """The fiscal years of the 推進期間 for which a department returned a 実績値 or 評価, in order."""
    done = {y for (_, y), r in _progress().items() if returned(r.get("actual")) or returned(r.get("rating"))}
    return [y for y in Layout.of(ed).years if y in done]


def report_year(ed: Edition) -> int | None:
    """The latest of :func:`years_with_returns` (None: no returns yet)."""
    return max(years_with_returns(ed), default=None)


def smaller_is_better(plan: dict | None) -> bool:
    """The plan aims to bring its indicator down: its final 目標値 is below its 基準値."""
    if not plan or not returned(plan.get("baseline")) or not returned(plan.get("target_final")):
        return False
    return float(plan["target_final"]) < float(plan["baseline"])


def year_table(ed: Edition, year: int) -> pd.DataFrame:
    """Per 取組 (all, plan order): ID, pillar_no, 重点取組, 施策, 取組内容, 担当課, 指標, 単位, 基準値,
    基準年度, 目標, 実績, 達成率 (None where smaller is better), 減少目標 (bool), 評価 (A〜D or 未報告),
    取組状況, 財政効果額 (千円), 次年度の方向性, 出典 (the publication of the 進捗 row, else of the plan)."""
    years = Layout.of(ed).years
    plans, schedule, progress = _plans(), _schedule(), _progress()
    rows = []
    for it in initiatives().itertuples():
        plan = plans.get(it.id) or {}
        rep = progress.get((it.id, year)) or {}
        target = target_for(plan, schedule, it.id, year, years[-1])
        down = smaller_is_better(plan)
        rows.append(
            {
                "ID": it.id,
                "pillar_no": int(it.pillar_no),
                "重点取組": it.pillar,
                "施策": it.area,
                "取組内容": it.item,
                "担当課": _dept(plan or None),
                "指標": plan.get("indicator"),
                "単位": plan.get("unit"),
                "基準値": plan.get("baseline"),
                "基準年度": plan.get("baseline_fy"),
                "目標": target,
                "実績": rep.get("actual"),
                "達成率": None if down else achievement(rep.get("actual"), target),
                "減少目標": down,
                "評価": rep.get("rating") or NOT_REPORTED,
                "取組状況": rep.get("comment"),
                "財政効果額": rep.get("fiscal_effect"),
                "次年度の方向性": rep.get("next_step"),
                "出典": rep.get("publication") or plan.get("publication"),
            }
        )
    return pd.DataFrame(rows)


def shares(counts: pd.Series) -> pd.Series:
    """Each count's share of the total (%), to 0.1."""
    total = counts.sum()
    return (counts / total * 100).round(1) if total else counts * 0.0


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """評価 → 件数 and 割合 (% of all 取組, 未報告 included), in the order of SCALE."""
    counts = table["評価"].value_counts().reindex(SCALE, fill_value=0)
    return pd.DataFrame({"件数": counts, "割合": shares(counts)})


def by_pillar(table: pd.DataFrame) -> pd.DataFrame:
    """重点取組 × 評価 counts with 計 (rows in plan order, columns SCALE + 計)."""
    cross = pd.crosstab(table["pillar_no"], table["評価"]).reindex(columns=SCALE, fill_value=0)
    cross["計"] = cross.sum(axis=1)
    names = table.drop_duplicates("pillar_no").set_index("pillar_no")["重点取組"]
    cross.index = [names[i] for i in cross.index]
    return cross


def period_summary(ed: Edition) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole 推進期間 (what its final year's report adds): per fiscal year, 評価 → 件数 (rows:
    the years; columns: SCALE and 計), and per 取組 (plan order) its 評価 of each year (columns: ID,
    取組内容, 担当課, 指標, 単位, 基準値, 最終目標値, 最終実績値 and one per year)."""
    years = Layout.of(ed).years
    tables = {y: year_table(ed, y) for y in years}
    counts = pd.DataFrame({y: summary(t)["件数"] for y, t in tables.items()}).T
    counts["計"] = counts.sum(axis=1)
    last = tables[years[-1]]
    per = last[["ID", "取組内容", "担当課", "指標", "単位", "基準値"]].copy()
    per["最終目標値"] = [(_plans().get(i) or {}).get("target_final") for i in last["ID"]]
    per["最終実績値"] = last["実績"].tolist()
    for y, t in tables.items():
        per[y] = t["評価"].tolist()
    return counts, per


def effects(ed: Edition, year: int) -> tuple[float | None, float | None]:
    """財政効果額 (千円) of the year and cumulated from the first year of the 推進期間 to it (None: none reported)."""
    df = load("initiative_progress")
    df = df[df["fiscal_effect"].notna()] if "fiscal_effect" in df.columns else df.iloc[0:0]
    first = Layout.of(ed).years[0]
    this = df[df["fiscal_year"] == year]["fiscal_effect"]
    upto = df[(df["fiscal_year"] >= first) & (df["fiscal_year"] <= year)]["fiscal_effect"]
    return (float(this.sum()) if len(this) else None, float(upto.sum()) if len(upto) else None)


def history(ed: Edition, year: int) -> dict[str, list[dict]]:
    """Per 取組, its years of the 推進期間 up to ``year`` with anything returned: fiscal_year, 目標,
    実績, 評価 (what the report shows from its second year on)."""
    from daisen_taiko.plans.views import progress_table

    table = progress_table(ed)
    table = table[(table["fiscal_year"] <= year) & (table["実績"].notna() | table["評価"].notna())]
    out: dict[str, list[dict]] = {}
    for r in table.itertuples():
        out.setdefault(r.ID, []).append(
            {"fiscal_year": int(r.fiscal_year), "目標": r.目標, "実績": r.実績, "評価": r.評価}
        )
    return out


def summary_text(year: int) -> list[str]:
    """The paragraphs of the planners' 総括 of the year (data/progress_summary.csv), in order."""
    df = load("progress_summary")
    return df[df["fiscal_year"] == year].sort_values("paragraph")["text"].tolist()


def plan_changes() -> pd.DataFrame:
    """The changes of the 取組計画 returned so far, with their reasons (initiative_changes)."""
    return load("initiative_changes")


RATE_LIMITS = (0.0, 200.0)  # a 達成率 outside these is more likely a slip (unit, decimal point) than a fact


def inconsistencies(ed: Edition, year: int) -> pd.DataFrame:
    """What the planners should check with the 担当課 before the year's report is published: a 実績
    without a 指標 or without the year's 目標値, a 達成率 outside RATE_LIMITS, an A below 100 % or a
    C/D at 100 % or more.  Columns: ID, 取組内容, 担当課, 確認すること."""
    rows = []
    for r in year_table(ed, year).itertuples():
        found = []
        if returned(r.実績):
            if not returned(r.指標):
                found.append("実績値がありますが、取組計画に指標がありません")
            if not returned(r.目標):
                found.append("実績値がありますが、この年度の目標値がありません（達成率を出せません）")
        rate = r.達成率
        if returned(rate):
            low, high = RATE_LIMITS
            if not low <= rate <= high:
                found.append(f"達成率が{rate:g}%です（実績値・目標値・単位の誤りがないか）")
            if r.評価 == "A" and rate < 100:
                found.append(f"評価 A（目標を達成した）ですが、達成率は{rate:g}%です")
            if r.評価 in ("C", "D") and rate >= 100:
                found.append(f"評価 {r.評価}ですが、達成率は{rate:g}%です")
        for what in found:
            rows.append({"ID": r.ID, "取組内容": r.取組内容, "担当課": r.担当課, "確認すること": what})
    return pd.DataFrame(rows, columns=["ID", "取組内容", "担当課", "確認すること"])
