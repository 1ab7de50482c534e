"""Where a build reads and writes.

- ``.work/<edition>/``        the build's working tree (never published as is): one folder
  per declared document (``taiko/``, ``report/`` …) with its staged sources, ``sphinx/`` their
  mirrors with Sphinx's and upLaTeX's outputs kept between builds, ``downloads/``, ``logs/``;
- ``.work/cache/``            executed notebooks, keyed by everything they depend on
  (``DAISEN_CACHE_DIR`` moves it, e.g. to share it between copies of the project);
- ``_build/<edition>/``       the published edition, replaced in one atomic step: each
  document's ``html/`` and ``pdf/`` in the folder book/documents.yml declares (``.`` for the
  大綱, ``report/`` for the 作業レポート), ``manifest.json`` and ``snapshot.json``;
- ``_build/intake/<edition>/`` the workbook sent to the departments (``make intake-template``),
  beside the published edition so that a build, which replaces that, never removes it.
"""

from __future__ import annotations

from pathlib import Path

from daisen_taiko import project_root


def work_dir(edition: str) -> Path:
    return project_root() / ".work" / edition


def out_dir(edition: str) -> Path:
    return project_root() / "_build" / edition


def cache_dir() -> Path:
    import os

    return Path(os.environ.get("DAISEN_CACHE_DIR") or project_root() / ".work" / "cache")


def logs_dir(edition: str) -> Path:
    return work_dir(edition) / "logs"


def rel(path: Path) -> str:
    """A path as the planner sees it (relative to the project)."""
    try:
        return str(Path(path).resolve().relative_to(project_root()))
    except ValueError:
        return str(path)
