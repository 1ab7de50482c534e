"""One build of an edition, as a sequence of named stages.

    validate → stage → execute → check statements → correct → typeset 大綱
             → write 作業レポート → typeset 作業レポート → publish

Sphinx and upLaTeX build incrementally from a mirror of the staged sources (see
:mod:`daisen_taiko.engine.mirror`).

Both documents (the 大綱 the city circulates and the planners' 作業レポート) come out of
one build and are published together, in one atomic step, into ``_build/<edition>/``.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from daisen_taiko import project_root
from daisen_taiko.common import records
from daisen_taiko.engine import latex, sphinx
from daisen_taiko.engine.execute import run_all, start_zygote, tasks
from daisen_taiko.engine.layout import REPORT_PDF, TAIKO_PDF, logs_dir, out_dir, rel, work_dir
from daisen_taiko.engine.manifest import up_to_date, write_manifest
from daisen_taiko.engine.mirror import after_html, before_html, finished, mirror
from daisen_taiko.engine.publish import edition_lock, new_tree, publish, remove_leftovers, same_modes
from daisen_taiko.engine.stage import stage_report, stage_taiko
from daisen_taiko.inputs.params import Edition, load_edition
from daisen_taiko.inputs.toc import notebooks

# The data, results, cache, corrections, downloads and snapshot stages import pandas or
# nbformat: they are imported where they run, so that a rebuild with nothing to do stays light.

STEPS = 6


def say(msg: str) -> None:
    print(msg, flush=True)


def fix_environment(ed: Edition) -> None:
    """What the tools of this build read from the environment, fixed so that the outputs depend
    on the inputs only (not on the day, the time zone or the locale of the machine)."""
    import os

    os.environ.update(
        {"SOURCE_DATE_EPOCH": str(ed.source_date_epoch), "FORCE_SOURCE_DATE": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}
    )
    time.tzset()


def parameters(edition: str | None, step: str = f"[1/{STEPS}] ") -> Edition:
    say(f"{step}パラメータとデータを検証しています…")
    ed = load_edition(edition)
    ed.use_data()
    fix_environment(ed)
    return ed


def validate_data(ed: Edition) -> None:
    from daisen_taiko.inputs.data import validate_all

    names = validate_all()
    say(f"    {ed.full_title}（{ed.issued_label} {ed.status}）、データ {len(names)} 種類: 問題なし")


def validate(edition: str | None) -> Edition:
    """Parameters and every data file (``make check``: no build, so no step numbers)."""
    ed = parameters(edition, step="")
    validate_data(ed)
    return ed


def execute(ed: Edition, stage: Path, code: str, zygote=None) -> dict[str, Path]:
    """Run every page notebook into ``stage`` (unchanged ones come from the cache, keyed also on
    ``code``, the digest of the package code)."""
    from daisen_taiko.engine import cache

    root = project_root()
    nbs = notebooks()
    todo = []
    for task, nb in zip(tasks(ed, nbs, stage), nbs):
        hit = cache.lookup(ed, nb, code)
        if hit is None:
            todo.append(task)
        else:
            cache.take(hit, Path(task.target), ed)
    say(
        f"[2/{STEPS}] ノートブックを実行しています（全{len(nbs)}件のうち {len(todo)}件を実行、"
        f"{len(nbs) - len(todo)}件は前回の結果を再利用）…"
    )
    ran = []
    for out in run_all(todo, say, zygote):
        nb = Path(out.notebook)
        cache.store(ed, nb, stage / nb.relative_to(root), list(out.deps), code)
        ran.append(str(nb.relative_to(root)))
    (work_dir(ed.edition) / "executions.json").write_text(json.dumps(sorted(ran)) + "\n", encoding="utf-8")
    return {str(nb.relative_to(root).with_suffix("")): stage / nb.relative_to(root) for nb in nbs}


def check_statements(ed: Edition, executed: dict[str, Path]) -> dict:
    from daisen_taiko.engine import results

    say(f"[3/{STEPS}] 本文の記述をデータと照合しています…")
    found = records.read_results(executed)
    results.gate(found, ed.is_draft)
    counts = {s: sum(c.status == s for c in found.checks) for s in records.STATUSES}
    say(
        "    照合した記述 {n}件（一致 {一致}・不一致 {不一致}・未検証 {未検証}）。詳しくは作業レポートを参照してください。".format(
            n=len(found.checks), **counts
        )
    )
    return found


def sphinx_builds(ed: Edition, staged: Path, what: str, code: str) -> Path:
    """HTML and LaTeX of one staged document at the same time, from its mirror (only the pages
    whose sources changed since the last build are read again; everything when ``code``, the
    digest of the package code, differs from the last finished build's); returns the mirror."""
    stage = work_dir(ed.edition) / "sphinx" / staged.name
    mirror(staged, stage, code)
    before_html(stage)
    logs = logs_dir(ed.edition)
    sphinx.run(
        [
            sphinx.Job(str(stage), "html", f"{what}の Web 版", str(logs / f"{stage.name}-html.log")),
            sphinx.Job(str(stage), "latex", f"{what}の PDF 原稿", str(logs / f"{stage.name}-latex.log")),
        ],
        say,
    )
    after_html(stage)
    return stage


def pdf(stage: Path, what: str, tex: str) -> Path:
    out = latex.make_pdf(stage / "_build" / "latex", tex, f"{what}の PDF")
    finished(stage)
    say(f"    {what}の PDF … 完了")
    return out


def write_report(ed: Edition, found: records.Results, numbers: dict[str, str], stage: Path) -> None:
    from daisen_taiko.documents.report import build_pages

    say(f"[5/{STEPS}] 作業レポートを作成しています…")
    from daisen_taiko.documents.snapshot import previous_snapshot

    pages, files = build_pages(ed, found, numbers, previous_snapshot(ed, out_dir(ed.edition).parent))
    stage_report(ed, stage, pages, files)


def assemble(
    ed: Edition,
    taiko: Path,
    report: Path,
    found: records.Results,
    numbers: dict[str, str],
    taiko_pdf: Path,
    report_pdf: Path,
    downloads: tuple[Path, Path],
) -> Path:
    from daisen_taiko.documents.snapshot import snapshot

    new = new_tree(ed.edition)
    shutil.copytree(taiko / "_build" / "html", new / "html", ignore=shutil.ignore_patterns(".buildinfo"))
    shutil.copytree(downloads[0], new / "html" / "downloads")  # 出典 only: the city's open data
    (new / "pdf").mkdir()
    shutil.copyfile(taiko_pdf, new / "pdf" / TAIKO_PDF.format(edition=ed.edition))
    shutil.copytree(report / "_build" / "html", new / "report" / "html", ignore=shutil.ignore_patterns(".buildinfo"))
    shutil.copytree(downloads[1], new / "report" / "html" / "downloads")  # with 取得元
    (new / "report" / "pdf").mkdir()
    shutil.copyfile(report_pdf, new / "report" / "pdf" / REPORT_PDF.format(edition=ed.edition))
    (new / "snapshot.json").write_text(
        json.dumps(snapshot(ed, found, numbers), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    same_modes(new)
    write_manifest(ed.edition, new)
    return new


def build(edition: str | None = None) -> Path:
    t0 = time.monotonic()
    ed = parameters(edition)
    with edition_lock(ed.edition, say):
        remove_leftovers(ed.edition)
        if up_to_date(ed.edition):  # every input and tool as for the published edition
            (work_dir(ed.edition) / "executions.json").write_text("[]\n", encoding="utf-8")
            say("    入力に変更がないため、前回の成果物をそのまま使います（ノートブックの実行 0件）。")
            say(f"完了（{time.monotonic() - t0:.1f}秒）: {rel(project_root() / '_build' / ed.edition)} は最新です")
            return project_root() / "_build" / ed.edition
        zygote = start_zygote()  # its imports overlap validation and staging
        try:
            final = make(ed, zygote)
        finally:
            if zygote is not None:
                zygote.close()
    out = rel(final)
    say(
        f"完了（{time.monotonic() - t0:.0f}秒）\n    大綱: {out}/pdf/{TAIKO_PDF.format(edition=ed.edition)}・{out}/html/index.html"
        f"\n    作業レポート: {out}/report/pdf/{REPORT_PDF.format(edition=ed.edition)}・{out}/report/html/index.html"
    )
    return final


def preload(taiko: Path) -> None:
    """What the stages after the notebooks import, loaded while the notebooks run (one core
    waits for the kernel then): Sphinx with the book's extensions, and the report's code with
    pandas and matplotlib (~0.6 s that otherwise delayed the report)."""
    sphinx.preload(taiko)
    from daisen_taiko.documents import report  # noqa: F401


def make(ed: Edition, zygote) -> Path:
    """The stages after the parameters: validate the data, stage, execute, check, correct,
    typeset the 大綱, write and typeset the report (the 大綱's PDF meanwhile), publish."""
    validate_data(ed)
    taiko, report = work_dir(ed.edition) / "taiko", work_dir(ed.edition) / "report"
    stage_taiko(ed, taiko)
    import papermill  # noqa: F401  (imported here, once: two threads must not import it at the same time)
    from jupyter_client import manager  # noqa: F401

    preloading = threading.Thread(target=preload, args=(taiko,), daemon=True)  # while the notebooks run
    preloading.start()
    from daisen_taiko.engine.cache import code_digest

    code = code_digest()  # once: it keys the executions and the typesetting
    executed = execute(ed, taiko, code, zygote)
    found = check_statements(ed, executed)
    from daisen_taiko.inputs import corrections

    corrections.apply(taiko)
    preloading.join()
    say(f"[4/{STEPS}] 大綱の Web 版と PDF を作成しています…")
    taiko = sphinx_builds(ed, taiko, "大綱", code)
    numbers = sphinx.figure_numbers(taiko)
    from daisen_taiko.documents import downloads

    with ThreadPoolExecutor(max_workers=1) as background:  # the 大綱's PDF and downloads while the report is made
        taiko_pdf = background.submit(pdf, taiko, "大綱", "book.tex")
        data_files = background.submit(downloads.write_both, work_dir(ed.edition) / "downloads", found.figures, numbers)
        write_report(ed, found, numbers, report)
        report = sphinx_builds(ed, report, "作業レポート", code)
        report_pdf = pdf(report, "作業レポート", "report.tex")
        taiko_pdf = taiko_pdf.result()
        data_files = data_files.result()
    say(f"[6/{STEPS}] 公開しています…")
    return publish(assemble(ed, taiko, report, found, numbers, taiko_pdf, report_pdf, data_files), ed.edition)
