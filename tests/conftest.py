"""Shared fixtures: a private copy of the project per test, and the default edition built once.

Tests are marked by what they check (registered in pyproject.toml): ``acceptance`` for the
tests under tests/acceptance/ (builds, PDFs, browsers), ``unit`` for all others.
``make test-fast`` runs the unit tests only.  A test that builds its own changed copy of the
project is also marked ``builds`` (by hand): ``make test-builds`` runs those, ``make test`` the rest.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # support.py, draft.py

import support  # noqa: E402
from support import DEFAULT, ROOT, Built, copy_project, run_cli  # noqa: E402


def pytest_sessionstart(session):
    """Stop at once, saying which file to add, when the default edition has no draft yet: the
    yearly ``make edition`` switches parameters/DEFAULT before the planner places the new draft.

    A stop rather than one failing test: the draft is an input of much of the suite (the
    fidelity tests make their cases from its paragraphs while they are collected, the document
    tests compare the whole 大綱 with it), so without it the other results would be a collection
    error or a long list of failures with this one cause, and nothing the planner needs."""
    path = ROOT / "data" / "draft" / f"{DEFAULT}.txt"
    if not path.exists():
        pytest.exit(
            f"既定の版「{DEFAULT}」の草案の本文 {path.relative_to(ROOT)} がありません。"
            f"草案の本文をこのファイル名で置いてから、もう一度テストを実行してください"
            f"（README「翌年度版の作り方」の 3）。",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Only a test marked ``builds`` may build its own copy through to typesetting (its fixtures,
    the shared ``built`` among them, are set up before this)."""
    support.MAY_BUILD = item.get_closest_marker("builds") is not None
    try:
        return (yield)
    finally:
        support.MAY_BUILD = True


def pytest_collection_modifyitems(items):
    for item in items:
        kind = "acceptance" if "acceptance" in Path(str(item.fspath)).parts else "unit"
        item.add_marker(getattr(pytest.mark, kind))


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A private copy of the project (inputs only) that a test may break freely."""
    dst = copy_project(tmp_path / "proj")
    monkeypatch.setenv("DAISEN_ROOT", str(dst))
    monkeypatch.delenv("DAISEN_DATA_DIR", raising=False)
    return dst


@pytest.fixture(scope="session")
def built(tmp_path_factory, request) -> Built:
    """The default edition built once in a private copy (the user's _build/ is left alone).

    With pytest-xdist the test workers share one build: the first to get here builds it under
    a lock, the others wait and read it.  Tests only read it (they copy what they change)."""
    import fcntl

    uid = getattr(request.config, "workerinput", {}).get("testrunuid")
    base = tmp_path_factory.getbasetemp().parent / f"built-{uid}" if uid else tmp_path_factory.mktemp("built")
    base.mkdir(parents=True, exist_ok=True)
    root, log = base / "proj", base / "build.log"
    with open(base / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.exists():
            copy_project(root)
            res = run_cli(root, "build")
            assert res.returncode == 0, res.stdout + res.stderr
            log.write_text(res.stdout, encoding="utf-8")
    return Built(root, log.read_text(encoding="utf-8"))
