"""README's yearly steps leave a test suite that runs, in a copy of the whole project:
``make edition`` (the CLI it calls) starts next year's edition and makes it the default; until
its draft is placed the tests stop at once naming the file to add; once it is placed (here the
current draft, copied), the whole suite passes — with the pages' executed references still
last year's (nbval executes them as committed, test_figures compares them with a fresh
execution of their edition), and again after ``make refresh`` has made them the new edition's.

The first test (the stop and the collection, about 15 s) is part of ``make test``.  The second
runs the tests of ``make test`` and ``make test-builds`` together, twice, so it is marked
``yearly`` and left to ``make test-yearly``, which CI runs (``.ci/run``) after them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from support import DEFAULT, NEXT, ROOT, run_cli

NOT_COPIED = {".git", ".venv", ".venv-lock", "node_modules", ".work", "_build", "__pycache__"}
# The pytest arguments of the Makefile's ``test`` and ``test-builds`` recipes, and of both run
# as one (test_the_suites_run_here_are_the_makefiles).
MAKE_TEST = ["-n", "auto", "--dist", "loadfile", "-m", "not yearly and not builds", "tests", "src", "book", "--nbval"]
MAKE_TEST_BUILDS = ["-n", "auto", "--dist", "loadfile", "-m", "builds", "tests"]
BOTH = ["-n", "auto", "--dist", "loadfile", "-m", "not yearly", "tests", "src", "book", "--nbval"]


def copy_everything(dst):
    """The project as a clone has it (tests, tools and configuration too), without what is built;
    node_modules (axe-core for the web tests) linked, as ``make test-deps`` would install it."""
    shutil.copytree(ROOT, dst, ignore=lambda folder, names: [n for n in names if n in NOT_COPIED])
    if (ROOT / "node_modules").is_dir():
        (dst / "node_modules").symlink_to(ROOT / "node_modules")
    return dst


def pytest_in(project, tmp, *args, timeout=300) -> subprocess.CompletedProcess:
    """pytest run in ``project`` on its own code and files, as ``make test`` runs it there."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DAISEN_"))}
    env.update(DAISEN_ROOT=str(project), PYTHONPATH=str(project / "src"))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={tmp}", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_next_edition(tmp_path):
    """README 1 and 3 in a copy: ``make edition``, the tests asking for the draft, the draft placed."""
    assert NEXT != DEFAULT
    project = copy_everything(tmp_path / "proj")
    res = run_cli(project, "edition", "--from", DEFAULT, "--to", NEXT)
    assert res.returncode == 0, res.stdout + res.stderr
    assert (project / "parameters" / "DEFAULT").read_text(encoding="utf-8").strip() == NEXT

    before = pytest_in(project, tmp_path / "t0", *MAKE_TEST)  # the draft not placed yet
    out = before.stdout + before.stderr
    assert before.returncode == 4, out  # stopped (pytest's usage error), not a test failure
    assert f"既定の版「{NEXT}」の草案の本文 data/draft/{NEXT}.txt がありません" in out
    assert "ERROR collecting" not in out and "Traceback" not in out and "FileNotFoundError" not in out

    shutil.copyfile(project / "data" / "draft" / f"{DEFAULT}.txt", project / "data" / "draft" / f"{NEXT}.txt")
    return project


def test_the_suites_run_here_are_the_makefiles():
    import shlex

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target, args in (("test", MAKE_TEST), ("test-builds", MAKE_TEST_BUILDS)):
        recipe = re.search(rf"^{target}: .*\n\t(.+)$", makefile, flags=re.M)[1]
        assert shlex.split(recipe.split(" -m pytest ", 1)[1]) == [*args, "-p", "no:cacheprovider"], target


def test_after_make_edition_the_tests_ask_for_the_draft_then_collect(tmp_path):
    project = start_next_edition(tmp_path)
    collected = pytest_in(project, tmp_path / "t1", "--collect-only", *BOTH)
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr
    assert re.search(r"\d+(/\d+)? tests collected", collected.stdout), collected.stdout[-500:]


def passed(res: subprocess.CompletedProcess) -> int:
    """The number of passed tests on pytest's closing line (0 when it did not pass)."""
    last = res.stdout.strip().splitlines()[-1] if res.stdout.strip() else ""
    found = re.search(r"(\d+) passed", last)
    return int(found[1]) if res.returncode == 0 and found and "failed" not in last else 0


@pytest.mark.yearly
def test_after_make_edition_and_the_draft_the_whole_suite_passes_before_and_after_refresh(tmp_path):
    project = start_next_edition(tmp_path)
    first = pytest_in(project, tmp_path / "t1", *BOTH, timeout=2400)  # references still last year's
    assert passed(first) > 500, first.stdout[-8000:] + first.stderr[-2000:]

    res = run_cli(project, "refresh")  # README 3: the pages executed again for the new edition
    assert res.returncode == 0, res.stdout + res.stderr
    again = pytest_in(project, tmp_path / "t2", *BOTH, timeout=2400)
    assert passed(again) == passed(first), again.stdout[-8000:] + again.stderr[-2000:]
