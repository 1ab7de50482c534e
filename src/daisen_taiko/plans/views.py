"""The returned 取組計画 and 進捗 as the book shows them: pure functions of data/.

Each function takes the edition (an :class:`~daisen_taiko.inputs.params.Edition`, or its ID) and
reads nothing but ``daisen_taiko.inputs.data.load`` (the edition's parameters when given an ID).
Before any workbook is returned every 取組 shows as 未策定 / 未提出; nothing is filled in.
"""

from __future__ import annotations

import pandas as pd

from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.params import Edition, load_edition
from daisen_taiko.plans import NOT_PLANNED, UNKNOWN_DEPT, Layout, fy_label, initiatives

UNSET = "未設定"  # a plan was returned but this field was left empty
NOT_REPORTED = "未報告"  # no 評価 for that year (yet)


def _ed(edition: Edition | str | None) -> Edition:
    return edition if isinstance(edition, Edition) else load_edition(edition)


def _num(v) -> str:
    v = float(v)
    return f"{int(v):,}" if v.is_integer() else f"{v:,.10g}"


def _records(name: str, key: tuple[str, ...]) -> dict[tuple, dict]:
    df = load(name)
    df = df.astype(object).where(df.notna(), None)
    return {tuple(int(r[k]) if k == "fiscal_year" else r[k] for k in key): r for r in df.to_dict("records")}


def _plans() -> dict:
    return {k[0]: r for k, r in _records("initiative_plans", ("id",)).items()}


def _schedule() -> dict:
    return _records("initiative_schedule", ("id", "fiscal_year"))


def _progress() -> dict:
    return _records("initiative_progress", ("id", "fiscal_year"))


def _dept(plan: dict | None) -> str:
    return plan["owner_dept"] if plan and plan.get("owner_dept") else UNKNOWN_DEPT


def plan_overview(edition) -> pd.DataFrame:
    """One row per 取組 (all of the 施策体系, in plan order).

    Columns: ID, 重点取組, 施策, 取組内容, 担当課, one column per fiscal year of the 推進期間
    (headed ``令和8年度`` …) with the phase, 指標, 単位, 目標値 (最終年度, as text with its
    unit).  A 取組 without a returned 計画 shows 未策定 in every year and in 指標・目標値 and
    担当課 未定; a returned 計画 with an empty field shows 未設定.
    """
    ed = _ed(edition)
    years = Layout.of(ed).years
    plans, schedule = _plans(), _schedule()
    rows = []
    for it in initiatives().itertuples():
        plan = plans.get(it.id)
        row = {"ID": it.id, "重点取組": it.pillar, "施策": it.area, "取組内容": it.item, "担当課": _dept(plan)}
        for y in years:
            phase = (schedule.get((it.id, y)) or {}).get("phase")
            row[fy_label(y)] = NOT_PLANNED if plan is None else phase or UNSET
        if plan is None:
            row.update({"指標": NOT_PLANNED, "単位": "", "目標値": NOT_PLANNED})
        else:
            unit = plan.get("unit") or ""
            target = plan.get("target_final")
            row.update(
                {
                    "指標": plan.get("indicator") or UNSET,
                    "単位": unit,
                    "目標値": UNSET if target is None else f"{_num(target)}{unit}",
                }
            )
        rows.append(row)
    return pd.DataFrame(rows)


def target_for(plan: dict | None, schedule: dict, ident: str, year: int, last: int) -> float | None:
    """The 目標 of one 取組 for one year: that year's 目標値, else (final year only) 目標値（最終年度）."""
    target = (schedule.get((ident, year)) or {}).get("target")
    if target is None and year == last and plan:
        target = plan.get("target_final")
    return None if target is None else float(target)


def achievement(actual: float | None, target: float | None) -> float | None:
    """達成率 (%) = 実績 ÷ 目標 × 100, rounded to 0.1; None unless both are numbers and 目標 ≠ 0.

    It assumes a larger value is better; for an indicator that should go down (a cost, a
    count of paper forms) the 評価 A〜D, not the 達成率, tells how the 取組 is going.
    """
    if actual is None or target is None or pd.isna(actual) or pd.isna(target) or float(target) == 0:
        return None
    return round(float(actual) / float(target) * 100, 1)


