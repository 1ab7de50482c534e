"""Executing the page notebooks with papermill, one fresh kernel per notebook.

Notebooks run in parallel (one at a time per core).  Their kernels are forked from a zygote
that has done the imports every page needs (kernels.py, zygote.py); ``DAISEN_KERNELS=plain``
starts ordinary kernels instead.  Each run gets the edition's parameters injected by
papermill, records which data files it read (the kernel appends them to the file named by
``DAISEN_DATA_LOG``), and is normalised so that the same inputs give the same bytes (no
timings, no volatile ids, the injected cell hidden).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from daisen_taiko import project_root
from daisen_taiko.common.errors import DaisenError
from daisen_taiko.engine.layout import logs_dir, rel
from daisen_taiko.inputs.params import EXECUTION_TIMEOUT, Edition
from daisen_taiko.inputs.toc import title

DATA_LOG = "DAISEN_DATA_LOG"


class ExecutionError(DaisenError):
    """One or more notebooks failed; the message (Japanese) names each and its cell."""


@dataclass(frozen=True)
class Task:
    edition: dict
    notebook: str  # source path
    target: str  # executed copy
    deps_log: str  # where the kernel records the data files it read
    kernel_log: str
    timeout: int = EXECUTION_TIMEOUT  # seconds one cell may run (the edition's execution_timeout)


@dataclass(frozen=True)
class Outcome:
    notebook: str
    seconds: float
    deps: tuple[str, ...] = ()
    error: str | None = None


def kernel_env() -> dict[str, str]:
    """The environment of the kernels: project root, deterministic hashing, headless plotting,
    single-threaded BLAS (safe to fork)."""
    return {"DAISEN_ROOT": str(project_root()), "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1"}


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


def too_long(task: Task, cell) -> str:
    """The failure of a cell stopped after ``task.timeout`` seconds: which cell (its number as
    the kept notebook shows it, and its first line) and what to do."""
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    number = cell.get("execution_count")
    return (
        (f"（セル {number}）" if number else "")
        + f"\n    セル「{first}」の実行が {task.timeout} 秒を超えても終わらないため、止めました。"
        + "\n    終わらない繰り返し（while など）や待ち続ける処理がないか確認してください。"
        + f"時間がかかるのが正しい処理なら、parameters/{task.edition['edition']}.yaml の"
        + f" execution_timeout（秒、省略時 {EXECUTION_TIMEOUT}）を大きくしてください。"
    )


def run(task: Task, zygote=None) -> Outcome:
    """Execute one notebook.  Never raises: errors are returned.  A cell still running after
    ``task.timeout`` seconds is interrupted and its kernel shut down (papermill's
    ``execution_timeout``; the kernel manager kills the kernel's process group if it does not
    stop)."""
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError

    t0 = time.monotonic()
    Path(task.deps_log).parent.mkdir(parents=True, exist_ok=True)
    Path(task.deps_log).write_text("", encoding="utf-8")
    Path(task.target).parent.mkdir(parents=True, exist_ok=True)
    km = None
    if zygote is not None:
        from daisen_taiko.engine.kernels import manager

        km = manager(zygote, {DATA_LOG: task.deps_log}, Path(task.notebook).parent, Path(task.kernel_log))
    seen = {}  # the notebook as it runs and the cell sent to the kernel last (on a timeout, the stuck one)
    try:
        pm.execute_notebook(
            task.notebook,
            task.target,
            parameters={"edition_params": task.edition},
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=task.timeout,
            on_notebook_start=lambda notebook, **_: seen.update(notebook=notebook),
            on_cell_execute=lambda cell, **_: seen.update(cell=cell),
            **({"km": km} if km else {}),
        )
        normalize(Path(task.target))
    except CellTimeoutError:
        import nbformat

        nbformat.write(seen["notebook"], task.target)  # kept for inspection, as a failing page is
        return Outcome(task.notebook, time.monotonic() - t0, error=too_long(task, seen["cell"]))
    except Exception as exc:  # papermill raises PapermillExecutionError with the failing cell
        cell = getattr(exc, "exec_count", None)
        detail = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', exc)}"
        return Outcome(
            task.notebook, time.monotonic() - t0, error=(f"（セル {cell}）" if cell else "") + f"\n    {detail}"
        )
    finally:
        if km is not None:
            from jupyter_core.utils import run_sync

            run_sync(km.shutdown_kernel)(now=True)
    deps = tuple(sorted(set(Path(task.deps_log).read_text(encoding="utf-8").split())))
    return Outcome(task.notebook, time.monotonic() - t0, deps)


def tasks(ed: Edition, notebooks: list[Path], target_dir: Path) -> list[Task]:
    root = project_root()
    logs = logs_dir(ed.edition)
    logs.mkdir(parents=True, exist_ok=True)
    return [
        Task(
            ed.page_params(),
            str(nb),
            str(target_dir / nb.relative_to(root)),
            str(logs / "deps" / f"{nb.stem}.txt"),
            str(logs / "kernels.log"),
            ed.execution_timeout or EXECUTION_TIMEOUT,
        )
        for nb in notebooks
    ]


def start_zygote():
    """The zygote the kernels of this build fork from (started early: its imports overlap the
    work before execution), or None with ``DAISEN_KERNELS=plain``."""
    from daisen_taiko.engine.kernels import Zygote

    os.environ.update(kernel_env())
    return None if os.environ.get("DAISEN_KERNELS") == "plain" else Zygote(dict(os.environ))


@contextmanager
def quiet_kernels(log: Path):
    """The kernels' chatter (warnings, shutdown messages) sent to ``log``."""
    saved = os.dup(2)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def run_all(todo: list[Task], say, zygote=None, workers: int | None = None) -> list[Outcome]:
    """Run ``todo`` in parallel, reporting each as it finishes; raise ExecutionError listing
    every failure (the others still complete).  Kernels fork from ``zygote`` (one is started
    and closed here when none is given)."""
    if not todo:
        return []
    own = zygote is None
    zygote = start_zygote() if own else zygote
    workers = max(1, min(len(todo), workers or os.cpu_count() or 1))
    outcomes, failures = [], []
    try:
        with quiet_kernels(Path(todo[0].kernel_log)), ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(run, t, zygote) for t in todo]
            for done, fut in enumerate(as_completed(futures), 1):
                out = fut.result()
                (failures if out.error else outcomes).append(out)
                result = "失敗" if out.error else f"{out.seconds:.1f}秒"
                say(f"    ({done}/{len(todo)}) {title(Path(out.notebook))} … {result}")
    finally:
        if own and zygote is not None:
            zygote.close()
    if failures:
        raise ExecutionError(
            "\n".join(
                f"「{title(Path(f.notebook))}」（{rel(Path(f.notebook))}）の実行に失敗しました{f.error}"
                for f in failures
            )
        )
    return outcomes
