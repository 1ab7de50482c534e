"""Running Sphinx (through Jupyter Book 1.x's configuration) on a staged document.

Each builder runs in its own process, so the HTML and LaTeX builds of a document run at
the same time.  Builds are strict: any warning fails the build (``-W --keep-going``), and
the warnings are shown to the planner with the page they come from.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import pickle
import re
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from daisen_taiko.common.errors import DaisenError
from daisen_taiko.engine.layout import rel


class SphinxError(DaisenError):
    """A Sphinx build failed or warned; the message (Japanese) lists the warnings."""


@dataclass(frozen=True)
class Job:
    stage: str  # staged sources with their _config.yml and _toc.yml
    builder: str  # html | latex
    what: str  # 「大綱の HTML」 …
    log: str


def overrides(stage: Path) -> dict:
    return {"external_toc_path": (stage / "_toc.yml").as_posix(), "latex_individualpages": False}


def _build(job: Job) -> tuple[int, str]:
    """Worker: one Sphinx build; returns (status, warnings text)."""
    from jupyter_book.sphinx import build_sphinx

    stage = Path(job.stage)
    out = stage / "_build" / job.builder
    buf = io.StringIO()
    with open(job.log, "w", encoding="utf-8") as log, redirect_stdout(log), redirect_stderr(buf):
        status = build_sphinx(
            stage,
            out,
            noconfig=True,
            path_config=str(stage / "_config.yml"),
            confoverrides=overrides(stage),
            doctreedir=stage / "_build" / f".doctrees-{job.builder}",
            builder=job.builder,
            freshenv=False,  # the mirror keeps unchanged pages' files untouched
            warningiserror=True,
            keep_going=True,
            quiet=True,
        )
        log.write(buf.getvalue())
    return (status if isinstance(status, int) else 1), buf.getvalue()


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(r"^(?P<path>/[^:]+?)(?::(?P<line>\d+))?: (?P<kind>WARNING|ERROR|CRITICAL): (?P<msg>.*)$")


def explain(warnings: str, stage: Path) -> list[str]:
    """Warnings as ``・ページ book/ch1_1_purpose（行 12）: message`` lines."""
    out = []
    for line in _ANSI.sub("", warnings).splitlines():
        m = _WARNING.match(line.strip())
        if m:
            page = m["path"].replace(str(stage) + "/", "")
            where = f"（{m['line']}行目付近）" if m["line"] else ""
            out.append(f"・{page}{where}: {m['msg']}")
        elif line.strip() and not line.startswith(" "):
            out.append("・" + line.strip())
    return out


def run(jobs: list[Job], say) -> None:
    """Run the builds at once; raise SphinxError listing every failed build's warnings."""
    ctx = multiprocessing.get_context("fork")
    problems = []
    # The builders are forked from this process.  Its garbage (the notebook stage's kernel clients
    # with their zmq contexts) is finalised here first, and what remains is frozen for the
    # builders' collector: a context finalised in a forked builder cannot be destroyed there,
    # and traitlets' warning about it landed in the build log and failed the build.
    gc.collect()
    gc.freeze()
    try:
        pool = ctx.Pool(len(jobs))
    finally:
        gc.unfreeze()
    with pool:
        for job, (status, warnings) in zip(jobs, pool.map(_build, jobs)):
            if status != 0 or warnings.strip():
                lines = explain(warnings, Path(job.stage)) or ["（警告の内容はログを参照してください）"]
                problems.append(
                    f"{job.what}の生成で問題が {len(lines)}件ありました（警告もエラーとして扱います）。"
                    f"ログ: {rel(Path(job.log))}\n" + "\n".join(lines[:30])
                )
            else:
                say(f"    {job.what} … 完了")
    if problems:
        raise SphinxError("\n".join(problems))


def figure_numbers(stage: Path, builder: str = "html") -> dict[str, str]:
    """Sphinx's own numbering of the document's figures and tables: label → 「図3」/「表1」."""
    env_file = stage / "_build" / f".doctrees-{builder}" / "environment.pickle"
    with open(env_file, "rb") as fh:
        env = pickle.load(fh)
    names = {"figure": "図", "table": "表"}
    numbers = {}
    for label, (docname, node_id, _title) in env.domaindata["std"]["labels"].items():
        for kind, prefix in names.items():
            num = env.toc_fignumbers.get(docname, {}).get(kind, {}).get(node_id)
            if num:
                numbers[label] = prefix + ".".join(str(n) for n in num)
    return numbers


def preload(stage: Path) -> None:
    """Load Sphinx with the extensions of ``stage`` once in the parent, so forked builders start
    fast: each builder's application is created once, with its outputs in a scratch folder and
    docutils' registries restored afterwards; only the imports and caches it leaves remain.
    A failure here only costs time: the builders themselves report what is wrong."""
    try:
        _load(stage)
    except Exception:  # noqa: BLE001  (the real build meets and explains the same problem)
        pass
    sys.stdout.flush()


def _load(stage: Path) -> None:
    import tempfile

    from jupyter_book.config import get_final_config
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    config, _ = get_final_config(user_yaml=stage / "_config.yml", cli_config=overrides(stage), sourcedir=stage)
    with tempfile.TemporaryDirectory(prefix="daisen-sphinx-") as scratch:
        for builder in ("html", "latex"):
            with patch_docutils(None), docutils_namespace():
                Sphinx(
                    srcdir=stage,
                    confdir=None,
                    outdir=Path(scratch) / builder,
                    doctreedir=Path(scratch) / f".doctrees-{builder}",
                    buildername=builder,
                    confoverrides=config,
                    status=None,
                    warning=None,
                    freshenv=True,
                )
