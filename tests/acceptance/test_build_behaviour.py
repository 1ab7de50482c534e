"""How a build behaves for the planner: progress shown, bad input stopped early and named, a
failing page named and kept for inspection, the published edition replaced only whole (also
when a build is killed or two run at once), and text from data escaped in the web edition."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from figures import committed_parameters
from support import (
    DEFAULT,
    assert_a4_with_every_font_embedded,
    change_first_ratio,
    pdf_text,
    project_env,
    run_cli,
    tree_bytes,
)

from daisen_taiko.documents import declared


def fake_published(project, edition=DEFAULT):
    out = project / "_build" / edition / "html"
    out.mkdir(parents=True)
    (out / "index.html").write_text("<p>前回の成果物</p>", encoding="utf-8")
    return tree_bytes(project / "_build")


def test_build_shows_its_stages_and_where_the_outputs_are(built):
    """Steps: parameters and data, notebooks, statements, one per declared document, publishing."""
    labels = [d.label for d in declared(built.root)]
    total = 4 + len(labels)
    shown = [line for line in built.log.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] + "]" for line in shown] == [f"[{n}/{total}]" for n in range(1, total + 1)], shown
    assert [next(label for label in labels if label in line) for line in shown[3:-1]] == labels, shown
    listed = [line.split(":")[0].strip() for line in built.log.split("完了")[-1].splitlines()[1:]]
    assert listed == ["大綱", "作業レポート", "概要版"], (
        built.log
    )  # in build order (no 推進状況報告書 before any return)


def test_both_pdfs_are_a4_with_every_font_embedded(built):
    for pdf in (built.pdf, built.report_pdf):
        assert_a4_with_every_font_embedded(pdf)


def test_misspelt_parameter_key_stops_before_any_notebook(project):
    text = (project / "parameters" / f"{DEFAULT}.yaml").read_text(encoding="utf-8")
    (project / "parameters" / "typo.yaml").write_text(
        text.replace(f"edition: {DEFAULT}", "edition: typo").replace("plan_end:", "plan_edn:"), encoding="utf-8"
    )
    before = fake_published(project, "typo")
    res = run_cli(project, "build", "--edition", "typo")
    assert res.returncode == 2, res.stdout + res.stderr
    assert "未知のキー「plan_edn」" in res.stdout and "「plan_end」の誤り" in res.stdout
    assert "ノートブックを実行" not in res.stdout
    assert tree_bytes(project / "_build") == before


@pytest.mark.builds
def test_failing_page_is_named_kept_and_nothing_published(project):
    nb_path = project / "book" / "ch1_3_1_population_finance.ipynb"
    book = json.loads(nb_path.read_text(encoding="utf-8"))
    [c for c in book["cells"] if c["cell_type"] == "code"][-1]["source"] = "raise RuntimeError('テスト用の故障')"
    nb_path.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    before = fake_published(project)
    res = run_cli(project, "build")
    assert res.returncode == 1
    assert "「(1) 人口減少と財政状況」（book/ch1_3_1_population_finance.ipynb）の実行に失敗" in res.stdout
    assert "テスト用の故障" in res.stdout
    kept = project / ".work" / DEFAULT / "taiko" / "book" / "ch1_3_1_population_finance.ipynb"
    assert kept.exists() and "テスト用の故障" in kept.read_text(encoding="utf-8")
    assert tree_bytes(project / "_build") == before


def test_nbval_fails_naming_the_notebook_when_figure3_data_changes(project):
    # the data the committed notebook was executed on (its edition's, until make refresh)
    change_first_ratio(project, "92.4", committed_parameters(project / "book" / "ch1_3_1_population_finance.ipynb"))
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "-p",
            "no:cacheprovider",
            "-q",
            "--rootdir",
            str(project),
            "book/ch1_3_1_population_finance.ipynb",
        ],
        cwd=project,
        env=project_env(project),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode != 0
    assert "FAILED book/ch1_3_1_population_finance.ipynb" in res.stdout


@pytest.mark.builds
def test_kill_during_typesetting_keeps_the_previous_book_and_the_next_build_succeeds(built, project):
    """Killed at three moments of the typesetting (Sphinx writing pages and its search index,
    upLaTeX, the report): the published book is untouched each time, and the next build
    succeeds although the incremental build's files were left half written."""
    cache = str(built.work.parent / "cache")
    assert run_cli(project, "build", DAISEN_CACHE_DIR=cache).returncode == 0  # the mirror's files to break
    before = tree_bytes(project / "_build")
    change_first_ratio(project, "92.4")
    for delay in (1.5, 0.8, 0.3):  # the last kill surely before the 大綱's PDF is made
        proc = subprocess.Popen(
            [sys.executable, "-m", "daisen_taiko", "build"],
            cwd=project,
            env=project_env(project, DAISEN_CACHE_DIR=cache),
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        seen = []
        for line in proc.stdout:
            seen.append(line)
            if line.startswith("[4/"):
                time.sleep(delay)  # inside the Sphinx builds, or later
                break
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert any(line.startswith("[4/") for line in seen), seen
        assert tree_bytes(project / "_build") == before
    index = project / ".work" / DEFAULT / "sphinx" / "taiko" / "_build" / "html" / "searchindex.js"
    index.parent.mkdir(parents=True, exist_ok=True)  # (a kill before Sphinx made it)
    index.write_text('Search.setIndex({"docnames":["book/', encoding="utf-8")  # as a kill mid-write leaves it
    change_first_ratio(project, "92.5")
    res = run_cli(project, "build", DAISEN_CACHE_DIR=cache)
    assert res.returncode == 0, res.stdout
    assert "92.5" in pdf_text(next((project / "_build" / DEFAULT / "pdf").glob("*.pdf")))
    assert [p.name for p in (project / "_build").iterdir()] == [DEFAULT]


@pytest.mark.builds
def test_two_concurrent_builds_of_one_edition_do_not_corrupt_each_other_and_data_is_escaped(built, project):
    """Two builds of one edition at once: the second waits for the first, both succeed, and the
    published files are whole (each as the manifest hashes it).  The copy's data carry a
    <script> in a text the 大綱 prints: the web page shows it as text (one build of the copy
    serves both checks)."""
    marker = "<script>alert(1)</script>"
    path = project / "data" / "initiative_areas.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("好きな時間に、", f"好きな時間に{marker}、", 1), encoding="utf-8")
    results = []
    cache = str(built.work.parent / "cache")

    def build():
        results.append(run_cli(project, "build", DAISEN_CACHE_DIR=cache))

    threads = [threading.Thread(target=build) for _ in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.5)
    for t in threads:
        t.join()
    assert [r.returncode for r in results] == [0, 0], [r.stdout for r in results]
    assert any("実行中です" in r.stdout for r in results)  # the second one waited for the lock
    from daisen_taiko.engine.manifest import sha256

    out = project / "_build" / DEFAULT
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert all(sha256(out / name) == h for name, h in manifest["outputs"].items())
    page = (out / "html" / "book" / "ch3_priorities.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
