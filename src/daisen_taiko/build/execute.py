"""Executing the page notebooks with papermill, one fresh kernel per notebook.

Notebooks run in parallel worker processes (one per core).  Each run gets the edition's
parameters injected by papermill, records which data files it read (the kernel appends
them to the file named by ``DAISEN_DATA_LOG``), and is normalised so that the same inputs
give the same bytes (no timings, no volatile ids, the injected cell hidden).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .. import project_root
from ..params import Edition
from .layout import logs_dir, rel
from .toc import title

EPOCH = "1764547200"   # 2025-12-01T00:00:00Z: fixed, so rebuilds are byte-identical
DATA_LOG = "DAISEN_DATA_LOG"


class ExecutionError(Exception):
    """One or more notebooks failed; the message (Japanese) names each and its cell."""


@dataclass(frozen=True)
class Task:
    edition: dict
    notebook: str       # source path
    target: str         # executed copy
    deps_log: str       # where the kernel records the data files it read
    kernel_log: str


@dataclass(frozen=True)
class Outcome:
    notebook: str
    seconds: float
    deps: tuple[str, ...] = ()
    error: str | None = None


def kernel_env(deps_log: str | None = None) -> dict[str, str]:
    """The environment of a kernel: project root, fixed dates, deterministic hashing."""
    env = {"DAISEN_ROOT": str(project_root()), "SOURCE_DATE_EPOCH": EPOCH, "FORCE_SOURCE_DATE": "1",
           "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1"}
    if deps_log:
        env[DATA_LOG] = deps_log
    return env


def normalize(path: Path) -> None:
    """Drop timings and volatile ids of an executed notebook; hide the injected cell."""
    import nbformat

    book = nbformat.read(path, as_version=4)
    book.metadata.pop("papermill", None)
    for cell in book.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
            if "remove-cell" not in tags:
                cell.metadata["tags"] = [*tags, "remove-cell"]
    nbformat.write(book, path)


def run(task: Task) -> Outcome:
    """Execute one notebook (in a worker process).  Never raises: errors are returned."""
    import papermill as pm

    t0 = time.monotonic()
    Path(task.deps_log).parent.mkdir(parents=True, exist_ok=True)
    Path(task.deps_log).write_text("", encoding="utf-8")
    Path(task.target).parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(kernel_env(task.deps_log))
    saved = os.dup(2)                      # kernel chatter goes to a log, not the planner's screen
    fd = os.open(task.kernel_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)
    try:
        pm.execute_notebook(task.notebook, task.target, parameters={"edition_params": task.edition},
                            kernel_name="python3", cwd=str(Path(task.notebook).parent), progress_bar=False,
                            log_output=False, request_save_on_cell_execute=False)
        normalize(Path(task.target))
    except Exception as exc:  # papermill raises PapermillExecutionError with the failing cell
        cell = getattr(exc, "exec_count", None)
        detail = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', exc)}"
        return Outcome(task.notebook, time.monotonic() - t0, error=(f"（セル {cell}）" if cell else "") + f"\n    {detail}")
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    deps = tuple(sorted(set(Path(task.deps_log).read_text(encoding="utf-8").split())))
    return Outcome(task.notebook, time.monotonic() - t0, deps)


def tasks(ed: Edition, notebooks: list[Path], target_dir: Path) -> list[Task]:
    root = project_root()
    logs = logs_dir(ed.edition)
    logs.mkdir(parents=True, exist_ok=True)
    return [Task(ed.as_dict(), str(nb), str(target_dir / nb.relative_to(root)), str(logs / "deps" / f"{nb.stem}.txt"),
                 str(logs / "kernels.log")) for nb in notebooks]


def run_all(todo: list[Task], say, workers: int | None = None) -> list[Outcome]:
    """Run ``todo`` in parallel, reporting each as it finishes; raise ExecutionError listing
    every failure (the others still complete)."""
    if not todo:
        return []
    import multiprocessing

    workers = max(1, min(len(todo), workers or os.cpu_count() or 1))
    outcomes, failures = [], []
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(run, t) for t in todo]
        for done, fut in enumerate(as_completed(futures), 1):
            out = fut.result()
            nb = Path(out.notebook)
            if out.error:
                failures.append(out)
                say(f"    ({done}/{len(todo)}) {title(nb)} … 失敗")
            else:
                outcomes.append(out)
                say(f"    ({done}/{len(todo)}) {title(nb)} … {out.seconds:.1f}秒")
    if failures:
        raise ExecutionError("\n".join(f"「{title(Path(f.notebook))}」（{rel(Path(f.notebook))}）の実行に失敗しました"
                                       f"{f.error}" for f in failures))
    return outcomes
