"""Where the data of the current edition are (kept apart from the data package, so that code
which only needs the place — the manifest, the cache — does not import pandas)."""

from __future__ import annotations

import os
from pathlib import Path

from daisen_taiko import project_root


def data_dir() -> Path:
    """``data/``, or the edition's own folder (``data_dir`` in its parameter file)."""
    return project_root() / os.environ.get("DAISEN_DATA_DIR", "data")


def data_path(name: str) -> Path:
    return data_dir() / f"{name}.csv"


# The project's inputs: what a build reads besides the package code.  ``make verify`` copies
# them, the tests and tools/mutants.py copy them, the manifest hashes their files.
PROJECT_INPUTS = ("_config.yml", "_toc.yml", "book", "data", "parameters", "requirements.lock")


def draft_path(edition: str) -> Path:
    """The text of the edition's draft as the city gave it (``data/draft/<版>.txt``)."""
    return project_root() / "data" / "draft" / f"{edition}.txt"
