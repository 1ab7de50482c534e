"""A page stuck in a loop stops the build: its cell is interrupted after the edition's
``execution_timeout`` seconds, the message names the page, the cell and what to do, the kernel
is gone, and the last good book is untouched.  Without a limit the build would wait for ever."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest
from support import DEFAULT, processes_of, project_env, tree_bytes

pytestmark = pytest.mark.builds  # builds its own changed copies: make test-builds (CI), not make test

LIMIT = 8  # seconds a cell may run in this test (the page's other cells take well under one)
MARGIN = 30  # seconds for the interruption, the kernel's shutdown and the end of the build
PAGE = "book/ch1_3_3_dx_trends.ipynb"
LOOP = "while True: pass"


def add_looping_cell(project) -> None:
    path = project / PAGE
    book = json.loads(path.read_text(encoding="utf-8"))
    book["cells"].append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": LOOP})
    path.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")


def build_with_times(project, cache: str, wait: float) -> tuple[int | None, list[tuple[float, str]], float]:
    """Run the build as ``make book`` does; its exit code (None: still running after ``wait``
    seconds, then killed), its lines with the time each was printed, and when it ended."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "daisen_taiko", "build"],
        cwd=project,
        env=project_env(project, DAISEN_CACHE_DIR=cache),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []

    def read():
        for line in proc.stdout:
            lines.append((time.monotonic(), line.rstrip("\n")))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        code = proc.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        code = None
    ended = time.monotonic()
    reader.join(timeout=5)
    return code, lines, ended


def test_a_looping_cell_stops_the_build_naming_page_and_cell(built, project):
    shutil.copytree(built.out, project / "_build" / DEFAULT)  # the last good book
    before = tree_bytes(project / "_build")
    add_looping_cell(project)
    params = project / "parameters" / f"{DEFAULT}.yaml"
    params.write_text(params.read_text(encoding="utf-8") + f"execution_timeout: {LIMIT}\n", encoding="utf-8")
    try:
        code, lines, ended = build_with_times(project, str(built.work.parent / "cache"), wait=LIMIT + 120)
        left = processes_of(project)
    finally:
        for pid in processes_of(project):  # a failed run must not leave a kernel spinning
            os.kill(pid, signal.SIGKILL)
    out = "\n".join(line for _, line in lines)
    assert code is not None, f"{LIMIT + 120} 秒たっても終わらない:\n{out}"
    assert code == 1, out
    started = next(t for t, line in lines if line.startswith("[2/"))  # the notebooks start
    assert LIMIT <= ended - started < LIMIT + MARGIN, (ended - started, out)
    assert left == [], f"残ったプロセス: {left}"
    kept = json.loads((project / ".work" / DEFAULT / "taiko" / PAGE).read_text(encoding="utf-8"))
    [cell] = [c for c in kept["cells"] if "".join(c["source"]) == LOOP]  # the page as it stopped
    assert cell["execution_count"], cell
    assert f"「（3）DXの動向」（{PAGE}）の実行に失敗しました（セル {cell['execution_count']}）" in out
    assert f"セル「{LOOP}」の実行が {LIMIT} 秒を超えても終わらないため、止めました" in out
    assert f"parameters/{DEFAULT}.yaml の execution_timeout" in out  # what to do
    assert "公開済みの本（_build/）は変更していません" in out
    assert tree_bytes(project / "_build") == before
