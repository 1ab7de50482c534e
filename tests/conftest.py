import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("_config.yml", "_toc.yml", "book", "data", "parameters", "requirements.lock")


def copy_project(dst: Path) -> Path:
    dst.mkdir(parents=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.tmp.ipynb"))
        else:
            shutil.copy2(src, dst / name)
    return dst


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A private copy of the project (inputs only) that tests may break freely."""
    dst = copy_project(tmp_path / "proj")
    monkeypatch.setenv("DAISEN_ROOT", str(dst))
    return dst


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The default edition built once, in a private copy (the user's _build/ is left alone)."""
    proj = copy_project(tmp_path_factory.mktemp("book") / "proj")
    res = run_cli(proj, "build")
    assert res.returncode == 0, res.stdout + res.stderr
    edition = (proj / "parameters" / "DEFAULT").read_text(encoding="utf-8").strip()
    out = proj / "_build" / edition
    return {"root": proj, "out": out, "html": out / "html", "pdf": next((out / "pdf").glob("*.pdf")),
            "log": res.stdout}


def project_env(project: Path) -> dict:
    """Environment for a subprocess on a copy; a copy that carries its own src/ runs that code."""
    env = dict(os.environ, DAISEN_ROOT=str(project))
    if (project / "src").is_dir():
        env["PYTHONPATH"] = str(project / "src")
    return env


def with_src(project: Path) -> Path:
    """Give a project copy its own package code (to test changes to plotting code)."""
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return project


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = project_env(project)
    return subprocess.run([sys.executable, "-m", "daisen_taiko", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)


def run_nbval(project: Path, *notebooks: str) -> subprocess.CompletedProcess:
    env = project_env(project)
    targets = list(notebooks) or ["book"]
    return subprocess.run([sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-q",
                           "--rootdir", str(project), *targets],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def tree_bytes(path: Path) -> dict:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
