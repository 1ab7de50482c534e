"""Adding a document by the steps of CONTRIBUTING.md (「Add a document」): its declaration in
book/documents.yml, its TOC and one page — nothing in the engine.  The build makes it (HTML and
PDF), publishes it in its declared folder, lists it in the manifest, and ``make verify``
rebuilds it byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import DEFAULT, copy_project, pdf_info, pdf_text, run_cli, tree_bytes

pytestmark = pytest.mark.builds  # builds its own changed copies: make test-builds (CI), not make test

DECLARATION = """
toy:
  label: 試験文書
  title: "試験文書（{issued_label}）"
  audience: public
  pages: {toc: book/toy/_toc.yml}
  builders: [html, pdf]
  published: toy
  pdf: toy-{edition}.pdf
"""
TOC = "format: jb-book\nroot: book/toy/index\n"
PAGE = "# 試験文書\n\nこの文書は、文書の宣言だけで本に加わることを確かめるための試験用のページです。\n"


def add_toy_document(project) -> None:
    declarations = project / "book" / "documents.yml"
    declarations.write_text(declarations.read_text(encoding="utf-8") + DECLARATION, encoding="utf-8")
    (project / "book" / "toy").mkdir()
    (project / "book" / "toy" / "_toc.yml").write_text(TOC, encoding="utf-8")
    (project / "book" / "toy" / "index.md").write_text(PAGE, encoding="utf-8")


def test_a_third_document_is_built_published_listed_and_verified_from_its_declaration(built, tmp_path):
    project = copy_project(tmp_path / "proj")  # no src/: the engine that runs is the project's own, unchanged
    before = tree_bytes(project)
    add_toy_document(project)
    after = tree_bytes(project)
    assert sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)) == [
        "book/documents.yml",
        "book/toy/_toc.yml",
        "book/toy/index.md",
    ]
    res = run_cli(project, "build", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "試験文書: _build/" in res.stdout  # the build names it among the documents it made
    out = project / "_build" / DEFAULT
    html = (out / "toy" / "html" / "book" / "toy" / "index.html").read_text(encoding="utf-8")
    assert "文書の宣言だけで本に加わる" in html
    pdf = out / "toy" / "pdf" / f"toy-{DEFAULT}.pdf"
    assert "文書の宣言だけで本に加わる" in pdf_text(pdf).replace("\n", "")
    assert pdf_info(pdf)["Title"].startswith("試験文書（")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"]["toy"] == {
        "label": "試験文書",
        "title": manifest["documents"]["toy"]["title"],
        "audience": "public",
        "html": "toy/html",
        "pdf": f"toy/pdf/toy-{DEFAULT}.pdf",
    }
    assert f"toy/pdf/toy-{DEFAULT}.pdf" in manifest["outputs"]
    assert "toy/html/book/toy/index.html" in manifest["outputs"]
    assert {"book/toy/index.md", "book/documents.yml"} <= set(manifest["inputs"])
    # the 大綱 and the 作業レポート are as they were: the toy's page is not in the 大綱
    assert (out / "pdf").is_dir() and (out / "report" / "pdf").is_dir()
    assert not (out / "html" / "book" / "toy").exists()
    verified = run_cli(project, "verify", timeout=1800)
    assert verified.returncode == 0 and "一致:" in verified.stdout, verified.stdout + verified.stderr


def test_every_declared_document_is_published_where_declared_and_listed(built, monkeypatch):
    """The published edition holds each document of book/documents.yml in its folder, as the
    manifest lists it, and nothing else beside them (a document with nothing to publish is in neither)."""
    from daisen_taiko.documents import declared
    from daisen_taiko.inputs.params import load_edition

    monkeypatch.setenv("DAISEN_ROOT", str(built.root))
    docs, ed = declared(built.root), load_edition(None)
    manifest = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    # a written document with nothing to publish yet is left out: the 推進状況報告書 before any return
    # of 実績・評価 (tests/acceptance/test_progress_report.py builds it from a year of returns), the
    # パブリックコメント's 意見募集の結果 and 意見提出用紙 of a draft not out for comment
    # (tests/acceptance/test_public_comments.py builds them)
    assert {d.name for d in docs} - set(manifest["documents"]) == {"progress", "comment_results", "comment_form"}
    docs = [d for d in docs if d.name in manifest["documents"]]
    assert sorted(manifest["documents"]) == sorted(d.name for d in docs)
    for doc in docs:
        entry = manifest["documents"][doc.name]
        assert entry["title"] == doc.title(ed) and entry["audience"] == doc.audience
        if "pdf" in doc.builders:
            assert doc.pdf_path(built.out, ed).is_file() and entry["pdf"] in manifest["outputs"]
        if "html" in doc.builders:
            assert (doc.html_dir(built.out) / "index.html").is_file()
    expected = {"manifest.json", "snapshot.json"}
    for doc in docs:
        top = Path(doc.published).parts
        expected |= {top[0]} if top else set(doc.builders)  # html/ and pdf/ at the top for "."
    assert {p.name for p in built.out.iterdir()} == expected
