"""``make verify``: is the published edition exactly what its inputs produce, anywhere?

The project's inputs (parameters, data, book, configuration) and the package code that is
running (the code the published edition's manifest and caches were keyed on) are copied to a
temporary folder under another path, and the edition is built there from scratch with
another time zone, locale, umask and hash seed.  Every file of the two ``_build/<edition>`` trees is
compared byte for byte; the result is 「一致」 or the list of files that differ.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from daisen_taiko import package_dir, project_root
from daisen_taiko.engine.layout import out_dir, rel
from daisen_taiko.inputs.params import load_edition
from daisen_taiko.inputs.paths import PROJECT_INPUTS

LEFTOVERS = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
OTHER_PLACE = {"TZ": "Pacific/Chatham", "LC_ALL": "C", "LANG": "C", "PYTHONHASHSEED": "1"}


def copy_inputs(root: Path, dst: Path, names=PROJECT_INPUTS) -> Path:
    """The project's ``names`` copied from ``root`` to ``dst``, without caches and build leftovers."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in names:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dst / name, ignore=LEFTOVERS)
        elif src.exists():
            shutil.copy2(src, dst / name)
    return dst


def copy_for_rebuild(root: Path, dst: Path) -> Path:
    """The inputs of ``root`` and the package code that is running, copied to ``dst`` (its
    ``src/`` is what the rebuild imports)."""
    copy_inputs(root, dst, PROJECT_INPUTS)
    shutil.copytree(package_dir(), dst / "src" / package_dir().name, ignore=LEFTOVERS)
    return dst


def differing(a: Path, b: Path) -> list[str]:
    files_a = {str(p.relative_to(a)) for p in a.rglob("*") if p.is_file()}
    files_b = {str(p.relative_to(b)) for p in b.rglob("*") if p.is_file()}
    out = [
        f"{name}（{'検証用のビルドにだけある' if name in files_b else '公開済みの本にだけある'}）"
        for name in sorted(files_a ^ files_b)
    ]
    out += [name for name in sorted(files_a & files_b) if (a / name).read_bytes() != (b / name).read_bytes()]
    return out


def verify(edition: str | None = None) -> int:
    ed = load_edition(edition)
    published = out_dir(ed.edition)
    if not published.exists():
        print(f"公開済みの本 {rel(published)} がありません。先に make book EDITION={ed.edition} を実行してください。")
        return 2
    root = project_root()
    with tempfile.TemporaryDirectory(prefix="daisen-verify-") as tmp:
        other = Path(tmp) / "別の場所" / "project"
        copy_for_rebuild(root, other)
        print(
            f"検証: 版「{ed.edition}」を別の場所（{other}）で、別の時間帯・ロケール・umask・ハッシュ値の種で作り直しています…",
            flush=True,
        )
        env = {k: v for k, v in os.environ.items() if k not in ("DAISEN_CACHE_DIR", "SOURCE_DATE_EPOCH", "LC_ALL")}
        env.update(OTHER_PLACE, DAISEN_ROOT=str(other), PYTHONPATH=str(other / "src"))
        proc = subprocess.run(
            [sys.executable, "-m", "daisen_taiko", "build", "--edition", ed.edition],
            cwd=other,
            env=env,
            capture_output=True,
            text=True,
            preexec_fn=lambda: os.umask(0o077),
        )
        if proc.returncode != 0:
            print(proc.stdout[-3000:] + proc.stderr[-2000:])
            print("検証用のビルドに失敗しました。")
            return 2
        diff = differing(published, other / "_build" / ed.edition)
    if not diff:
        print(
            f"一致: {rel(published)} は、入力から別の場所で作り直した本とすべてのファイルがバイト単位で一致しました。"
        )
        return 0
    print(f"不一致: 公開済みの本と、現在の入力から作り直した本で {len(diff)}件のファイルが異なります。")
    print("\n".join(f"  ・{name}" for name in diff))
    print(
        "公開済みの本が現在の入力から作られていないか、ビルドが環境に左右されています。make book で作り直してから再度確認してください。"
    )
    return 1
