"""Publishing an edition: the finished tree replaces ``_build/<edition>`` in one atomic step.

Nothing under ``_build/<edition>`` changes unless the whole build succeeded; a build that
is killed leaves at most a half-copied tree *beside* the published one, removed (or, when
killed between the two renames of the fallback, restored) by the next build.  A lock
keeps two builds of one edition apart.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

from daisen_taiko import project_root
from daisen_taiko.engine.layout import out_dir, work_dir


@contextmanager
def edition_lock(edition: str, say):
    wd = work_dir(edition)
    wd.parent.mkdir(parents=True, exist_ok=True)
    with open(wd.parent / f"{edition}.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("同じ版の別のビルドが実行中です。終わるのを待っています…")
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE)."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def new_tree(edition: str) -> Path:
    """An empty folder beside ``_build/<edition>`` to assemble the new tree in."""
    new = project_root() / "_build" / f".new-{edition}-{os.getpid()}"
    if new.exists():
        shutil.rmtree(new)
    new.mkdir(parents=True)
    return new


def same_modes(tree: Path) -> None:
    """Folders rwxr-xr-x, files rw-r--r--: the published tree does not depend on the caller's umask."""
    os.chmod(tree, 0o755)
    for path in tree.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)


def publish(new: Path, edition: str) -> Path:
    """Put ``new`` in place of ``_build/<edition>`` in one atomic step; remove the old tree."""
    final = out_dir(edition)
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.exists():
        if not _exchange(new, final):
            old = final.with_name(f".old-{edition}-{os.getpid()}")
            os.rename(final, old)
            os.rename(new, final)
            new = old
        shutil.rmtree(new)
    else:
        os.rename(new, final)
    return final


def remove_leftovers(edition: str) -> None:
    """Half-copied trees of a build that was killed (only ever beside, never in, the published one)."""
    pattern = re.compile(rf"\.(new|old)-{re.escape(edition)}-\d+")
    final = out_dir(edition)
    build = project_root() / "_build"
    for stale in sorted(build.glob(".*")) if build.exists() else []:
        if not pattern.fullmatch(stale.name):
            continue
        if stale.name.startswith(".old-") and not final.exists():
            os.rename(stale, final)  # killed between the two renames of the fallback publish
        else:
            shutil.rmtree(stale, ignore_errors=True)
