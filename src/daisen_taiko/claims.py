"""Qualitative statements of the prose, each tied to a check against data.

A notebook writes such a sentence as ``{glue:text}`claim_<key>` `` and computes it
with :func:`claim`.  When the data no longer support it:
- in a draft (草案・素案・案) the sentence is shown with a visible 【要確認】 mark and
  listed by the build and on the 「記述の検証」 page;
- in a final (確定) edition the notebook raises :class:`ClaimError`, so the build
  stops naming the sentence.
A claim whose data are missing is shown with 【未検証】 and listed too.
"""

from __future__ import annotations

import json

from .params import Edition
from .text import glue_text

HOLDS, CONTRADICTED, UNVERIFIED = "一致", "不一致", "未検証"
MARK = {CONTRADICTED: "【要確認：データと不一致】", UNVERIFIED: "【未検証：データ未整備】"}


class ClaimError(Exception):
    """A statement of a final edition that the data contradict."""


def claim(ed: Edition, key: str, text: str, holds: bool | None, evidence: str, sentence: str | None = None) -> str:
    """Glue ``text`` (the clause that states the claim) as ``claim_<key>``, marked when it
    does not hold, and record the result under ``claim_<key>__check`` for the build's
    report.  ``sentence`` is the whole sentence as reviewers read it (for the report)."""
    sentence = sentence or text
    status = UNVERIFIED if holds is None else HOLDS if holds else CONTRADICTED
    if status == CONTRADICTED and not ed.is_draft:
        raise ClaimError(f"確定版の記述「{sentence}」がデータと一致しません（{evidence}）。"
                         "本文を見直すか、データを確認してください。")
    text = MARK.get(status, "") + text
    glue_text(f"claim_{key}", text)
    glue_text(f"claim_{key}__check", json.dumps({"key": key, "sentence": sentence, "status": status,
                                                  "evidence": evidence}, ensure_ascii=False))
    return text


def decreasing(values: list[float]) -> bool:
    """Every step of a series goes down (a 減少傾向 in the strict sense)."""
    return len(values) >= 2 and all(b < a for a, b in zip(values, values[1:]))


def increasing_trend(values: list[float]) -> bool:
    """Last value above the first and no fall in the final step (a 増加傾向/上昇傾向)."""
    return len(values) >= 2 and values[-1] > values[0] and values[-1] >= values[-2]
