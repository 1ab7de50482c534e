"""The workbook in which DX推進課 records the パブリックコメント's opinions and the city's answers:
``_build/comments/<edition>/意見記録.xlsx`` (``make comments-template``).

Its 該当箇所 and 修正箇所 are drop-downs of the places the 意見募集版 printed (sheet 該当箇所一覧).
Writing it also keeps those places in ``data/public_comment_places.csv``: the record of the
places residents cited, read by ``make comments`` and the 実施結果 after the text has changed.
Names, addresses and contacts are never asked for (and ``make comments`` refuses a column of them).
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from daisen_taiko import project_root
from daisen_taiko.common.errors import DaisenError
from daisen_taiko.common.xlsx import save
from daisen_taiko.inputs.comments import METHODS, PLACES, RESPONSE_LABELS, RESPONSES, SUBMITTERS, WHOLE, places_record
from daisen_taiko.inputs.params import OUT_FOR_COMMENT, Edition
from daisen_taiko.intake.store import replace_files, table_text
from daisen_taiko.intake.template import _dropdown, _header, _put

SHEET, LIST_SHEET, GUIDE_SHEET = "意見", "該当箇所一覧", "記入方法"
NUMBER, RECEIPT, RECEIVED, METHOD, SUBMITTER = "意見番号", "受付番号", "受付日", "提出方法", "提出者区分"
PLACE, ORIGINAL, SUMMARY, CATEGORY, ANSWER, RESPONSE = (
    "該当箇所",
    "意見（原文）",
    "意見の概要",
    "分類",
    "市の考え方",
    "対応",
)
CHANGE_PLACE, CHANGE_BEFORE, CHANGE_AFTER = "修正箇所", "修正前の文", "修正後の文"
HEADERS = [
    NUMBER, RECEIPT, RECEIVED, METHOD, SUBMITTER, PLACE, ORIGINAL, SUMMARY, CATEGORY, ANSWER, RESPONSE,
    CHANGE_PLACE, CHANGE_BEFORE, CHANGE_AFTER,
]  # fmt: skip
ROWS = 300  # opinions the workbook has rows for (意見番号 1…ROWS)
PUBLICATION = "{municipality}「{title}（案）」意見募集版"


def comments_dir(edition: str) -> Path:
    """``_build/comments/<edition>/``: beside the published edition, which a build replaces."""
    return project_root() / "_build" / "comments" / edition


def placed(ed: Edition) -> list[dict]:
    """The places the 意見募集版's last build numbered (.work/<版>/places.json)."""
    path = places_record(ed.edition)
    if not ed.out_for_comment or not path.exists():
        raise DaisenError(
            f"意見募集版の該当箇所の一覧がありません。parameters/{ed.edition}.yaml の status を「{OUT_FOR_COMMENT}」に"
            f"して make book を実行し、意見募集版を作ってから make comments-template を実行してください。"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def places_csv(ed: Edition, found: list[dict]) -> str:
    source = {
        "publication": PUBLICATION.format(municipality=ed.municipality, title=ed.title),
        "retrieved_from": f"意見募集版（{ed.edition}）の Web 版の段落番号",
    }
    return table_text(PLACES, [{**p, **source} for p in found])


def _guide(ws) -> None:
    lines = [
        "パブリックコメントの意見記録（DX推進課）",
        "",
        "・1つの意見を1行に記録します。1人（1通）の提出に複数の意見があるときは、同じ受付番号で行を分けます。",
        "・氏名・住所・連絡先は記録しません（そのような列を加えたブックは取り込めません）。",
        f"・{PLACE}は一覧から選びます（意見募集版の段落番号。案の全体についての意見は「{WHOLE}」）。",
        f"・{METHOD}: {'・'.join(METHODS)}　{SUBMITTER}: {'・'.join(SUBMITTERS)}",
        f"・{RESPONSE}: " + "　".join(f"{k} {v}" for k, v in RESPONSE_LABELS.items()),
        f"・{RESPONSE}が A のときは、{CHANGE_BEFORE}（案の文のとおり）と{CHANGE_AFTER}を記入します。"
        f"{CHANGE_PLACE}が{PLACE}と違うときは{CHANGE_PLACE}も選びます。",
        '・記入後: make comments FILES="このブック" で取り込みます（問題があれば data/ は変更されません）。',
    ]
    for i, line in enumerate(lines, start=1):
        ws.cell(i, 1, line).font = Font(bold=i == 1, size=12 if i == 1 else 11)
    ws.column_dimensions["A"].width = 120


def build_workbook(ed: Edition, found: list[dict]) -> Workbook:
    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    _guide(guide)
    ws = wb.create_sheet(SHEET)
    _header(ws, HEADERS)
    widths = {ORIGINAL: 40, SUMMARY: 36, ANSWER: 40, CHANGE_BEFORE: 30, CHANGE_AFTER: 30, PLACE: 20, CHANGE_PLACE: 20}
    for j, h in enumerate(HEADERS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(h, 12)
        for i in range(2, ROWS + 2):
            _put(ws, i, j, i - 1 if h == NUMBER else None, locked=h == NUMBER, text=h == RECEIPT)
    ws.freeze_panes = "B2"
    listed = wb.create_sheet(LIST_SHEET)
    _header(listed, [PLACE, "冒頭の文"])
    listed.column_dimensions["A"].width, listed.column_dimensions["B"].width = 24, 60
    for i, p in enumerate([{"label": WHOLE, "excerpt": "案の全体について"}, *found], start=2):
        listed.cell(i, 1, p["label"])
        listed.cell(i, 2, p["excerpt"]).alignment = Alignment(wrap_text=False)
    col = {h: get_column_letter(j) for j, h in enumerate(HEADERS, start=1)}
    last = ROWS + 1
    for h, choices in ((METHOD, METHODS), (SUBMITTER, SUBMITTERS), (RESPONSE, RESPONSES)):
        _dropdown(ws, choices, [f"{col[h]}2:{col[h]}{last}"], h, f"{'・'.join(choices)} から選んでください。")
    dv = DataValidation(
        type="list",
        formula1=f"'{LIST_SHEET}'!$A$2:$A${len(found) + 2}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=PLACE,
        error=f"「{LIST_SHEET}」シートの段落番号から選んでください。",
    )
    for h in (PLACE, CHANGE_PLACE):
        dv.add(f"{col[h]}2:{col[h]}{last}")
    ws.add_data_validation(dv)
    wb.active = wb.index(ws)
    return wb


def write_template(ed: Edition, path: Path | None = None) -> tuple[Path, int]:
    """The workbook, and the places it lists kept in data/; returns its path and how many places."""
    found = placed(ed)
    replace_files({PLACES: places_csv(ed, found)})
    path = path or comments_dir(ed.edition) / "意見記録.xlsx"
    save(build_workbook(ed, found), path)
    return path, len(found)
