"""The build driver: parameters → validation → papermill → Jupyter Book → atomic publish.

``python -m daisen_taiko build [--edition ID]`` (what ``make book`` runs).
Nothing under ``_build/<edition>`` changes unless every step succeeded: work
happens in ``.work/<edition>/`` and the finished tree is swapped in with one
atomic rename.  A lock file keeps two builds of one edition apart.
"""

from __future__ import annotations

import argparse
import ctypes
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import yaml

from . import project_root
from .errors import InputError
from .manifest import code_files, digest, hash_files, input_files, sha256, versions, write_manifest
from .params import Edition, load_edition

EPOCH = "1764547200"  # 2025-12-01T00:00:00Z; fixed so rebuilds are byte-identical


class BuildError(Exception):
    """A build step failed; the message is Japanese and says what to look at."""


def say(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------- layout
def work_dir(edition: str) -> Path:
    return project_root() / ".work" / edition


def out_dir(edition: str) -> Path:
    return project_root() / "_build" / edition


def toc_files() -> list[str]:
    """Every document of ``_toc.yml`` in reading order (without suffix)."""
    toc = yaml.safe_load((project_root() / "_toc.yml").read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    files.append(node[key])
            for key in ("parts", "chapters", "sections"):
                walk(node.get(key))

    walk(toc)
    return files


def notebooks() -> list[Path]:
    root = project_root()
    return [root / f"{f}.ipynb" for f in toc_files() if (root / f"{f}.ipynb").exists()]


def chapter_title(nb: Path) -> str:
    import nbformat

    book = nbformat.read(nb, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return nb.stem


# --------------------------------------------------------------------------- steps
@contextmanager
def edition_lock(edition: str):
    wd = work_dir(edition)
    wd.parent.mkdir(parents=True, exist_ok=True)
    fh = open(wd.parent / f"{edition}.lock", "w")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"別の「{edition}」のビルドが実行中です。終わるのを待っています…")
            fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def kernel_env() -> dict:
    env = dict(os.environ)
    env["DAISEN_ROOT"] = str(project_root())
    env["SOURCE_DATE_EPOCH"] = EPOCH
    env["FORCE_SOURCE_DATE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env.setdefault("MPLBACKEND", "Agg")
    return env


def export_run_env() -> None:
    """Project root and fixed date for kernels started from this process."""
    os.environ.update({k: v for k, v in kernel_env().items() if k in ("DAISEN_ROOT", "SOURCE_DATE_EPOCH")})


def write_config(ed: Edition, stage: Path) -> None:
    root = project_root()
    cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    title = f"{ed.full_title}（{ed.plan_period_label}）"
    cfg["title"] = title + (f"【{ed.status}】" if ed.is_draft else "")
    cfg["author"] = ed.municipality
    sphinx_cfg = cfg.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_cfg["today"] = ed.issued_label
    sphinx_cfg["html_title"] = cfg["title"]
    latex = cfg.setdefault("latex", {})
    latex.setdefault("latex_documents", {})["title"] = cfg["title"]
    elements = sphinx_cfg.setdefault("latex_elements", {})
    if ed.is_draft:
        # a visible status mark (草案 …) in the top margin of every page while the edition is not
        # final; kept out of the text area so copied or extracted body text stays clean
        elements["preamble"] = elements.get("preamble", "") + (
            "\\usepackage{eso-pic}\n"
            "\\AddToShipoutPictureFG{\\AtPageUpperLeft{\\put(\\LenToUnit{18mm},\\LenToUnit{-12mm})"
            f"{{\\fcolorbox{{red}}{{white}}{{\\textcolor{{red}}{{\\large\\textbf{{{ed.status}}}}}}}}}}}}}\n")
    (stage / "_config.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")


def stage_sources(stage: Path) -> None:
    root = project_root()
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    shutil.copy2(root / "_toc.yml", stage / "_toc.yml")
    shutil.copytree(root / "book", stage / "book", ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))


def execute(ed: Edition, nb: Path, target: Path, deps_log: Path | None = None) -> None:
    """Run one notebook with papermill into ``target``; the data files it reads are
    appended to ``deps_log`` (the kernel inherits DAISEN_DATA_LOG)."""
    import papermill as pm

    target.parent.mkdir(parents=True, exist_ok=True)
    if deps_log is not None:
        deps_log.parent.mkdir(parents=True, exist_ok=True)
        deps_log.write_text("", encoding="utf-8")
        os.environ["DAISEN_DATA_LOG"] = str(deps_log)
    else:
        os.environ.pop("DAISEN_DATA_LOG", None)
    pm.execute_notebook(
        str(nb), str(target), parameters={"edition_params": ed.as_dict()}, kernel_name="python3",
        cwd=str(nb.parent), progress_bar=False, log_output=False, request_save_on_cell_execute=True,
    )
    normalize(target)


@contextmanager
def kernel_noise_to_log(edition: str):
    """Kernel chatter (TCP warnings, shutdown messages) goes to a log, not the planner's screen."""
    log = work_dir(edition) / "logs" / "kernels.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    saved = os.dup(2)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _execute_task(args) -> tuple[str, float, str | None]:
    """Worker-process entry: execute one notebook, return (name, seconds, error)."""
    ed_dict, nb, target, deps_log = args
    export_run_env()
    t0 = time.monotonic()
    try:
        with kernel_noise_to_log(ed_dict["edition"]):
            execute(Edition(**ed_dict), Path(nb), Path(target), Path(deps_log))
        return nb, time.monotonic() - t0, None
    except Exception as exc:  # papermill raises PapermillExecutionError with the cell
        cell = getattr(exc, "exec_count", None)
        detail = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', exc)}"
        return nb, time.monotonic() - t0, (f"（セル {cell}）" if cell else "") + f"\n    {detail}"


def normalize(path: Path) -> None:
    """Make an executed notebook stable: hide the injected cell, drop timings and
    volatile ids, so that reruns from the same inputs give the same bytes."""
    import nbformat

    book = nbformat.read(path, as_version=4)
    book.metadata.pop("papermill", None)
    book.metadata.get("widgets", None)
    for i, cell in enumerate(book.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
    nbformat.write(book, path)


def run_logged(cmd: list[str], log: Path, env: dict, what: str) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=project_root())
        last = t0
        while proc.poll() is None:
            time.sleep(0.5)
            if time.monotonic() - last >= 15:
                last = time.monotonic()
                say(f"    …{what}を実行中（{last - t0:.0f}秒経過）")
    if proc.returncode != 0:
        tail = "".join(log.read_text(encoding="utf-8", errors="replace").splitlines(True)[-25:])
        raise BuildError(f"{what}に失敗しました（終了コード {proc.returncode}）。ログ: {log.relative_to(project_root())}\n"
                         f"--- ログの末尾 ---\n{tail}")


def jupyter_book(stage: Path, builder: str, log: Path, what: str) -> None:
    exe = Path(sys.executable).with_name("jupyter-book")
    run_logged([str(exe), "build", str(stage), "--builder", builder, "--all", "--quiet"],
               log, kernel_env(), what)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    return fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def publish(new: Path, final: Path) -> None:
    """Put ``new`` in place of ``final`` in one atomic step; the old tree is removed after."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.exists():
        if not _exchange(new, final):
            old = final.with_name(f".old-{final.name}-{os.getpid()}")
            os.rename(final, old)
            os.rename(new, final)
            new = old
        shutil.rmtree(new)
    else:
        os.rename(new, final)


def pdf_name(ed: Edition) -> str:
    return f"daisen-dx-taiko-{ed.edition}.pdf"


def remove_leftovers(edition: str) -> None:
    """Half-copied trees of a build that was killed (only ever beside, never in, the published one)."""
    import re

    pattern = re.compile(rf"\.(new|old)-{re.escape(edition)}-\d+")
    final = out_dir(edition)
    for stale in sorted((project_root() / "_build").glob(".*")):
        if not pattern.fullmatch(stale.name):
            continue
        if stale.name.startswith(".old-") and not final.exists():
            os.rename(stale, final)     # killed between the two renames of the fallback publish
        else:
            shutil.rmtree(stale, ignore_errors=True)


def up_to_date(edition: str, final: Path) -> bool:
    """True when the published tree was built from exactly the current inputs and tools."""
    try:
        old = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if old.get("inputs") != hash_files(input_files(edition)) or old.get("versions") != versions():
        return False
    return all((final / name).exists() and sha256(final / name) == h for name, h in old.get("outputs", {}).items())


def cache_dir() -> Path:
    return project_root() / ".work" / "cache"


def cache_key(ed: Edition, nb: Path, deps: list[str]) -> str:
    """Everything a notebook's output depends on: its source, the parameters, the data
    files it read, the package code and the locked versions."""
    from .data import data_dir

    items = {"notebook": sha256(nb), "params": json.dumps(ed.as_dict(), sort_keys=True, ensure_ascii=False)}
    items.update({f"code:{k}": v for k, v in hash_files(code_files()).items()})
    for name in deps:
        path = data_dir() / name
        items[f"data:{name}"] = sha256(path) if path.exists() else "missing"
    return digest(items)


def _deps_record(nb: Path) -> Path:
    return cache_dir() / "deps" / f"{nb.stem}.json"


def cached_output(ed: Edition, nb: Path) -> Path | None:
    record = _deps_record(nb)
    if not record.exists():
        return None
    deps = json.loads(record.read_text(encoding="utf-8"))
    hit = cache_dir() / f"{cache_key(ed, nb, deps)}.ipynb"
    return hit if hit.exists() else None


def record_deps(nb: Path, deps_log: Path) -> list[str]:
    """Remember which data files the notebook read in its latest run."""
    deps = sorted(set(deps_log.read_text(encoding="utf-8").split()))
    record = _deps_record(nb)
    record.parent.mkdir(parents=True, exist_ok=True)
    part = record.with_suffix(f".{os.getpid()}.part")
    part.write_text(json.dumps(deps) + "\n", encoding="utf-8")
    os.replace(part, record)
    return deps


def store_in_cache(ed: Edition, nb: Path, executed: Path, deps_log: Path) -> None:
    deps = record_deps(nb, deps_log)
    dst = cache_dir() / f"{cache_key(ed, nb, deps)}.ipynb"
    tmp = dst.with_suffix(f".{os.getpid()}.part")
    shutil.copy2(executed, tmp)
    os.replace(tmp, dst)


# Pages made from the other pages' results (every glued number, every claim): executed
# after them, never cached (they depend on all notebooks and all data).
LAST = {"changes"}


def execute_last(ed: Edition, stage: Path) -> list[str]:
    root = project_root()
    ran = []
    os.environ["DAISEN_EXECUTED_DIR"] = str(stage / "book")
    try:
        for nb in notebooks():
            if nb.stem in LAST:
                deps_log = work_dir(ed.edition) / "deps" / f"{nb.stem}.txt"
                _, secs, err = _execute_task((ed.as_dict(), str(nb), str(stage / nb.relative_to(root)), str(deps_log)))
                if err:
                    raise BuildError(f"「{chapter_title(nb)}」（{nb.relative_to(root)}）の実行に失敗しました{err}")
                record_deps(nb, deps_log)
                say(f"    （集計）{chapter_title(nb)} … {secs:.1f}秒")
                ran.append(str(nb.relative_to(root)))
    finally:
        os.environ.pop("DAISEN_EXECUTED_DIR", None)
    return ran


def report_claims(stage: Path) -> list[dict]:
    """Print the statements that the data do not support (drafts build on, marked)."""
    from .editions import snapshot

    snap = snapshot(stage / "book")
    bad = [c for c in snap["claims"] if c["status"] != "一致"]
    for c in bad:
        say(f"    【{c['status']}】{c['sentence']}（{c['notebook']}）: {c['evidence']}")
    return bad


def execute_all(ed: Edition, stage: Path, steps: int, use_cache: bool = True) -> list[str]:
    """Execute the book's notebooks into ``stage``: unchanged ones come from the cache,
    the others run in parallel (one worker per core).  Returns the executed ones."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    import multiprocessing

    root = project_root()
    nbs = [nb for nb in notebooks() if nb.stem not in LAST]
    todo = []
    for nb in nbs:
        target = stage / nb.relative_to(root)
        hit = cached_output(ed, nb) if use_cache else None
        if hit is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(hit, target)
        else:
            todo.append(nb)
    workers = max(1, min(len(todo), os.cpu_count() or 1))
    say(f"[2/{steps}] ノートブックを実行しています（全{len(nbs)}件中 {len(todo)}件を実行、"
        f"{len(nbs) - len(todo)}件は前回の結果を再利用、並列 {workers}）…")
    if not todo:
        return []
    logs = work_dir(ed.edition) / "deps"
    tasks = [(ed.as_dict(), str(nb), str(stage / nb.relative_to(root)), str(logs / f"{nb.stem}.txt")) for nb in todo]
    failures = []
    done = 0
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = [pool.submit(_execute_task, t) for t in tasks]
        for fut in as_completed(futures):
            nb_s, secs, err = fut.result()
            nb = Path(nb_s)
            done += 1
            if err:
                failures.append((nb, err))
                say(f"    ({done}/{len(todo)}) {chapter_title(nb)} … 失敗")
                continue
            if use_cache:
                store_in_cache(ed, nb, stage / nb.relative_to(root), logs / f"{nb.stem}.txt")
            say(f"    ({done}/{len(todo)}) {chapter_title(nb)} … {secs:.1f}秒")
    if failures:
        lines = []
        for nb, err in failures:
            rel_nb = nb.relative_to(root)
            lines.append(f"「{chapter_title(nb)}」（{rel_nb}）の実行に失敗しました{err}\n"
                         f"    実行途中のノートブックを確認できます: {(stage / rel_nb).relative_to(root)}")
        raise BuildError("\n".join(lines) + "\n    公開済みの本（_build/）は変更していません。")
    return sorted(str(nb.relative_to(root)) for nb in todo)


def build(edition: str | None = None) -> Path:
    t_start = time.monotonic()
    steps = 5
    say(f"[1/{steps}] パラメータとデータを検証しています…")
    ed = load_edition(edition)
    ed.use_data()
    from .data import validate_all

    names = validate_all()
    say(f"    版「{ed.edition}」（{ed.full_title} {ed.status} {ed.issued_label}）、データ {len(names)} ファイル: OK")

    with edition_lock(ed.edition):
        wd = work_dir(ed.edition)
        final = out_dir(ed.edition)
        remove_leftovers(ed.edition)
        if up_to_date(ed.edition, final):
            (wd / "executions.json").write_text("[]\n", encoding="utf-8")
            say("    入力に変更がないため、前回の成果物をそのまま使います（ノートブックの実行 0件）。")
            say(f"完了（{time.monotonic() - t_start:.1f}秒）: {final.relative_to(project_root())} は最新です")
            return final
        stage = wd / "stage"
        stage_sources(stage)
        write_config(ed, stage)
        executed = execute_all(ed, stage, steps)
        bad = report_claims(stage)
        if bad:
            say(f"    データと一致しない／検証できない記述が {len(bad)}件あります（草案のため本文に印を付けて続行します）。")
        executed += execute_last(ed, stage)
        from .downloads import add_downloads

        add_downloads(stage / "book")
        (wd / "executions.json").write_text(json.dumps(executed, ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")

        say(f"[3/{steps}] HTML を生成しています（Jupyter Book）…")
        jupyter_book(stage, "html", wd / "logs" / "html.log", "HTML の生成")
        say(f"[4/{steps}] PDF を生成しています（upLaTeX）…")
        jupyter_book(stage, "pdflatex", wd / "logs" / "pdf.log", "PDF の生成")

        say(f"[5/{steps}] 公開しています…")
        new = project_root() / "_build" / f".new-{ed.edition}-{os.getpid()}"
        if new.exists():
            shutil.rmtree(new)
        new.mkdir(parents=True)
        shutil.copytree(stage / "_build" / "html", new / "html")
        (new / "pdf").mkdir()
        shutil.copy2(stage / "_build" / "latex" / "book.pdf", new / "pdf" / pdf_name(ed))
        from .editions import snapshot

        (new / "snapshot.json").write_text(json.dumps(snapshot(stage / "book"), ensure_ascii=False, indent=1,
                                                      sort_keys=True) + "\n", encoding="utf-8")
        write_manifest(ed.edition, new)
        publish(new, final)
    rel_out = final.relative_to(project_root())
    say(f"完了（{time.monotonic() - t_start:.0f}秒）: {rel_out}/html/index.html と {rel_out}/pdf/{pdf_name(ed)}")
    return final


def refresh(edition: str | None = None) -> None:
    """Re-execute every notebook in place (the committed nbval references)."""
    ed = load_edition(edition)
    ed.use_data()
    from .data import validate_all

    validate_all()
    export_run_env()
    nbs = sorted(notebooks(), key=lambda nb: nb.stem in LAST)
    for i, nb in enumerate(nbs, 1):
        t0 = time.monotonic()
        tmp = nb.with_suffix(".tmp.ipynb")
        try:
            with kernel_noise_to_log(ed.edition):
                execute(ed, nb, tmp)
            os.replace(tmp, nb)
        finally:
            tmp.unlink(missing_ok=True)
        say(f"    ({i}/{len(nbs)}) {nb.relative_to(project_root())} … {time.monotonic() - t0:.1f}秒")


def figcheck(edition: str | None = None) -> int:
    """Execute every notebook afresh and compare its figures with the committed ones."""
    from .figcheck import compare_notebooks

    ed = load_edition(edition)
    ed.use_data()
    stage = work_dir(ed.edition) / "figcheck"
    if stage.exists():
        shutil.rmtree(stage)
    execute_all(ed, stage, 2, use_cache=False)
    problems = []
    for nb in notebooks():
        if nb.stem not in LAST:          # pages made from other pages draw no figures
            problems += compare_notebooks(nb, stage / nb.relative_to(project_root()))
    for p in problems:
        say("図の不一致: " + p)
    say(f"図の再現確認: {'不一致 ' + str(len(problems)) + '件' if problems else 'すべて一致'}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m daisen_taiko", description="大仙市 DX推進大綱ブックのビルド")
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in ("build", "refresh", "check", "figcheck"):
        p = sub.add_parser(name)
        p.add_argument("--edition", default=os.environ.get("EDITION") or None)
    p = sub.add_parser("edition", help="新しい版のパラメータファイルを作り、確認事項を表示する")
    p.add_argument("--from", dest="src", required=True)
    p.add_argument("--to", dest="dst", required=True)
    args = parser.parse_args(argv)
    try:
        if args.cmd == "edition":
            from .editions import scaffold

            try:
                say("\n".join(scaffold(args.src, args.dst)))
            except FileExistsError as exc:
                say(f"エラー: {exc}")
                return 2
        elif args.cmd == "build":
            build(args.edition)
        elif args.cmd == "figcheck":
            return figcheck(args.edition)
        elif args.cmd == "refresh":
            refresh(args.edition)
        else:
            from .data import validate_all

            ed = load_edition(args.edition)
            ed.use_data()
            validate_all()
            say(f"版「{ed.edition}」のパラメータとデータに問題はありません。")
    except InputError as exc:
        say("エラー: " + exc.render())
        say("ビルドを中止しました。公開済みの本（_build/）は変更していません。")
        return 2
    except BuildError as exc:
        say("エラー: " + str(exc))
        return 1
    return 0
