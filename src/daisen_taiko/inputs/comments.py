"""The パブリックコメント as data: the places of the 意見募集版 residents cite, the opinions
received and the city's answers, and the rule that ties an answer 「修正します」 (対応 A) to a
recorded, approved change of the text.

- ``data/public_comment_places.csv``: the places as the 意見募集版 published them, in reading
  order (written by ``make comments-template`` from the build's record, :data:`RECORD`);
- ``data/public_comments.csv``: one row per opinion (``make comments``); 意見（原文） is kept for
  the planners and never published;
- ``data/draft_corrections.csv``: each A's change, a row citing the opinion (``opinion``), approved
  there like any correction; the 確定 edition applies it, and :func:`final_gate` refuses to build
  the 確定 edition while an A has no approved change or a change cites an opinion that is not A.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from daisen_taiko import project_root
from daisen_taiko.common.errors import Problem
from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.data.schema_draft import METHODS, RESPONSES, SUBMITTERS

RECORD = "places"  # <Sphinx doctrees>/places/<page>.json: a web page's places, in order (the engine lists them)
PLACES, REGISTER, NOTICE = "public_comment_places", "public_comments", "public_comment_notice"
WHOLE = "全体"  # 該当箇所 of an opinion on the plan as a whole (no one place)
CHANGE = "A"
# what each 対応 means, as the 実施結果 labels it
RESPONSE_LABELS = {
    "A": "意見を踏まえ加筆・修正するもの",
    "B": "意見の趣旨が案に概ね含まれているもの",
    "C": "今後の取組の参考として配慮するもの",
    "D": "案に反映しないもの",
    "対象外": "案に対する意見ではないもの",
}
__all__ = ["METHODS", "RESPONSES", "SUBMITTERS", "Opinion", "Place", "final_gate", "opinions", "places"]


@dataclass(frozen=True)
class Place:
    place: str  # its anchor: place-1-3-1-2
    label: str  # as printed: 第1章 3 (1)〔2〕
    page: str  # the book's page it is on (ch1_3_1_population)
    excerpt: str  # the first characters of its block


@dataclass(frozen=True)
class Opinion:
    no: int  # 意見番号
    receipt: str  # 受付番号 (one submission; its opinions share it)
    received: str
    method: str
    submitter: str
    place: str  # a Place's anchor, or WHOLE
    opinion: str  # 意見（原文）: never published
    summary: str
    category: str
    answer: str  # 市の考え方 ("" while not answered)
    response: str  # 対応 ("" while not answered)
    change_place: str
    change_original: str
    change_new: str
    line: int  # its line in data/public_comments.csv

    @property
    def answered(self) -> bool:
        return bool(self.answer and self.response)


# data/plan_timeline.csv: the 意見募集's period and its office, as the city's パブリックコメント page lists them
PLAN, PERIOD, OFFICE = "行政サービス改革・DX推進大綱(草案)", "パブリックコメント募集期間", "パブリックコメント担当課"
EXAMPLE = "第1章 3 (1)〔2〕"  # a place of the 意見募集版, shown as the example of how to cite one


def _timeline(event: str):
    t = load("plan_timeline")
    rows = t[(t["plan"] == PLAN) & (t["event"] == event)]
    return rows.iloc[0] if len(rows) else None


def period() -> str:
    """募集期間 as the city writes it: 令和8年1月8日～令和8年1月23日 ("" when not recorded)."""
    from daisen_taiko.common.era import wareki_date

    row = _timeline(PERIOD)
    return "" if row is None else f"{wareki_date(row['start'])}～{wareki_date(row['end'])}"


def office() -> str:
    row = _timeline(OFFICE)
    return "" if row is None else str(row["value"])


def notice() -> list[tuple[str, str]]:
    """The lines of the 意見募集's notice the 意見募集版 and its form print: (label, text) — the period
    and office, the city's 提出方法 and 提出先 as data/public_comment_notice.csv records them, and how
    to cite a place."""
    rows = load(NOTICE)
    lines = [("募集期間", period()), ("担当課", office())]
    lines += [(r.item, r.text) for r in rows.itertuples()]
    lines.append(("該当箇所", f"章・節の番号と段落の番号〔 〕（例 {EXAMPLE}）"))
    return [(label, text) for label, text in lines if text]


def places_record(edition: str) -> Path:
    """``.work/<版>/places.json``: the places the last build of the 意見募集版 numbered, in reading
    order (the engine writes it; ``make comments-template`` keeps it in data/)."""
    return project_root() / ".work" / edition / "places.json"


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ("" if value != value or value is None else str(value))


def places() -> list[Place]:
    df = load(PLACES)
    return [Place(r.place, r.label, r.page, _text(r.excerpt)) for r in df.itertuples()]


def opinions() -> list[Opinion]:
    df = load(REGISTER)
    lines = df.attrs.get("lines", [])
    out = []
    for line, r in zip(lines, df.itertuples()):
        out.append(
            Opinion(
                no=int(r.opinion_no),
                receipt=_text(r.receipt_no),
                received=_text(r.received_on),
                method=_text(r.method),
                submitter=_text(r.submitter),
                place=_text(r.place),
                opinion=_text(r.opinion),
                summary=_text(r.summary),
                category=_text(r.category),
                answer=_text(r.answer),
                response=_text(r.response),
                change_place=_text(r.change_place),
                change_original=_text(r.change_original),
                change_new=_text(r.change_new),
                line=line,
            )
        )
    return out


def labels(known: list[Place]) -> dict[str, str]:
    """Each place's anchor → the place as printed (第1章 1〔2〕); 全体 as itself."""
    return {p.place: p.label for p in known} | {WHOLE: WHOLE}


def in_draft_order(found: list[Opinion], known: list[Place]) -> list[Opinion]:
    """Opinions in the order of the places they cite (the plan as a whole first), then by number."""
    order = {p.place: i for i, p in enumerate(known, start=1)}
    return sorted(found, key=lambda o: (order.get(o.place, 0), o.no))


def final_gate(corrections) -> list[Problem]:
    """What stops the 確定 edition: an opinion answered A whose change is not approved in
    data/draft_corrections.csv, and a change there citing an opinion not answered A."""
    said = {o.no: o for o in opinions()}
    cited: dict[int, list] = {}
    for c in corrections:
        if c.opinion is not None:
            cited.setdefault(c.opinion, []).append(c)
    file = "data/draft_corrections.csv"
    problems = []
    for o in said.values():
        rows = cited.get(o.no, [])
        if o.response != CHANGE or any(c.approved for c in rows):
            continue
        head = f"意見番号 {o.no}（受付番号 {o.receipt}）は対応 A（案を修正）ですが、"
        if rows:
            problems.append(
                Problem(
                    file,
                    head + "その修正が承認されていません。この行の approved_by（承認者）と approved_on（承認日）を"
                    "記入してから、確定版を作成してください。",
                    row=rows[0].line,
                    column="approved_by",
                )
            )
        else:
            problems.append(
                Problem(
                    file,
                    head + "その修正の行がありません。make comments で意見の記録を取り込み直してください。",
                    column="opinion",
                    value=str(o.no),
                )
            )
    for no, rows in sorted(cited.items()):
        if no not in said or said[no].response != CHANGE:
            for c in rows:
                response = (said[no].response or "未回答") if no in said else "記録なし"
                problems.append(
                    Problem(
                        file,
                        f"意見番号 {no} の対応は A ではありません（{response}）。対応 A の意見の修正だけを記録してください"
                        "（make comments で意見の記録を取り込み直すか、この行を削除してください）。",
                        row=c.line,
                        column="opinion",
                        value=str(no),
                    )
                )
    return problems
