"""Schema of ``data/draft_corrections.csv``: corrections of evident slips in the draft.

The 大綱 reproduces the draft's words.  A correction exists only as a row here (the
original text, the corrected text, why, and who approved it); the build applies approved
rows to the page they name and lists every row, approved or not, in the 作業レポート.
"""

from __future__ import annotations

from daisen_taiko.inputs.data.schema import Col, Schema

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
        ),
        key=("page", "original"),
        optional=True,
        description="草案の訂正（原文・訂正後・理由・承認者）",
    ),
}
