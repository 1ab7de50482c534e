"""book/documents.yml, the one place that declares the documents: read into typed declarations,
and a declaration written wrong is refused with every problem at once, in Japanese."""

from __future__ import annotations

import pytest

from daisen_taiko.common.errors import InputError
from daisen_taiko.documents import declared, notebooks
from daisen_taiko.inputs.params import load_edition
from daisen_taiko.inputs.toc import notebooks as toc_notebooks


def test_the_declared_documents_are_the_taiko_the_report_the_summary_the_progress_report_and_the_comments(project):
    docs = {d.name: d for d in declared(project)}
    assert list(docs) == ["taiko", "report", "summary", "progress", "comment_results", "comment_form"]
    taiko, report, progress = docs["taiko"], docs["report"], docs["progress"]
    ed = load_edition(None)
    assert taiko.public and not report.public
    assert taiko.title(ed) == ed.document_title
    assert report.title(ed) == f"{ed.full_title} 作業レポート（{ed.issued_label} {ed.status}）"
    assert taiko.pdf_name(ed) == f"daisen-dx-taiko-{ed.edition}.pdf" and taiko.tex == "book.tex"
    assert report.folder(project / "_build") == project / "_build" / "report" and report.tex == "report.tex"
    assert taiko.folder(project / "_build") == project / "_build"
    assert notebooks(list(docs.values())) == toc_notebooks(project / "_toc.yml") and not report.notebooks()
    assert progress.public and progress.writer and progress.downloads == "none"
    results = docs["comment_results"]
    assert results.public and results.writer and results.folder(project / "_build") == project / "_build" / "comments"
    assert results.title(ed) == f"『{ed.full_title}（案）』に対する意見募集の結果"
    assert (
        docs["comment_form"].public
        and docs["comment_form"].folder(project / "_build") == project / "_build" / "comment-form"
    )
    assert progress.instances(ed) == []  # one per fiscal year with returns: none yet
    summary = docs["summary"]
    assert summary.public and summary.writer and summary.title(ed) == f"{ed.full_title}【概要版】（{ed.status_label}）"


def test_a_declaration_with_each_makes_one_document_per_key(project, monkeypatch):
    from daisen_taiko.documents import progress as writer

    monkeypatch.setattr(writer, "years", lambda ed: {"2026": "令和8年度実績", "2027": "令和9年度実績"})
    ed = load_edition(None)
    declaration = next(d for d in declared(project) if d.name == "progress")
    eight, nine = declaration.instances(ed)
    assert (eight.name, nine.name) == ("progress-2026", "progress-2027")
    assert eight.label == "推進状況報告書（令和8年度実績）"
    assert eight.title(ed) == f"{ed.full_title}　推進状況報告書（令和8年度実績）"
    assert nine.folder(project / "_build") == project / "_build" / "progress" / "2027"
    assert nine.pdf_name(ed) == f"daisen-dx-suishin-jokyo-{ed.edition}-2027.pdf" and nine.tex == "progress-2027.tex"
    assert eight.pages_folder == nine.pages_folder == "progress"  # the same page addresses in each year's folder
    assert eight.instances(ed) == [eight]


def test_a_declaration_written_wrong_is_refused_with_every_problem(project):
    path = project / "book" / "documents.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("audience: internal", "audience: staff").replace(
        "  builders: [html, pdf]\n  published: report", "  builders: [web]\n  published: ."
    )
    text += "extra:\n  title: x\n  pages: {toc: book/missing.yml}\n  colour: red\n  each: m:f\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        declared(project)
    message = exc.value.render()
    for expected in (
        "「report」の public（公開）か internal（内部）",
        "「report」の html と pdf",
        "同じ公開先",
        "「extra」の この項目はありません",
        "「extra」の 必須の項目です",
        "「extra」の 目次ファイルがありません",
        "「extra」の 文書を複数作れる（each）のは、ページを書き出す関数（writer）の文書だけです",
        "ファイル: book/documents.yml",
    ):
        assert expected in message, (expected, message)
