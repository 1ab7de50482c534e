"""README's yearly steps leave a test suite that runs, in a copy of the whole project:
``make edition`` (the CLI it calls) starts next year's edition and makes it the default; until
its draft is placed the tests stop at once naming the file to add; once it is placed (here the
current draft, copied) and the pages are executed again for it (``make refresh``), the suite is
collected and its edition-sensitive part passes.

Why this subset proves it.  The edition can break a test in three ways: (1) at collection,
a test reading a file of the edition while it is collected (the whole suite is collected here:
tests, the doctests of src/ and the notebooks for nbval, as ``make test`` passes them);
(2) a test written with this year's values — the edition's name, its parameter file, its
draft, its 策定年度 — which are the unit tests (every one is run, as ``make test-fast`` selects
them) and, among the acceptance tests, test_figures (the figures it compares are the
registry's, against references that must be the default edition's); (3) nothing else: the other
acceptance tests build the default edition through ``support.DEFAULT`` and the ``built``
fixture, which read parameters/DEFAULT as the build does.  The full suite (5–8 min) is not run
here: its build-heavy tests do not read the year, and running them again would double
``make test``.  This test took 71 s on 2 cores nearly idle (load below 3) and 122 s at load 7,
most of it the unit tests (35–80 s) and the build test_figures needs (about 25 s).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from support import DEFAULT, ROOT, run_cli

NOT_COPIED = {".git", ".venv", ".venv-lock", "node_modules", ".work", "_build", "__pycache__"}
NEXT = re.sub(r"^r(\d+)", lambda m: f"r{int(m[1]) + 1}", DEFAULT)  # r7-12-soan → r8-12-soan
MAKE_TEST = ["tests", "src", "book", "--nbval", "-p", "no:cacheprovider"]  # the Makefile's pytest arguments


def copy_everything(dst):
    """The project as a clone has it (tests, tools and configuration too), without what is built."""
    shutil.copytree(ROOT, dst, ignore=lambda folder, names: [n for n in names if n in NOT_COPIED])
    return dst


def pytest(project, tmp, *args, timeout=300) -> subprocess.CompletedProcess:
    """pytest run in ``project`` on its own code and files, as ``make test`` runs it there."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DAISEN_"))}
    env.update(DAISEN_ROOT=str(project), PYTHONPATH=str(project / "src"))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", f"--basetemp={tmp}", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_after_make_edition_the_tests_ask_for_the_draft_then_pass(tmp_path):
    assert NEXT != DEFAULT
    project = copy_everything(tmp_path / "proj")
    res = run_cli(project, "edition", "--from", DEFAULT, "--to", NEXT)
    assert res.returncode == 0, res.stdout + res.stderr
    assert (project / "parameters" / "DEFAULT").read_text(encoding="utf-8").strip() == NEXT

    before = pytest(project, tmp_path / "t0", *MAKE_TEST)  # the draft not placed yet
    out = before.stdout + before.stderr
    assert before.returncode == 4, out  # stopped (pytest's usage error), not a test failure
    assert f"既定の版「{NEXT}」の草案の本文 data/draft/{NEXT}.txt がありません" in out
    assert "ERROR collecting" not in out and "Traceback" not in out and "FileNotFoundError" not in out

    shutil.copyfile(project / "data" / "draft" / f"{DEFAULT}.txt", project / "data" / "draft" / f"{NEXT}.txt")
    res = run_cli(project, "refresh")  # README 3: the pages executed again for the new edition
    assert res.returncode == 0, res.stdout + res.stderr

    collected = pytest(project, tmp_path / "t1", "--collect-only", *MAKE_TEST)
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr
    assert re.search(r"\d+ tests collected", collected.stdout), collected.stdout[-500:]

    unit = pytest(project, tmp_path / "t2", "tests", "src", "-m", "not acceptance", "-p", "no:cacheprovider")
    assert unit.returncode == 0, unit.stdout[-5000:]
    figures = pytest(project, tmp_path / "t3", "tests/acceptance/test_figures.py", "-p", "no:cacheprovider")
    assert figures.returncode == 0, figures.stdout[-5000:]
    assert "passed" in unit.stdout and "passed" in figures.stdout
