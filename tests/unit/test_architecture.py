"""The shape of the engine (issue 16): small modules, and a wall between the build and the sections.

Imports are read with ``ast`` from the source, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "daisen_taiko"
MAX_LINES = 300
# What a section module may import from the project: the notebook API and its sibling sections.
SECTION_MAY_IMPORT = {"daisen_taiko.api"}


def modules(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def dotted(path: Path, root: Path = PACKAGE.parent) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, root: Path = PACKAGE.parent) -> set[str]:
    """Fully qualified project modules (and names) ``path`` imports, relative imports resolved."""
    here = dotted(path, root).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            stem = ".".join(base + ([node.module] if node.module else []))
            out |= {stem} | {f"{stem}.{a.name}" for a in node.names}
    return {m for m in out if m.startswith("daisen_taiko")}


def test_no_module_over_300_lines():
    long = {
        str(p.relative_to(PACKAGE)): n for p in modules(PACKAGE) if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_build_stages_never_import_sections():
    crossing = {
        str(p.relative_to(PACKAGE)): sorted(m for m in imported(p) if m.startswith("daisen_taiko.sections"))
        for p in modules(PACKAGE / "build")
    }
    crossing = {k: v for k, v in crossing.items() if v}
    assert not crossing, f"build stages import section modules: {crossing}"


def test_sections_import_only_the_notebook_api_and_each_other():
    wrong = {}
    for p in modules(PACKAGE / "sections"):
        bad = sorted(
            m
            for m in imported(p)
            if not m.startswith("daisen_taiko.sections")
            and m not in SECTION_MAY_IMPORT
            and not any(m.startswith(f"{ok}.") for ok in SECTION_MAY_IMPORT)
            and m != "daisen_taiko"  # the package itself, as in ``from .. import api``
        )
        if bad:
            wrong[str(p.relative_to(PACKAGE))] = bad
    assert not wrong, f"sections import past the notebook API: {wrong}"


def test_the_import_reader_sees_a_crossing(tmp_path):
    """The checks above can fail: relative and lazy imports of a section are resolved and seen."""
    probe = tmp_path / "daisen_taiko" / "build" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from .. import api\n\ndef later():\n    from ..sections import wellbeing\n")
    seen = imported(probe, tmp_path)
    assert "daisen_taiko.sections.wellbeing" in seen
    assert "daisen_taiko.api" in seen
