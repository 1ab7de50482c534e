"""The パブリックコメント's workbook (make comments-template / make comments): opinions recorded with
their places, every cell checked, all problems told at once with file, sheet, row and column,
data/ unchanged on any problem; each answer A becomes a change awaiting approval in the
corrections log, which the 確定 edition refuses to build without."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from comments_kit import OPINIONS, fill
from intake_kit import ROOT, cli, data_bytes
from openpyxl import load_workbook
from support import DEFAULT

from daisen_taiko.inputs.comments import final_gate
from daisen_taiko.inputs.comments import notice as notice_lines
from daisen_taiko.inputs.corrections import corrections

EDITION = DEFAULT  # (after make edition, the new one: the yearly test runs this file there)
# The places a build of the 意見募集版 records (.work/<版>/places.json): those the opinions cite,
# as the build numbers them (test data standing for the build's record; the acceptance test
# test_public_comments.py uses a real build's).
PLACES = [
    ("place-1-1-1", "第1章 1〔1〕", "ch1_1_purpose"),
    ("place-1-1-2", "第1章 1〔2〕", "ch1_1_purpose"),
    ("place-1-3-1-2", "第1章 3 (1)〔2〕", "ch1_3_1_population_finance"),
    ("place-1-4-1-3", "第1章 4 (1)〔3〕", "ch1_4_review"),
    ("place-1-5-2", "第1章 5〔2〕", "ch1_5_necessity"),
    ("place-2-1-4", "第2章 1〔4〕", "ch2_policy"),
    ("place-2-2-9", "第2章 2〔9〕", "ch2_policy"),
    ("place-3-1-2-3", "第3章 1 (2)〔3〕", "ch3_priorities"),
    ("place-3-3-2-1", "第3章 3 （2）〔1〕", "ch3_priorities"),
    ("place-plans-1", "各種取組計画〔1〕", "plans"),
]


@pytest.fixture
def out_for_comment(proj):
    """The copy out for comment, with book/ and its TOC (a change's original wording is sought on its page)."""
    shutil.copytree(ROOT / "book", proj / "book")
    shutil.copy2(ROOT / "_toc.yml", proj / "_toc.yml")
    params = proj / "parameters" / f"{EDITION}.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("status: 草案", "status: 意見募集"), encoding="utf-8")
    record = proj / ".work" / EDITION / "places.json"
    record.parent.mkdir(parents=True)
    places = [{"place": p, "label": label, "excerpt": f"{label}の冒頭", "page": page} for p, label, page in PLACES]
    record.write_text(json.dumps(places, ensure_ascii=False), encoding="utf-8")
    return proj


@pytest.fixture
def template(out_for_comment):
    res = cli(out_for_comment, "comments-template")
    assert res.returncode == 0, res.stdout + res.stderr
    return out_for_comment / "_build" / "comments" / EDITION / "意見記録.xlsx"


def rows(path) -> list[dict]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_the_template_lists_the_places_as_a_drop_down_and_keeps_them_in_data(out_for_comment, template):
    wb = load_workbook(template)
    assert [c.value for c in wb["該当箇所一覧"]["A"]][1:] == ["全体", *(label for _, label, _ in PLACES)]
    ws = wb["意見"]
    heads = [c.value for c in ws[1]]
    assert "氏名" not in heads and heads[:6] == ["意見番号", "受付番号", "受付日", "提出方法", "提出者区分", "該当箇所"]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["F2"] == f"'該当箇所一覧'!$A$2:$A${len(PLACES) + 2}"
    kept = rows(out_for_comment / "data" / "public_comment_places.csv")
    assert [(r["place"], r["label"], r["page"]) for r in kept] == PLACES


def test_the_template_needs_the_edition_out_for_comment(proj):
    res = cli(proj, "comments-template")
    assert res.returncode == 1
    assert "status を「意見募集」にして make book を実行し" in res.stdout


def test_twelve_opinions_are_recorded_each_a_as_a_change_awaiting_approval(out_for_comment, template, tmp_path):
    res = cli(out_for_comment, "comments", str(fill(template, tmp_path / "記録.xlsx", OPINIONS)))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "意見 12件（提出者 9人）" in res.stdout
    got = {int(r["opinion_no"]): r for r in rows(out_for_comment / "data" / "public_comments.csv")}
    assert len(got) == 12
    assert got[1]["receipt_no"] == "1" and got[2]["receipt_no"] == "1"  # 「１」 in full-width digits
    assert got[3]["received_on"] == "2026-01-08"  # the serial number Excel keeps for a date
    assert got[4]["received_on"] == "2026-01-12" and got[5]["received_on"] == "2026-01-13"
    assert got[3]["place"] == "全体" and got[3]["change_place"] == "place-2-1-4"
    assert got[1]["place"] == got[2]["place"] == "place-1-1-2"
    fixes = [r for r in rows(out_for_comment / "data" / "draft_corrections.csv") if r["opinion"]]
    assert [(r["opinion"], r["page"], r["original"], r["approved_by"]) for r in fixes] == [
        ("1", "ch1_1_purpose", "社会全体のデジタル化が進み", ""),
        ("3", "ch2_policy", "市民サービスの向上を実感してもらえる行政", ""),
    ]
    lines = [n for n, r in enumerate(rows(out_for_comment / "data" / "draft_corrections.csv"), start=2) if r["opinion"]]
    problems = final_gate(corrections())  # the 確定 edition: stopped, each opinion named with its row
    assert [(p.row, p.column) for p in problems] == [(lines[0], "approved_by"), (lines[1], "approved_by")]
    assert "意見番号 1（受付番号 1）" in problems[0].message and "意見番号 3（受付番号 2）" in problems[1].message


def test_an_approval_survives_a_new_import_of_the_same_change_and_a_change_citing_a_b_is_refused(
    out_for_comment, template, tmp_path
):
    book = fill(template, tmp_path / "記録.xlsx", OPINIONS)
    assert cli(out_for_comment, "comments", str(book)).returncode == 0
    log = out_for_comment / "data" / "draft_corrections.csv"
    text = log.read_text(encoding="utf-8")
    approved = text.replace("（意見番号 1）への対応,,,", "（意見番号 1）への対応,DX推進課長,2026-02-10,")
    log.write_text(approved, encoding="utf-8")
    assert cli(out_for_comment, "comments", str(book)).returncode == 0
    assert log.read_text(encoding="utf-8") == approved  # re-imported unchanged: its approval kept
    last = approved.count("\n")  # the line of 3's change (the last)
    assert [p.row for p in final_gate(corrections())] == [last]  # only 3's waits
    log.write_text(approved + "ch1_4_review,令和3年度から,令和3年度以降,試験,課長,2026-02-10,,4\n", encoding="utf-8")
    (bad,) = [p for p in final_gate(corrections()) if p.column == "opinion"]
    assert bad.row == last + 1 and "意見番号 4 の対応は A ではありません（B）" in bad.message


def test_a_bad_workbook_is_refused_naming_file_sheet_row_and_column_and_data_is_unchanged(
    out_for_comment, template, tmp_path
):
    before = data_bytes(out_for_comment)
    bad_rows = [dict(r) for r in OPINIONS[:6]]
    bad_rows[1]["該当箇所"] = "第9章 1〔1〕"  # not a place of the 意見募集版
    bad_rows[2]["修正後の文"] = None  # an A without its new wording
    bad_rows[3]["対応"] = "E"  # not one of A〜D, 対象外
    bad_rows[0]["修正前の文"] = "社会全体のデジタル化が進んだ"  # not the draft's words on that page
    book = fill(
        template, tmp_path / "記録.xlsx", bad_rows, extra_columns={"氏名": "大仙太郎", "メールアドレス": "a@b.jp"}
    )
    res = cli(out_for_comment, "comments", str(book))
    assert res.returncode == 2, res.stdout + res.stderr
    where = f"ファイル: {book} シート「意見」"
    assert f"{where}、1行目、列「氏名（O列）」" in res.stdout
    assert f"{where}、1行目、列「メールアドレス（P列）」" in res.stdout
    assert f"{where}、3行目、列「該当箇所（F列）」、値「第9章 1〔1〕」" in res.stdout
    assert f"{where}、4行目、列「修正後の文（N列）」" in res.stdout
    assert f"{where}、5行目、列「対応（K列）」、値「E」" in res.stdout
    assert f"{where}、2行目、列「修正前の文（M列）」、値「社会全体のデジタル化が進んだ」" in res.stdout
    assert "修正箇所（第1章 1〔2〕）のページに、この文がありません" in res.stdout
    assert "入力ファイルに6件の問題があります" in res.stdout and "data/ は変更していません" in res.stdout
    assert data_bytes(out_for_comment) == before
    assert not list((out_for_comment / "data").glob(".*tmp"))


def test_the_report_asks_for_the_notice_lines_the_edition_out_for_comment_lacks(out_for_comment):
    from daisen_taiko.documents.report import comments
    from daisen_taiko.inputs.params import load_edition

    ed = load_edition(None)
    text = comments.page(ed).text
    assert "提出方法・提出先がありません" in text and "data/public_comment_notice.csv" in text
    notice = out_for_comment / "data" / "public_comment_notice.csv"
    notice.write_text(
        "item,text,publication,retrieved_from,confidence,note\n"
        "提出方法,（試験）電子メール,試験「告知」,tests,test,\n提出先,（試験）DX推進課,試験「告知」,tests,test,\n",
        encoding="utf-8",
    )
    assert comments.page(ed) is None  # nothing lacking, no opinion yet: no page
    assert [label for label, _ in notice_lines()] == ["募集期間", "担当課", "提出方法", "提出先", "該当箇所"]


def test_the_report_lists_the_opinions_not_answered_and_the_changes_awaiting_approval(
    out_for_comment, template, tmp_path
):
    from daisen_taiko.documents.report import comments, corrections
    from daisen_taiko.inputs.params import load_edition

    rows = [dict(r) for r in OPINIONS]
    rows[6]["市の考え方"] = None  # 意見番号 7: its answer not yet written
    assert cli(out_for_comment, "comments", str(fill(template, tmp_path / "記録.xlsx", rows))).returncode == 0
    ed = load_edition(None)
    text = comments.page(ed).text
    assert "回答が未記入の意見（1件" in text and "合併の経緯をもっと" in text
    assert "承認待ちの修正（対応 A、2件" in text and "社会全体のデジタル化が急速に進み" in text
    assert text.count("【原文") == 0  # the report too shows the summaries, not the opinions as written
    log = corrections.page(final=False).text
    assert "パブリックコメント（意見番号 1）への対応" in log and "パブリックコメント（意見番号 3）への対応" in log
