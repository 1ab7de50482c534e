"""make verify rebuilds with the package code that is running: the code a build's manifest and
caches are keyed on, wherever it was imported from (the project's src/, or another checkout
on PYTHONPATH), never with whatever else Python would find."""

from __future__ import annotations

import daisen_taiko
from daisen_taiko import package_dir
from daisen_taiko.engine.verify import copy_for_rebuild, differing


def files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.py")}


def test_the_rebuild_gets_the_running_code_even_when_the_project_has_no_src(project, tmp_path):
    assert not (project / "src").exists()  # a copy of the inputs only, as a second checkout's data
    other = copy_for_rebuild(project, tmp_path / "other")
    assert (
        package_dir().name == "daisen_taiko"
        and package_dir() == __import__("pathlib").Path(daisen_taiko.__file__).resolve().parent
    )
    assert files(other / "src" / "daisen_taiko") == files(package_dir())
    assert (other / "data" / "fiscal_indicators.csv").read_bytes() == (
        project / "data" / "fiscal_indicators.csv"
    ).read_bytes()


def test_differing_lists_files_whose_bytes_differ_and_files_on_one_side_only(tmp_path):
    published, rebuilt = tmp_path / "published", tmp_path / "rebuilt"
    for tree in (published, rebuilt):
        (tree / "pdf").mkdir(parents=True)
        (tree / "pdf" / "book.pdf").write_bytes(b"%PDF same")
        (tree / "manifest.json").write_text("{}", encoding="utf-8")
    (rebuilt / "manifest.json").write_text('{"x": 1}', encoding="utf-8")
    (published / "old.html").write_text("<p>", encoding="utf-8")
    (rebuilt / "pdf" / "new.pdf").write_bytes(b"%PDF")
    assert differing(published, rebuilt) == [
        "old.html（公開済みの本にだけある）",
        "pdf/new.pdf（検証用のビルドにだけある）",
        "manifest.json",
    ]
    assert differing(published, published) == []