def progress_table(edition) -> pd.DataFrame:
    """Per 取組 and fiscal year of the 推進期間: 目標, 実績, 達成率, 評価.

    Columns: ID, 重点取組, 取組内容, 担当課, 年度 (``令和8年度``), fiscal_year (西暦), 目標, 実績,
    達成率, 評価 — one row for every 取組 × year, empty (NA) where nothing was returned.
    目標 is the year's 目標値 of the 取組計画, or for the final year the 目標値（最終年度）
    when no yearly one is given.  達成率 is :func:`achievement`: 実績 ÷ 目標 × 100 (%),
    rounded to 0.1, only where 実績 and 目標 are both numbers and 目標 ≠ 0.
    """
    ed = _ed(edition)
    years = Layout.of(ed).years
    plans, schedule, progress = _plans(), _schedule(), _progress()
    rows = []
    for it in initiatives().itertuples():
        plan = plans.get(it.id)
        for y in years:
            rep = progress.get((it.id, y)) or {}
            target = target_for(plan, schedule, it.id, y, years[-1])
            actual = rep.get("actual")
            rows.append(
                {
                    "ID": it.id,
                    "重点取組": it.pillar,
                    "取組内容": it.item,
                    "担当課": _dept(plan),
                    "年度": fy_label(y),
                    "fiscal_year": y,
                    "目標": target,
                    "実績": actual,
                    "達成率": achievement(actual, target),
                    "評価": rep.get("rating"),
                }
            )
    df = pd.DataFrame(rows)
    for col in ("目標", "実績", "達成率"):
        df[col] = pd.array(df[col].tolist(), dtype="Float64")
    df["fiscal_year"] = df["fiscal_year"].astype("Int64")
    df["評価"] = df["評価"].astype("object")
    return df


def due_years(ed: Edition) -> list[int]:
    """Fiscal years whose 進捗 is due in this edition: those that ended before its 策定年度."""
    return [y for y in Layout.of(ed).years if y < ed.fiscal_year]


def missing_returns(edition, through: int | None = None) -> pd.DataFrame:
    """取組 whose 計画 or 進捗 has not been returned.

    Columns: ID, 重点取組, 取組内容, 担当課 (未定 when no 計画 names it), 未提出 (``計画`` and/or
    ``進捗 令和8年度`` …, joined by 「、」).  進捗 is due for the years of the 推進期間 before
    the edition's 策定年度 (``through``: up to and including that fiscal year instead).
    A 進捗 counts as returned when it has a 実績値 or a 評価.
    """
    ed = _ed(edition)
    years = due_years(ed) if through is None else [y for y in Layout.of(ed).years if y <= through]
    plans, progress = _plans(), _progress()
    rows = []
    for it in initiatives().itertuples():
        plan = plans.get(it.id)
        missing = [] if plan else ["計画"]
        for y in years:
            rep = progress.get((it.id, y)) or {}
            if rep.get("actual") is None and rep.get("rating") is None:
                missing.append(f"進捗 {fy_label(y)}")
        if missing:
            rows.append(
                {
                    "ID": it.id,
                    "重点取組": it.pillar,
                    "取組内容": it.item,
                    "担当課": _dept(plan),
                    "未提出": "、".join(missing),
                }
            )
    return pd.DataFrame(rows, columns=["ID", "重点取組", "取組内容", "担当課", "未提出"])


def schedule_chart(edition):
    """Five-year schedule chart of every 取組 (see :func:`daisen_taiko.intake.charts.schedule_chart`)."""
    from daisen_taiko.plans.charts import schedule_chart as draw

    ed = _ed(edition)
    return draw(plan_overview(ed), Layout.of(ed).years)


def progress_chart(edition, pillar_no: int):
    """評価 counts per fiscal year for the 取組 of one 重点取組 (see :mod:`daisen_taiko.intake.charts`)."""
    from daisen_taiko.plans.charts import progress_chart as draw

    ed = _ed(edition)
    table = progress_table(ed)
    ids = initiatives().query("pillar_no == @pillar_no")
    if ids.empty:
        raise ValueError(f"重点取組 {pillar_no} は施策体系にありません")
    return draw(table[table["ID"].isin(ids["id"])], int(pillar_no), ids["pillar"].iloc[0], Layout.of(ed).years)
