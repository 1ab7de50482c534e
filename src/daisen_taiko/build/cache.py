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

from ..data import data_dir
from ..params import Edition
from .layout import cache_dir
from .manifest import code_files, digest, hash_files, sha256


def code_digest() -> str:
    """One hash of the package code and requirements.lock (computed once per build)."""
    return digest(hash_files(code_files()))


def _deps_record(nb: Path) -> Path:
    return cache_dir() / "deps" / f"{nb.stem}.json"


def key(ed: Edition, nb: Path, deps: list[str], code: str) -> str:
    items = {"notebook": sha256(nb), "params": json.dumps(ed.as_dict(), sort_keys=True, ensure_ascii=False),
             "code": code}
    for name in deps:
        path = data_dir() / name
        items[f"data:{name}"] = sha256(path) if path.exists() else "missing"
    return digest(items)


def lookup(ed: Edition, nb: Path, code: str) -> Path | None:
    """The cached executed notebook for ``nb``, or None."""
    record = _deps_record(nb)
    if not record.exists():
        return None
    hit = cache_dir() / f"{key(ed, nb, json.loads(record.read_text(encoding='utf-8')), code)}.ipynb"
    return hit if hit.exists() else None


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
    _replace(json.dumps(sorted(set(deps))) + "\n", None, _deps_record(nb))
    _replace(None, executed, cache_dir() / f"{key(ed, nb, sorted(set(deps)), code)}.ipynb")
