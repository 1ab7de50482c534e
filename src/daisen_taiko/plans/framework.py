"""The 体系図 (第2章 6) as MyST Markdown: the draft's boxes as text, from ``data/plan_framework.csv``
(現状と課題, 必要性, 基本方針, 目指す方向性, 視点) and the 重点取組 of ``data/initiative_structure.csv``.
The 大綱's page (``kernel.sections.policy``) and the 概要版 (``documents.summary``) set the same
Markdown; the draft gives the diagram no number."""

from __future__ import annotations

from daisen_taiko.common.text import md_escape
from daisen_taiko.inputs.data import load


def block(name: str) -> list[str]:
    df = load("plan_framework")
    return df[df["block"] == name].sort_values("position")["text"].tolist()


def pillars() -> list[tuple[int, str]]:
    """(番号, 重点取組) in the plan's order."""
    s = load("initiative_structure").sort_values(["pillar_no", "area_no", "item_no"]).drop_duplicates("pillar_no")
    return [(int(r.pillar_no), str(r.pillar)) for r in s.itertuples()]


def _lines(texts: list[str]) -> str:
    return "\n\n".join(md_escape("・" + t) for t in texts)


def framework_markdown() -> str:
    """The 体系図 as the draft lays it out, set as text in boxes (searchable, readable by screen
    readers, the same words as the draft): 現状と課題 → 基本方針 → 目指す方向性 → 視点 → 重点取組.
    The arrows between the boxes are drawn by the style sheets (class ``fw-arrow``), not by text."""
    views, p = block("視点"), pillars()
    boxes = [
        ("fw-issues", "本市を取り巻く現状と課題", _lines(block("現状と課題"))),
        ("fw-needs", None, _lines(block("必要性"))),
        ("fw-arrow", None, ""),
        ("fw-policy", "基本方針", "\n\n".join(f"『{md_escape(t)}』" for t in block("基本方針"))),
        ("fw-direction", "目指す方向性", _lines(block("目指す方向性"))),
        ("fw-arrow", None, ""),
        ("fw-views", f"{len(views)}つの視点による改革", " ".join(f"[【{md_escape(v)}】]{{.fw-view}}" for v in views)),
        ("fw-pillars", f"{len(p)}つの重点取組", "\n\n".join(f"{no}\\. {md_escape(name)}" for no, name in p)),
    ]
    parts = []
    for cls, title, body in boxes:
        head = f"【{title}】\n\n" if title else ""
        parts.append(f":::{{div}} fw-box {cls}\n{head}{body}\n:::")
    return "::::{div} framework\n" + "\n\n".join(parts) + "\n::::"
