"""Shared fixtures: a private copy of the project per test, and the default edition built once.

Tests are marked by what they check (registered in pyproject.toml): ``acceptance`` for the
tests under tests/acceptance/ (builds, PDFs, browsers), ``unit`` for all others.
``make test-fast`` runs the unit tests only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # support.py, draft.py

from support import Built, copy_project, run_cli  # noqa: E402


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
