"""book/documents.yml, the one place that declares the documents: read into typed declarations,
and a declaration written wrong is refused with every problem at once, in Japanese."""

from __future__ import annotations

import pytest

from daisen_taiko.common.errors import InputError
from daisen_taiko.documents import declared, notebooks
from daisen_taiko.inputs.params import load_edition
from daisen_taiko.inputs.toc import notebooks as toc_notebooks


def test_the_declared_documents_are_the_taiko_the_report_and_the_progress_report(project):
    docs = {d.name: d for d in declared(project)}
    assert list(docs) == ["taiko", "report", "progress"]
    taiko, report, progress = docs["taiko"], docs["report"], docs["progress"]
    ed = load_edition(None)
    assert taiko.public and not report.public
    assert taiko.title(ed) == ed.document_title
    assert report.title(ed) == f"{ed.full_title} 作業レポート（{ed.issued_label} {ed.status}）"
    assert taiko.pdf_name(ed) == f"daisen-dx-taiko-{ed.edition}.pdf" and taiko.tex == "book.tex"
    assert report.folder(project / "_build") == project / "_build" / "report" and report.tex == "report.tex"
    assert taiko.folder(project / "_build") == project / "_build"
    assert notebooks(list(docs.values())) == toc_notebooks(project / "_toc.yml") and not report.notebooks()
    assert progress.public and progress.writer and progress.title(ed) == f"{ed.full_title}　推進状況報告書"
    assert progress.folder(project / "_build") == project / "_build" / "progress" and progress.downloads == "none"


def test_a_declaration_written_wrong_is_refused_with_every_problem(project):
    path = project / "book" / "documents.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("audience: internal", "audience: staff").replace(
        "  builders: [html, pdf]\n  published: report", "  builders: [web]\n  published: ."
    )
    path.write_text(text + "extra:\n  title: x\n  pages: {toc: book/missing.yml}\n  colour: red\n", encoding="utf-8")
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
        "ファイル: book/documents.yml",
    ):
        assert expected in message, (expected, message)
