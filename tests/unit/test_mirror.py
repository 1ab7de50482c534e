"""The mirror Sphinx builds from: only changed files are rewritten, and Sphinx's previous
outputs are kept only when nothing but pages changed (a stylesheet, template or configuration
change would leave unchanged pages stale; an added or removed file would leave outputs behind),
and only when the last build of the document finished (a killed one may have left them half
written) with the same code (Sphinx does not see a change of our extensions).  Whole builds after such edits are checked against a build from scratch in test_cache.py."""

from __future__ import annotations

import os

import pytest

from daisen_taiko.engine.mirror import finished, mirror

CODE = "digest of the package code"
FILES = {
    "_config.yml": "title: x\n",
    "_toc.yml": "root: book/index\n",
    "book/index.md": "# 目次\n",
    "book/ch1.ipynb": "{}\n",
    "book/_static/daisen.css": "body {}\n",
    "book/latex/daisen.sty": "% sty\n",
}


def write(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


@pytest.fixture
def mirrored(tmp_path):
    staged, target = tmp_path / "staged", tmp_path / "target"
    write(staged, FILES)
    mirror(staged, target, CODE)
    (target / "_build" / "environment.pickle").write_text("kept", encoding="utf-8")
    finished(target)
    for name in FILES:  # older than any rewrite, so a rewrite shows in the file time
        os.utime(target / name, (1_000_000_000, 1_000_000_000))
    return staged, target


def sources(root):
    files = (p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != "_build")
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in files}


def kept(target) -> bool:
    return (target / "_build" / "environment.pickle").exists()


def test_a_page_edit_rewrites_that_page_only_and_keeps_the_outputs(mirrored):
    staged, target = mirrored
    write(staged, {"book/ch1.ipynb": '{"cells": []}\n'})
    mirror(staged, target, CODE)
    assert kept(target)
    assert (target / "book" / "ch1.ipynb").read_text(encoding="utf-8") == '{"cells": []}\n'
    untouched = [n for n in FILES if n != "book/ch1.ipynb"]
    assert all((target / n).stat().st_mtime == 1_000_000_000 for n in untouched)


@pytest.mark.parametrize("name", ["book/_static/daisen.css", "book/latex/daisen.sty", "_config.yml", "_toc.yml"])
def test_any_other_edit_starts_sphinx_from_scratch(mirrored, name):
    staged, target = mirrored
    write(staged, {name: FILES[name] + "/* changed */\n"})
    mirror(staged, target, CODE)
    assert not kept(target)
    assert sources(target) == sources(staged)


def test_an_added_or_removed_page_starts_sphinx_from_scratch(mirrored):
    staged, target = mirrored
    (staged / "book" / "ch1.ipynb").unlink()
    write(staged, {"book/ch2.md": "# 第2章\n"})
    mirror(staged, target, CODE)
    assert not kept(target)
    assert sources(target) == sources(staged)
    assert not (target / "book" / "ch1.ipynb").exists()


def test_after_a_build_that_did_not_finish_sphinx_starts_from_scratch(mirrored):
    staged, target = mirrored
    write(staged, {"book/ch1.ipynb": '{"cells": []}\n'})
    mirror(staged, target, CODE)  # this build is killed before its PDF: finished() is never called
    write(staged, {"book/ch1.ipynb": '{"cells": [1]}\n'})
    mirror(staged, target, CODE)
    assert not kept(target)


def test_outputs_made_by_other_code_are_not_kept(mirrored):
    staged, target = mirrored
    write(staged, {"book/ch1.ipynb": '{"cells": []}\n'})
    mirror(staged, target, "another version of the package")
    assert not kept(target)
