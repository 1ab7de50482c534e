"""A killed or concurrent build never corrupts the published book; text from data is
escaped in HTML."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

from conftest import project_env, run_cli, tree_bytes

EDITION = "r7-12-soan"


def change_a_value(project, old=",92.3,%,", new=",92.4,%,"):
    csv = project / "data" / "fiscal_indicators.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_kill_during_html_step_keeps_previous_book_and_next_build_succeeds(project, built_book):
    shutil.copytree(built_book["root"] / "_build", project / "_build")
    before = tree_bytes(project / "_build")
    change_a_value(project)
    proc = subprocess.Popen([sys.executable, "-m", "daisen_taiko", "build"], cwd=project, env=project_env(project),
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    seen = []
    deadline = time.monotonic() + 300
    for line in proc.stdout:
        seen.append(line)
        if line.startswith("[3/5]"):
            time.sleep(1.0)                    # inside jupyter-book's HTML build
            break
        assert time.monotonic() < deadline
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert any(line.startswith("[3/5]") for line in seen), seen
    assert tree_bytes(project / "_build") == before

    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    pdf = next((project / "_build" / EDITION / "pdf").glob("*.pdf"))
    assert "92.4" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert [p.name for p in (project / "_build").iterdir()] == [EDITION]


def test_two_concurrent_builds_of_one_edition_do_not_corrupt_each_other(project):
    results = []

    def build():
        results.append(run_cli(project, "build"))

    threads = [threading.Thread(target=build) for _ in range(2)]
    for t in threads:
        t.start()
        time.sleep(0.5)
    for t in threads:
        t.join()
    assert [r.returncode for r in results] == [0, 0], [r.stdout for r in results]
    assert any("実行中です" in r.stdout for r in results)         # the second one waited for the lock
    import json
    out = project / "_build" / EDITION
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    from daisen_taiko.manifest import sha256
    assert all(sha256(out / name) == h for name, h in manifest["outputs"].items())


def test_text_from_data_is_escaped_in_html(project):
    marker = '<script>alert("daisen")</script>'
    csv = project / "data" / "population_census.csv"
    text = csv.read_text(encoding="utf-8")
    csv.write_text(text.replace("(秋田県大仙市の人口増減と推移;", f"({marker.replace(chr(34), '')};", 1), encoding="utf-8")
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    pages = [p.read_text(encoding="utf-8") for p in (project / "_build" / EDITION / "html").rglob("*.html")]
    assert not any("<script>alert(" in page for page in pages)
    assert any("&lt;script&gt;alert(" in page for page in pages)
