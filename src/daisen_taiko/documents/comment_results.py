"""The パブリックコメント's 実施結果 (public): 「『大仙市行政サービス改革・DX推進大綱（案）』に対する
意見募集の結果」, from ``data/public_comments.csv`` (make comments).

One page: 案件, 募集期間, 担当課, 意見提出者数 and 意見件数 (by 提出方法 and by 対応); then each
opinion's summary, 対応 and the city's answer in the order of the draft's places; then each change
(対応 A) before and after.  Only labels, counts and the city's own words (意見の概要 and 市の考え方
as recorded); 意見（原文） is never read here.  Written once every opinion is answered (市の考え方
and 対応); until then nothing is published and the 作業レポート lists the open ones.
"""

from __future__ import annotations

from collections import Counter

from daisen_taiko.common.tex import tex
from daisen_taiko.documents import Context
from daisen_taiko.documents.report.common import esc, list_table
from daisen_taiko.inputs.comments import (
    CHANGE,
    METHODS,
    RESPONSE_LABELS,
    in_draft_order,
    labels,
    office,
    opinions,
    period,
    places,
)
from daisen_taiko.inputs.params import Edition


def _counts(found, key, order) -> list[list[str]]:
    n = Counter(key(o) for o in found)
    senders = {k: len({o.receipt for o in found if key(o) == k}) for k in n}
    return [[k, f"{senders[k]}人", f"{n[k]}件"] for k in order if k in n]


def build_pages(ed: Edition, context: Context) -> tuple[dict[str, str], dict[str, bytes]]:
    found = opinions()
    if not found or not all(o.answered for o in found):
        return {}, {}
    known = places()
    label = labels(known)
    ordered = in_draft_order(found, known)
    number = {o.no: i for i, o in enumerate(ordered, start=1)}
    senders = len({o.receipt for o in found})
    responses = Counter(o.response for o in found)
    out = [
        f"# {esc(f'『{ed.full_title}（案）』に対する意見募集の結果')}",
        "",
        list_table(
            ["案件", "募集期間", "担当課", "意見提出者数", "意見件数"],
            [[f"{ed.full_title}（案）", period(), office(), f"{senders}人", f"{len(found)}件"]],
            [30, 26, 14, 14, 14],
        ),
        "",
        "## 提出方法別の件数",
        "",
        list_table(["提出方法", "提出者数", "意見件数"], _counts(found, lambda o: o.method, METHODS), [40, 30, 30]),
        "",
        "## 対応別の件数",
        "",
        list_table(
            ["対応", "区分", "意見件数"],
            [[k, RESPONSE_LABELS[k], f"{responses[k]}件"] for k in RESPONSE_LABELS if responses[k]],
            [12, 60, 28],
            ids_first=True,
        ),
        "",
        "## 意見の概要と市の考え方",
        "",
        list_table(
            ["No.", "該当箇所", "意見の概要", "対応", "市の考え方"],
            [[str(number[o.no]), label.get(o.place, o.place), o.summary, o.response, o.answer] for o in ordered],
            [6, 20, 29, 10, 35],
            ids_first=True,
            classes="comment-results",
        ),
    ]
    changed = [o for o in ordered if o.response == CHANGE]
    if changed:
        out += [
            "",
            "## 案の修正",
            "",
            list_table(
                ["No.", "修正箇所", "修正前", "修正後"],
                [
                    [str(number[o.no]), label.get(o.change_place or o.place, ""), o.change_original, o.change_new]
                    for o in changed
                ],
                [6, 16, 39, 39],
                ids_first=True,
            ),
        ]
    return {"index": "\n".join(out) + "\n"}, {}


def cover(ed: Edition) -> str:
    """The PDF's first page in the report's layout: the 大綱's name and 意見募集の結果."""
    return (
        "\\daisenreportstyle\n"
        f"\\daisenreportcover{{{tex(ed.full_title + '（案）')}}}{{意見募集の結果}}{{}}{{{tex(ed.municipality)}}}\n"
    )
