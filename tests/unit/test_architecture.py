"""The shape of the package: small modules, one folder per process, and walls between them.

The folders of ``src/daisen_taiko`` say which process runs a module:

- ``engine/``   the build run by ``make`` (the CLI parent): stages, papermill, Sphinx, upLaTeX, publish;
- ``kernel/``   inside the notebooks' kernels: the notebook API, glue, the zygote, the sections;
- ``sphinx_extensions/``  inside Sphinx, loaded by ``_config.yml``;
- ``documents/`` what the engine writes besides the notebooks: the declared documents, the
  作業レポート's pages, downloads, the snapshot;
- ``intake/``   the Excel exchange with the departments (``make intake``);
- ``inputs/``, ``plans/``, ``common/``  read by every process: the parameters, data and registry;
  the 取組計画 tables and charts; errors, eras, the house style, the kernel→engine records.

Imports are read with ``ast`` from the source, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "daisen_taiko"
MAX_LINES = 300
SHARED = {"common", "inputs", "plans"}
# What each folder may import from the project besides itself (the package's root holds
# project_root and the ``python -m daisen_taiko`` entry point).
MAY_IMPORT = {
    "common": set(),
    "inputs": {"common"},
    "plans": {"common", "inputs"},
    "kernel": SHARED,
    "sphinx_extensions": {"common", "inputs"},
    "documents": SHARED,
    "intake": SHARED,
    "engine": SHARED | {"documents", "intake"},  # never kernel: kernels are started by module name
    "(root)": {"engine"},
}
# What a section module may import from the project: the notebook API and its sibling sections.
SECTION_MAY_IMPORT = {"daisen_taiko.kernel.api"}


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


def folder_of(module: str, root: Path = PACKAGE) -> str:
    """``daisen_taiko.engine.stage`` → ``engine``; a module of the package's root → ``(root)``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (root / parts[1]).is_dir() else "(root)"


def crossings(package: Path = PACKAGE) -> dict[str, list[str]]:
    """Module → the project imports it makes across a wall."""
    out = {}
    for p in modules(package):
        parts = p.relative_to(package).parts
        here = parts[0] if len(parts) > 1 else "(root)"
        bad = sorted(
            m
            for m in imported(p, package.parent)
            if m != package.name
            and (there := folder_of(m, package)) != here
            and there != "(root)"
            and there not in MAY_IMPORT[here]
        )
        if bad:
            out[str(p.relative_to(package))] = bad
    return out


def folder_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for p in modules(package):
        parts = p.relative_to(package).parts
        here = parts[0] if len(parts) > 1 else "(root)"
        for m in imported(p, package.parent):
            there = folder_of(m, package)
            if m != package.name and there not in (here, "(root)"):
                graph.setdefault(here, set()).add(there)
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of folders importing each other, or []."""
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return []


def test_no_module_over_300_lines():
    long = {
        str(p.relative_to(PACKAGE)): n for p in modules(PACKAGE) if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_every_folder_is_a_process_or_shared():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(MAY_IMPORT) - {"(root)"}, f"folders not described in test_architecture: {folders}"


def test_each_process_imports_only_what_its_wall_allows():
    assert not crossings(), f"imports across a wall: {crossings()}"


def test_no_cycle_between_folders():
    assert not cycle(folder_graph()), f"folders import each other: {' → '.join(cycle(folder_graph()))}"


def test_sections_import_only_the_notebook_api_and_each_other():
    wrong = {}
    for p in modules(PACKAGE / "kernel" / "sections"):
        bad = sorted(
            m
            for m in imported(p)
            if not m.startswith("daisen_taiko.kernel.sections")
            and m not in SECTION_MAY_IMPORT
            and not any(m.startswith(f"{ok}.") for ok in SECTION_MAY_IMPORT)
            and m not in ("daisen_taiko", "daisen_taiko.kernel")  # the packages, as in ``from .. import api``
        )
        if bad:
            wrong[str(p.relative_to(PACKAGE))] = bad
    assert not wrong, f"sections import past the notebook API: {wrong}"


def probe_package(tmp_path: Path, files: dict[str, str]) -> Path:
    package = tmp_path / "daisen_taiko"
    for name in (*MAY_IMPORT, "kernel/sections"):
        if name != "(root)":
            (package / name).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (package / name).write_text(text)
    return package


def test_the_import_reader_sees_a_crossing_and_a_cycle(tmp_path):
    """The checks above can fail: relative and lazy imports are resolved and seen, a document
    importing kernel code crosses a wall, and two folders importing each other are a cycle."""
    package = probe_package(
        tmp_path,
        {
            "documents/probe.py": "from ..kernel import api\n\ndef later():\n    from ..engine import layout\n",
            "engine/uses.py": "from daisen_taiko.documents import probe\n",
        },
    )
    seen = imported(package / "documents" / "probe.py", tmp_path)
    assert {"daisen_taiko.kernel.api", "daisen_taiko.engine.layout"} <= seen
    assert crossings(package) == {
        "documents/probe.py": [
            "daisen_taiko.engine",
            "daisen_taiko.engine.layout",
            "daisen_taiko.kernel",
            "daisen_taiko.kernel.api",
        ]
    }
    assert cycle(folder_graph(package)) == ["documents", "engine", "documents"]
