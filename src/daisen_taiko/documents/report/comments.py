"""パブリックコメント: the opinions recorded (make comments), those not yet answered, and the changes
answered 対応 A whose approval is still missing (the 確定 edition is refused until it is given)."""

from __future__ import annotations

from daisen_taiko.documents.report.common import Page, list_table
from daisen_taiko.inputs.comments import CHANGE, NOTICE, REGISTER, in_draft_order, labels, notice, opinions, places
from daisen_taiko.inputs.corrections import corrections
from daisen_taiko.inputs.data.schema_draft import NOTICE_ITEMS
from daisen_taiko.inputs.params import Edition


def _notice_request(ed: Edition) -> list[str]:
    """While out for comment: what the 意見募集版's notice lacks (the city's 提出方法 and 提出先)."""
    given = {label for label, _ in notice()}
    missing = [item for item in NOTICE_ITEMS if item not in given]
    if not ed.out_for_comment or not missing:
        return []
    return [
        "",
        f"## 意見募集のお知らせに載せる内容の不足（{len(missing)}件）",
        "",
        f"意見募集版の最初のページと意見提出用紙に、{'・'.join(missing)}がありません。DX推進課に、市の意見募集の告知"
        f"（市ホームページ・広報）の{'・'.join(missing)}の文を依頼し、data/{NOTICE}.csv に出典とともに記録してください。",
    ]


def page(ed: Edition) -> Page | None:
    found = opinions()
    request = _notice_request(ed)
    if not found:
        if not request:
            return None
        return Page("comments", "\n".join(["# パブリックコメント", *request]) + "\n", "意見募集のお知らせの内容が不足")
    known = places()
    label = labels(known)
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
    lines += request
    summary = f"パブリックコメントの意見 {len(found)}件（回答未記入 {len(open_)}件・修正の承認待ち {len(waiting)}件）"
    return Page("comments", "\n".join(lines) + "\n", summary)
