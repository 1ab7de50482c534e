"""Reading the opinions' workbook into ``data/public_comments.csv`` (``make comments``), and each
answer 対応 A's change into ``data/draft_corrections.csv`` (a row citing the opinion, its approval
kept while the change is the same).  Every cell is checked and all problems are told at once; on
any problem data/ is not changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from openpyxl.utils import get_column_letter

from daisen_taiko import project_root
from daisen_taiko.common.errors import Problem
from daisen_taiko.common.text import closest
from daisen_taiko.inputs.comments import CHANGE, METHODS, PLACES, REGISTER, RESPONSES, SUBMITTERS, WHOLE, places
from daisen_taiko.inputs.corrections import FILE as CORRECTIONS
from daisen_taiko.inputs.corrections import occurrences
from daisen_taiko.inputs.data import data_path
from daisen_taiko.inputs.data.reader import parse_date
from daisen_taiko.intake import cells as cell
from daisen_taiko.intake import comment_template as t
from daisen_taiko.intake.store import table_text
from daisen_taiko.intake.workbook import Where

# headings of columns that would hold who sent an opinion: refused (the register never keeps them)
PERSONAL = ("氏名", "名前", "住所", "メール", "mail", "電話", "TEL", "連絡先", "生年月日", "年齢")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # a date cell saved as a number counts days from here


def _date(v) -> tuple[str | None, str | None]:
    if isinstance(v, dt.datetime | dt.date):
        return (v.date() if isinstance(v, dt.datetime) else v).isoformat(), None
    if isinstance(v, int | float) and not isinstance(v, bool) and 30000 <= v <= 80000:  # an Excel serial date
        return (EXCEL_EPOCH + dt.timedelta(days=int(v))).isoformat(), None
    day = parse_date(cell.text(v))
    if day is not None and len(day) == 10:
        return day, None
    return None, "受付日を 2026-01-15、2026/1/15、令和8年1月15日 のいずれかの形で入力してください。"


def _choice(v, choices: tuple[str, ...], what: str) -> tuple[str | None, str | None]:
    code = cell.code(v)
    code = code.upper() if code.upper() in choices else code
    if code in choices:
        return code, None
    near = closest(code, list(choices))
    return None, f"{what}は {'・'.join(choices)} のいずれかを選んでください" + (
        f"（「{near[0]}」ではありませんか）。" if near else "。"
    )


class RegisterReader:
    """The opinions of one workbook and its problems."""

    def __init__(self, path: Path, shown: str, known: dict[str, str]):
        self.path, self.file, self.known = path, shown, known  # known: a place as printed → its anchor
        self.rows: list[dict] = []
        self.problems: list[Problem] = []

    def read(self) -> RegisterReader:
        wb, problem = cell.open_workbook(self.path, self.file)
        if problem:
            self.problems.append(problem)
            return self
        if t.SHEET not in wb.sheetnames:
            self.problems.append(
                Problem(
                    self.file,
                    f"シート「{t.SHEET}」がありません。make comments-template で作ったブックに記録してください。",
                )
            )
            return self
        ws = wb[t.SHEET]
        found = cell.headers(ws)
        for heading, j in found.items():
            if any(cell.code(p).lower() in heading.lower() for p in PERSONAL):
                self.problems.append(
                    Where(self.file, t.SHEET, 1, f"{heading}（{get_column_letter(j)}列）").problem(
                        "氏名・住所・連絡先などの個人情報は記録しません。この列を削除してから取り込んでください。"
                    )
                )
        missing = [h for h in t.HEADERS if cell.code(h) not in found]
        for h in missing:
            self.problems.append(
                Problem(
                    f"{self.file} シート「{t.SHEET}」",
                    f"見出し「{h}」の列がありません。列を削除・改名しないでください。",
                    1,
                    h,
                )
            )
        if missing:
            return self
        cols = {h: found[cell.code(h)] for h in t.HEADERS}
        for i, values in enumerate(ws.iter_rows(min_row=2, max_col=max(cols.values()), values_only=True), start=2):
            cells = {h: values[j - 1] if j - 1 < len(values) else None for h, j in cols.items()}
            if all(cell.text(v) == "" for h, v in cells.items() if h != t.NUMBER):
                continue
            where = {h: Where(self.file, t.SHEET, i, f"{h}（{get_column_letter(j)}列）") for h, j in cols.items()}
            self._row(i, cells, where)
        return self

    def _place(self, v, where: Where, whole: bool) -> str | None:
        label = cell.text(v)
        if whole and cell.code(label) == WHOLE:
            return WHOLE
        if label in self.known:
            return self.known[label]
        near = closest(label, list(self.known))
        self.problems.append(
            where.problem(
                f"意見募集版にない段落番号です。「{t.LIST_SHEET}」シートの番号から選んでください"
                + (f"（「{near[0]}」ではありませんか）。" if near else "。"),
                v,
            )
        )
        return None

    def _row(self, i: int, cells: dict, where: dict) -> None:
        row, bad = {"line": i, "file": self.file, "where": where}, len(self.problems)

        def need(h: str, value, message: str | None):
            if message:
                self.problems.append(where[h].problem(message, cells[h]))
            return value

        number = cell.code(cells[t.NUMBER])
        row["opinion_no"] = need(
            t.NUMBER,
            int(number) if number.isdigit() else None,
            None if number.isdigit() else "意見番号を書き換えないでください。",
        )
        for h, key in ((t.RECEIPT, "receipt_no"), (t.ORIGINAL, "opinion"), (t.SUMMARY, "summary")):
            value = cell.code(cells[h]) if h == t.RECEIPT else cell.text(cells[h])
            row[key] = need(h, value, None if value else f"{h}を記入してください。")
        row["received_on"] = need(t.RECEIVED, *_date(cells[t.RECEIVED]))
        row["method"] = need(t.METHOD, *_choice(cells[t.METHOD], METHODS, t.METHOD))
        row["submitter"] = need(t.SUBMITTER, *_choice(cells[t.SUBMITTER], SUBMITTERS, t.SUBMITTER))
        row["place"] = self._place(cells[t.PLACE], where[t.PLACE], whole=True)
        row["category"], row["answer"] = cell.text(cells[t.CATEGORY]), cell.text(cells[t.ANSWER])
        response = cell.text(cells[t.RESPONSE])
        row["response"] = need(t.RESPONSE, *_choice(response, RESPONSES, t.RESPONSE)) if response else ""
        change = {h: cell.text(cells[h]) for h in (t.CHANGE_PLACE, t.CHANGE_BEFORE, t.CHANGE_AFTER)}
        if row["response"] == CHANGE:
            for h in (t.CHANGE_BEFORE, t.CHANGE_AFTER):
                need(h, None, None if change[h] else f"対応 A（案を修正）のときは{h}を記入してください。")
            if change[t.CHANGE_PLACE]:
                row["change_place"] = self._place(cells[t.CHANGE_PLACE], where[t.CHANGE_PLACE], whole=False)
            elif row["place"] == WHOLE:
                need(
                    t.CHANGE_PLACE,
                    None,
                    f"{t.PLACE}が「{WHOLE}」の意見で案を修正するときは、{t.CHANGE_PLACE}を選んでください。",
                )
            else:
                row["change_place"] = row["place"]
        else:
            for h, value in change.items():
                need(h, None, f"{h}は対応 A（案を修正）のときだけ記入します。" if value else None)
        row["change_original"], row["change_new"] = change[t.CHANGE_BEFORE], change[t.CHANGE_AFTER]
        if len(self.problems) == bad:
            self.rows.append(row)


def read_registers(files: list[tuple[Path, str]]) -> tuple[list[dict], list[Problem]]:
    known = {p.label: p.place for p in places()}
    rows, problems, seen = [], [], {}
    if not known:
        problems.append(
            Problem(
                f"data/{PLACES}.csv",
                "意見募集版の段落番号がありません。先に make comments-template を実行してください。",
            )
        )
    for path, shown in files:
        r = RegisterReader(path, shown, known).read()
        problems += r.problems
        for row in r.rows:
            if row["opinion_no"] in seen:
                problems.append(
                    row["where"][t.NUMBER].problem(
                        f"意見番号 {row['opinion_no']} は{seen[row['opinion_no']]}にもあります。意見は1つのブックに1行だけ記録してください。"
                    )
                )
            seen[row["opinion_no"]] = f"「{shown}」{row['line']}行目"
            rows.append(row)
    return rows, problems


def register_text(rows: list[dict], title: str) -> str:
    out = [
        {
            **r,
            "publication": f"「{title}（案）」に対する意見（DX推進課受付）",
            "retrieved_from": f"{Path(r['file']).name} シート「{t.SHEET}」{r['line']}行目",
        }
        for r in sorted(rows, key=lambda r: r["opinion_no"])
    ]
    return table_text(REGISTER, out)


def corrections_text(rows: list[dict]) -> tuple[str, list[Problem]]:
    """data/draft_corrections.csv with the rows citing opinions made anew from the answers A (an
    unchanged change keeps its approval); the other corrections as they are."""
    page = {p.place: p.page for p in places()}
    label = {p.place: p.label for p in places()}
    raw = list(csv.DictReader(io.StringIO(data_path(CORRECTIONS).read_text(encoding="utf-8"))))
    cited = lambda r: (r.get("opinion") or "").strip()  # noqa: E731
    before = {(cited(r), r["page"], r["original"], r["corrected"]): r for r in raw if cited(r)}
    kept = [r for r in raw if not cited(r)]
    problems, keys = [], {(r["page"], r["original"]) for r in kept}
    for r in sorted((r for r in rows if r["response"] == CHANGE), key=lambda r: r["opinion_no"]):
        key = (str(r["opinion_no"]), page[r["change_place"]], r["change_original"], r["change_new"])
        if occurrences(project_root() / "book", key[1], key[2]) == 0:
            problems.append(
                r["where"][t.CHANGE_BEFORE].problem(
                    f"修正箇所（{label[r['change_place']]}）のページに、この文がありません。案の文のとおりに"
                    "（句読点・空白も同じに）書いてください。",
                    r["change_original"],
                )
            )
        old = before.get(key, {})  # the same change recorded before: its approval stays
        if (key[1], key[2]) in keys:
            problems.append(
                r["where"][t.CHANGE_BEFORE].problem(
                    "同じ文を修正する行がほかにもあります（別の意見か訂正の記録）。修正は1つの意見にまとめてください。"
                )
            )
        keys.add((key[1], key[2]))
        kept.append(
            {
                "page": key[1],
                "original": key[2],
                "corrected": key[3],
                "reason": f"パブリックコメント（意見番号 {r['opinion_no']}）への対応",
                "approved_by": old.get("approved_by", ""),
                "approved_on": old.get("approved_on", ""),
                "note": label[r["change_place"]],
                "opinion": r["opinion_no"],
            }
        )
    return table_text(CORRECTIONS, kept), problems
