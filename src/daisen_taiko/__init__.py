"""Daisen City 行政サービス改革・DX推進大綱 as a reproducible book.

The package holds all logic; the notebooks in ``book/`` only call it.
"""

import os
from pathlib import Path

__all__ = ["package_dir", "project_root"]


def project_root() -> Path:
    """Return the project root (the folder holding ``parameters/`` and ``data/``).

    ``DAISEN_ROOT`` wins; otherwise walk up from the working directory, which
    covers notebooks run from ``book/`` (nbval) and from the staging tree.
    """
    env = os.environ.get("DAISEN_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for cand in (here, *here.parents):
        if (cand / "parameters").is_dir() and (cand / "data").is_dir():
            return cand
    return Path(__file__).resolve().parents[2]


def package_dir() -> Path:
    """The folder of the code running now (what a build's outputs depend on, wherever it was
    imported from: the project's ``src/`` or another checkout on ``PYTHONPATH``)."""
    return Path(__file__).resolve().parent
