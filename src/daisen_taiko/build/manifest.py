"""Content hashes of a build's inputs and outputs, and the tool versions used.

The manifest is deterministic (no times): its input section changes when, and
only when, an input file changes.  The same hashing keys the execution cache.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from .. import project_root

PACKAGES = ("jupyter-book", "sphinx", "myst-nb", "myst-parser", "papermill", "nbval", "pandas", "matplotlib",
            "matplotlib-fontja", "numpy", "ipykernel", "nbformat")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def digest(items: dict[str, str]) -> str:
    """One hash over a name → hash mapping (order-independent)."""
    return hashlib.sha256(json.dumps(items, sort_keys=True).encode("utf-8")).hexdigest()


def _files(root: Path, pattern: str) -> list[Path]:
    return sorted(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def code_files() -> list[Path]:
    """What every notebook's output depends on besides its own source and data:
    the package code, the locked dependency versions."""
    root = project_root()
    src = Path(__file__).resolve().parents[1]
    files = _files(src, "**/*.py")
    lock = root / "requirements.lock"
    return files + ([lock] if lock.exists() else [])


def input_files(edition: str) -> list[Path]:
    root = project_root()
    files = [root / "_config.yml", root / "_toc.yml", root / "parameters" / f"{edition}.yaml"]
    from ..data import data_dir

    files += _files(data_dir(), "*.csv")
    files += [p for p in _files(root / "book", "**/*") if ".ipynb_checkpoints" not in p.parts]
    return files + code_files()


def _name(p: Path) -> str:
    root = project_root()
    src = Path(__file__).resolve().parents[1]
    try:
        return str(p.resolve().relative_to(root))
    except ValueError:
        return "src/daisen_taiko/" + str(p.resolve().relative_to(src))


def hash_files(files: list[Path]) -> dict[str, str]:
    return {_name(p): sha256(p) for p in files}


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in PACKAGES:
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "未インストール"
    try:
        first = subprocess.run(["uplatex", "--version"], capture_output=True, text=True).stdout.splitlines()
        out["uplatex"] = first[0] if first else "?"
    except OSError:
        out["uplatex"] = "未インストール"
    return out


def build_manifest(edition: str, out_dir: Path) -> dict:
    inputs = hash_files(input_files(edition))
    outputs = {str(p.relative_to(out_dir)): sha256(p) for p in _files(out_dir, "**/*") if p.name != "manifest.json"}
    return {
        "edition": edition,
        "inputs_digest": digest(inputs),
        "inputs": inputs,
        "outputs": outputs,
        "versions": versions(),
    }


def write_manifest(edition: str, out_dir: Path) -> dict:
    manifest = build_manifest(edition, out_dir)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                           encoding="utf-8")
    return manifest


def up_to_date(edition: str) -> bool:
    """True when ``_build/<edition>`` was built from exactly the current inputs and tools."""
    final = project_root() / "_build" / edition
    try:
        old = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if old.get("inputs") != hash_files(input_files(edition)) or old.get("versions") != versions():
        return False
    return all((final / name).exists() and sha256(final / name) == h for name, h in old.get("outputs", {}).items())
