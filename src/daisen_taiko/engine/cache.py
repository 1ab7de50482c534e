"""The execution cache: an executed notebook is reused while nothing it depends on changed.

A notebook's output depends on its own source, the edition's parameters, the data files
it read in its last run (recorded by the data loader), the package code and the locked
dependency versions.  All of them are hashed into the cache key.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from daisen_taiko.engine.layout import cache_dir
from daisen_taiko.engine.manifest import code_files, digest, hash_files, sha256
from daisen_taiko.inputs.params import Edition
from daisen_taiko.inputs.paths import data_dir


def code_digest() -> str:
    """One hash of the package code and requirements.lock (computed once per build)."""
    return digest(hash_files(code_files()))


def _deps_record(nb: Path) -> Path:
    return cache_dir() / "deps" / f"{nb.stem}.json"


# Parameters that name an edition but never change what a page computes: editions that differ
# only in them (and read data files of the same contents) share their executions.
NAMING_ONLY = ("edition", "data_dir", "previous_edition")


def key(ed: Edition, nb: Path, deps: list[str], code: str) -> str:
    params = {k: v for k, v in ed.page_params().items() if k not in NAMING_ONLY}
    items = {"notebook": sha256(nb), "params": json.dumps(params, sort_keys=True, ensure_ascii=False), "code": code}
    for name in deps:
        path = data_dir() / name
        items[f"data:{name}"] = sha256(path) if path.exists() else "missing"
    return digest(items)


def _dep_lists(nb: Path) -> list[list[str]]:
    """Every distinct list of data files ``nb`` has read (most recent first): a page reads more
    files when more data exist (the 取組計画 once returned), and each list keys its own runs."""
    record = _deps_record(nb)
    if not record.exists():
        return []
    lists = json.loads(record.read_text(encoding="utf-8"))
    return lists if lists and isinstance(lists[0], list) else [lists]


def lookup(ed: Edition, nb: Path, code: str) -> Path | None:
    """The cached executed notebook for ``nb``, or None."""
    for deps in _dep_lists(nb):
        hit = cache_dir() / f"{key(ed, nb, deps, code)}.ipynb"
        if hit.exists():
            return hit
    return None


def _replace(src_text: str | None, src_file: Path | None, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f"{dst.name}.{os.getpid()}.part")
    if src_file is not None:
        shutil.copyfile(src_file, tmp)
    else:
        tmp.write_text(src_text or "", encoding="utf-8")
    os.replace(tmp, dst)


def store(ed: Edition, nb: Path, executed: Path, deps: list[str], code: str) -> None:
    """Remember which data files ``nb`` read and keep its executed copy under the new key."""
    deps = sorted(set(deps))
    lists = [deps, *(d for d in _dep_lists(nb) if d != deps)][:8]
    _replace(json.dumps(lists) + "\n", None, _deps_record(nb))
    _replace(None, executed, cache_dir() / f"{key(ed, nb, deps, code)}.ipynb")


def take(hit: Path, target: Path, ed: Edition) -> None:
    """Copy a cached execution to ``target`` with this edition's parameters in its (hidden)
    injected cell, written exactly as papermill and the normalisation write a fresh run."""
    import nbformat
    from papermill.translators import translate_parameters

    nb = nbformat.read(hit, as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = translate_parameters("python3", "python", {"edition_params": ed.page_params()}, "Parameters")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
