"""Corrections of the draft (data/draft_corrections.csv): only rows with an approver apply, to the
page they name and its ※ notes; a row whose original text is on neither stops the build."""

from __future__ import annotations

import re
import shutil

import pytest
from support import approve_bpr

from daisen_taiko.common.errors import InputError
from daisen_taiko.inputs.corrections import apply, approved, correct, corrections


def test_only_rows_with_an_approver_are_approved(project):
    assert [c for c in corrections() if c.approved] == []
    approve_bpr(project)
    assert [c.original for c in corrections() if c.approved] == ["B P R"]  # not every row once one is


def test_an_approved_row_corrects_its_page_and_its_notes(project, tmp_path):
    approve_bpr(project)
    stage = tmp_path / "stage"
    (stage / "book").mkdir(parents=True)
    shutil.copy(project / "book" / "ch1_3_3_dx_trends.ipynb", stage / "book")
    [(row, count)] = apply(stage)
    page = (stage / "book" / "ch1_3_3_dx_trends.ipynb").read_text(encoding="utf-8")
    assert row.original == "B P R" and count >= 2 and "B P R" not in page and "①BPR" in page
    note = "※1 B P R (Business Process Re-engineering)：業務本来の目的"
    assert correct(note, approved("ch1_3_3_dx_trends")).startswith("※1 BPR (Business")
    assert correct(note, approved("ch1_1_purpose")) == note  # another page's notes are not touched


def test_a_row_whose_text_is_only_in_a_note_of_its_page_is_accepted(project, tmp_path):
    """第3章 shows the notes of blocks named after its areas (ch3_3_admin_foundation), not after
    the page: the notes sought are those the page shows."""
    path = project / "data" / "draft_corrections.csv"
    row = "ch3_priorities,目視での確認や書面での提出,目視での確認や書面の提出,試験用の行,DX推進課,2026-12-01,試験\n"
    path.write_text(path.read_text(encoding="utf-8") + row, encoding="utf-8")
    stage = tmp_path / "stage"
    (stage / "book").mkdir(parents=True)
    shutil.copy(project / "book" / "ch3_priorities.ipynb", stage / "book")
    [(c, count)] = apply(stage)
    assert c.page == "ch3_priorities" and count == 1


def test_an_approved_row_whose_text_is_nowhere_stops_the_build(project, tmp_path):
    path = project / "data" / "draft_corrections.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("B P R,BPR", "B Q R,BQR"), encoding="utf-8")
    approve_bpr(project)
    stage = tmp_path / "stage"
    (stage / "book").mkdir(parents=True)
    shutil.copy(project / "book" / "ch1_3_3_dx_trends.ipynb", stage / "book")
    with pytest.raises(InputError) as exc:
        apply(stage)
    assert "「B Q R」" in exc.value.render() and "12行目" in exc.value.render()


def test_the_report_lists_corrections_in_the_order_of_the_book(project):
    """The planner reads the list beside the 大綱: page by page, whatever the order of the file's
    rows (they are kept in the order they were found — 第1章 5 before 第1章 3(3))."""
    from daisen_taiko.documents.report import corrections as report
    from daisen_taiko.inputs.toc import documents

    csv = project / "data" / "draft_corrections.csv"
    head, *rows = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text(head + "".join(reversed(rows)), encoding="utf-8")  # 各種取組計画's row first
    place = [d.removeprefix("book/") for d in documents()]
    expected = sorted((c.page for c in corrections()), key=place.index)  # stable: file order within a page
    assert [c.page for c in corrections()] != expected
    text = report.page(final=False).text.replace("\\", "")  # without Markdown's escapes (ch1\\_1_purpose)
    assert re.findall(r"（(ch[0-9_a-z]+|plans)）", text) == expected
