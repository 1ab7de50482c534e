"""第2章 基本方針及び推進体制: the quantities of 3. 構成と期間 and the 体系図 of 6.

The 体系図 is set from ``data/plan_framework.csv`` (現状と課題, 必要性, 基本方針, 目指す方向性,
視点) and the 重点取組 of ``data/initiative_structure.csv``, as text in boxes.  The draft gives
the diagram no number."""

from __future__ import annotations

from daisen_taiko.kernel import api
from daisen_taiko.kernel.sections import priorities


def block(name: str) -> list[str]:
    df = api.load("plan_framework")
    return df[df["block"] == name].sort_values("position")["text"].tolist()


def glue_structure_period(ed: api.Edition) -> None:
    p = priorities.pillars()
    api.text("pillar_names", "、".join(f"「{name}」" for name in p["pillar"]))
    api.text("pillar_count", f"{len(p)}つ")
    api.text(
        "plan_period",
        f"{api.wareki(ed.plan_start, fiscal=True)}から{api.wareki(ed.plan_end, fiscal=True)}までの{ed.plan_years}年間",
    )


# --------------------------------------------------------------------------- 体系図
def _lines(texts: list[str]) -> str:
    return "\n\n".join(api.escape("・" + t) for t in texts)


def framework() -> None:
    """The 体系図 as the draft lays it out, set as text in boxes (searchable, readable by screen
    readers, the same words as the draft): 現状と課題 → 基本方針 → 目指す方向性 → 視点 → 重点取組.
    The arrows between the boxes are drawn by the style sheets (class ``fw-arrow``), not by text."""
    views = block("視点")
    p = priorities.pillars()
    boxes = [
        ("fw-issues", "本市を取り巻く現状と課題", _lines(block("現状と課題"))),
        ("fw-needs", None, _lines(block("必要性"))),
        ("fw-arrow", None, ""),
        ("fw-policy", "基本方針", "\n\n".join(f"『{api.escape(t)}』" for t in block("基本方針"))),
        ("fw-direction", "目指す方向性", _lines(block("目指す方向性"))),
        ("fw-arrow", None, ""),
        ("fw-views", f"{len(views)}つの視点による改革", " ".join(f"[【{api.escape(v)}】]{{.fw-view}}" for v in views)),
        (
            "fw-pillars",
            f"{len(p)}つの重点取組",
            "\n\n".join(f"{int(r.pillar_no)}\\. {api.escape(r.pillar)}" for r in p.itertuples()),
        ),
    ]
    parts = []
    for cls, title, body in boxes:
        head = f"【{title}】\n\n" if title else ""
        parts.append(f":::{{div}} fw-box {cls}\n{head}{body}\n:::")
    api.markdown("::::{div} framework\n" + "\n\n".join(parts) + "\n::::")
