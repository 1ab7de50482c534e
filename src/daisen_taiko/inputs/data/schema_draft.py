"""Schemas of the draft's corrections and of its パブリックコメント.

``data/draft_corrections.csv``: the 大綱 reproduces the draft's words.  A correction exists only
as a row here (the original text, the corrected text, why, and who approved it); the build
applies approved rows to the page they name and lists every row, approved or not, in the
作業レポート.  A row citing an opinion (``opinion``: its 意見番号) is a change the city's answer
promised (対応 A); it is applied in the 確定 edition only.

``data/public_comment_places.csv``: the citable places of the 意見募集版 as it was published
(``make comments-template``); ``data/public_comments.csv``: the opinions received and the
city's answers (``make comments``), see :mod:`daisen_taiko.inputs.comments`.
"""

from __future__ import annotations

from daisen_taiko.inputs.data.schema import PROVENANCE, Col, Schema

# 提出方法, 提出者区分 and 対応 of an opinion (対応: the 鹿角市 scale A〜D, and 対象外)
METHODS = ("電子メール", "郵送", "ファクス", "持参", "意見箱", "電子申請")
SUBMITTERS = ("市民", "事業者", "団体", "その他")
RESPONSES = ("A", "B", "C", "D", "対象外")
NOTICE_ITEMS = ("提出方法", "提出先")  # lines of the city's notice of the 意見募集 the 意見募集版 prints

DRAFT_SCHEMAS: dict[str, Schema] = {
    "draft_corrections": Schema(
        (
            Col("page", required=True),
            Col("original", required=True),
            Col("corrected", required=True),
            Col("reason", required=True),
            Col("approved_by"),
            Col("approved_on", "date"),
            Col("note"),
            Col("opinion", "int", min=1, hint="パブリックコメントの意見番号（対応 A の修正のとき）"),
        ),
        key=("page", "original"),
        optional=True,
        description="草案の訂正（原文・訂正後・理由・承認者）",
    ),
    "public_comment_places": Schema(
        (
            Col("place", required=True),
            Col("label", required=True),
            Col("page", required=True),
            Col("excerpt"),
            *PROVENANCE,
        ),
        key=("place",),
        optional=True,
        description="意見募集版の該当箇所（段落・表・図の番号）",
    ),
    "public_comment_notice": Schema(
        (
            Col("item", required=True, choices=NOTICE_ITEMS),
            Col("text", required=True),
            *PROVENANCE,
        ),
        key=("item", "text"),
        optional=True,
        description="意見募集のお知らせ（提出方法・提出先、市の告知の文のとおり）",
    ),
    "public_comments": Schema(
        (
            Col("opinion_no", "int", True, 1, 9999),
            Col("receipt_no", required=True),
            Col("received_on", "date", True),
            Col("method", required=True, choices=METHODS),
            Col("submitter", required=True, choices=SUBMITTERS),
            Col("place", required=True),
            Col("opinion", required=True, private=True),
            Col("summary", required=True),
            Col("category"),
            Col("answer"),
            Col("response", choices=RESPONSES),
            Col("change_place"),
            Col("change_original"),
            Col("change_new"),
            *PROVENANCE,
        ),
        key=("opinion_no",),
        optional=True,
        description="パブリックコメントの意見と市の考え方",
    ),
}
