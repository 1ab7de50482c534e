"""パブリックコメント: the opinions recorded (make comments), those not yet answered, and the changes
answered 対応 A whose approval is still missing (the 確定 edition is refused until it is given)."""

from __future__ import annotations

from daisen_taiko.documents.report.common import Page, list_table
from daisen_taiko.inputs.comments import CHANGE, REGISTER, WHOLE, in_draft_order, opinions, places
from daisen_taiko.inputs.corrections import corrections


def page() -> Page | None:
    found = opinions()
    if not found:
        return None
    known = places()
    label = {p.place: p.label for p in known} | {WHOLE: WHOLE}
    open_ = [o for o in in_draft_order(found, known) if not o.answered]
    approved = {c.opinion for c in corrections() if c.opinion is not None and c.approved}
    waiting = [o for o in found if o.response == CHANGE and o.no not in approved]
    lines = [
        "# パブリックコメント",
        "",
        f"data/{REGISTER}.csv に記録した意見 {len(found)}件（提出者 {len({o.receipt for o in found})}人）。"
        "意見募集の結果は、すべての意見に市の考え方と対応を記入すると公表用に作成されます。",
    ]
    if open_:
        lines += [
            "",
            f"## 回答が未記入の意見（{len(open_)}件、意見募集の結果は未作成）",
            "",
            list_table(
                ["意見番号", "受付番号", "該当箇所", "意見の概要", "未記入"],
                [
                    [str(o.no), o.receipt, label.get(o.place, o.place), o.summary,
                     "・".join(h for h, v in (("市の考え方", o.answer), ("対応", o.response)) if not v)]
                    for o in open_
                ],
                [10, 10, 18, 44, 18],
            ),
        ]  # fmt: skip
    if waiting:
        lines += [
            "",
            f"## 承認待ちの修正（対応 A、{len(waiting)}件、確定版は作成できません）",
            "",
            list_table(
                ["意見番号", "修正箇所", "修正前", "修正後"],
                [[str(o.no), label.get(o.change_place, ""), o.change_original, o.change_new] for o in waiting],
                [10, 18, 36, 36],
            ),
        ]
    summary = f"パブリックコメントの意見 {len(found)}件（回答未記入 {len(open_)}件・修正の承認待ち {len(waiting)}件）"
    return Page("comments", "\n".join(lines) + "\n", summary)
