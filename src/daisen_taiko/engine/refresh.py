"""Re-executing the notebooks of ``book/`` in place: the executed references nbval compares.

Every notebook runs into a temporary folder first; ``book/`` is replaced only when all
succeeded, so a failing refresh leaves the committed references as they were.
"""

from __future__ import annotations

import os
import shutil

from daisen_taiko import project_root
from daisen_taiko.documents import declared, notebooks
from daisen_taiko.engine.execute import run_all, tasks
from daisen_taiko.engine.layout import work_dir
from daisen_taiko.engine.progress import say
from daisen_taiko.inputs.data import validate_all
from daisen_taiko.inputs.params import load_edition


def refresh(edition: str | None = None) -> None:
    ed = load_edition(edition)
    ed.use_data()
    validate_all()
    root = project_root()
    tmp = work_dir(ed.edition) / "refresh"
    if tmp.exists():
        shutil.rmtree(tmp)
    nbs = notebooks(declared())
    say(f"book/ のノートブック {len(nbs)}件を版「{ed.edition}」のパラメータで実行し直します…")
    run_all(tasks(ed, nbs, tmp), say)
    for nb in nbs:
        os.replace(tmp / nb.relative_to(root), nb)
    say("完了: 実行結果（nbval の基準）を更新しました。差分を確認してからコミットしてください。")
