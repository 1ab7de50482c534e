"""One build of an edition, as a sequence of named stages over the declared documents
(book/documents.yml, :mod:`daisen_taiko.documents`):

    validate → stage → execute → check statements → correct → typeset the documents of pages
             → write and typeset the written documents → publish

Sphinx and upLaTeX build incrementally from a mirror of each staged document (see
:mod:`daisen_taiko.engine.mirror`).  Every document comes out of one build and all are
published together, in one atomic step, into ``_build/<edition>/``.
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
from daisen_taiko.documents import Context, Document, declared, notebooks
from daisen_taiko.engine import latex, sphinx
from daisen_taiko.engine.execute import run_all, start_zygote, tasks
from daisen_taiko.engine.layout import logs_dir, out_dir, rel, work_dir
from daisen_taiko.engine.manifest import published, up_to_date, write_manifest
from daisen_taiko.engine.mirror import after_html, before_html, finished, mirror
from daisen_taiko.engine.progress import say
from daisen_taiko.engine.publish import edition_lock, new_tree, publish, remove_leftovers, same_modes
from daisen_taiko.engine.stage import record_places, stage_pages, stage_toc
from daisen_taiko.inputs.params import Edition, load_edition

# The data, results, cache, corrections, downloads and snapshot stages import pandas or
# nbformat: they are imported where they run, so that a rebuild with nothing to do stays light.


def step(n: int | None = None) -> str:
    """The number a build's message shows: its steps are the parameters and data, the notebooks,
    the statements, one per declared document, and publishing (``step()``: the last)."""
    total = 4 + len(declared())
    return f"[{total if n is None else n}/{total}] "


def fix_environment(ed: Edition) -> None:
    """What the tools of this build read from the environment, fixed so that the outputs depend
    on the inputs only (not on the day, the time zone or the locale of the machine)."""
    import os

    os.environ.update(
        {"SOURCE_DATE_EPOCH": str(ed.source_date_epoch), "FORCE_SOURCE_DATE": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}
    )
    time.tzset()


def parameters(edition: str | None, numbered: bool = True) -> Edition:
    say(f"{step(1) if numbered else ''}パラメータとデータを検証しています…")
    ed = load_edition(edition)
    ed.use_data()
    fix_environment(ed)
    return ed


def validate_data(ed: Edition) -> None:
    from daisen_taiko.inputs.data import validate_all

    names = validate_all()
    if not ed.is_draft:  # the 確定 edition: every change promised to the パブリックコメント approved
        from daisen_taiko.common.errors import InputError
        from daisen_taiko.inputs.comments import final_gate
        from daisen_taiko.inputs.corrections import corrections

        if problems := final_gate(corrections()):
            raise InputError(problems)
    say(f"    {ed.full_title}（{ed.issued_label} {ed.status}）、データ {len(names)} 種類: 問題なし")


def validate(edition: str | None) -> Edition:
    """Parameters and every data file (``make check``: no build, so no step numbers)."""
    ed = parameters(edition, numbered=False)
    validate_data(ed)
    return ed


def execute(ed: Edition, docs: list[Document], stages: dict[str, Path], code: str, zygote=None) -> dict[str, Path]:
    """Run the page notebooks of every document into the stage of the first document listing
    each (unchanged ones come from the cache, keyed also on ``code``, the digest of the package
    code), copied into the stages of the others; returns page → executed notebook."""
    from daisen_taiko.engine import cache

    root = project_root()
    nbs, listed = notebooks(docs), {d.name: d.notebooks() for d in docs}
    home = {nb: stages[next(name for name, own in listed.items() if nb in own)] for nb in nbs}
    todo = []
    for nb in nbs:
        (task,) = tasks(ed, [nb], home[nb])
        hit = cache.lookup(ed, nb, code)
        if hit is None:
            todo.append(task)
        else:
            cache.take(hit, Path(task.target), ed)
    say(
        f"{step(2)}ノートブックを実行しています（全{len(nbs)}件のうち {len(todo)}件を実行、"
        f"{len(nbs) - len(todo)}件は前回の結果を再利用）…"
    )
    ran = []
    for out in run_all(todo, say, zygote):
        nb = Path(out.notebook)
        cache.store(ed, nb, home[nb] / nb.relative_to(root), list(out.deps), code)
        ran.append(str(nb.relative_to(root)))
    (work_dir(ed.edition) / "executions.json").write_text(json.dumps(sorted(ran)) + "\n", encoding="utf-8")
    for name, own in listed.items():
        for nb in own:
            if home[nb] != stages[name]:
                shutil.copyfile(home[nb] / nb.relative_to(root), stages[name] / nb.relative_to(root))
    return {str(nb.relative_to(root).with_suffix("")): home[nb] / nb.relative_to(root) for nb in nbs}


def check_statements(ed: Edition, executed: dict[str, Path]) -> records.Results:
    from daisen_taiko.engine import results

    say(f"{step(3)}本文の記述をデータと照合しています…")
    found = records.read_results(executed)
    results.gate(found, ed.is_draft)
    counts = {s: sum(c.status == s for c in found.checks) for s in records.STATUSES}
    say(
        "    照合した記述 {n}件（一致 {一致}・不一致 {不一致}・未検証 {未検証}）。詳しくは作業レポートを参照してください。".format(
            n=len(found.checks), **counts
        )
    )
    return found


def typeset(ed: Edition, doc: Document, staged: Path, code: str) -> Path:
    """The web edition and the LaTeX of one staged document at the same time, from its mirror
    (only the pages whose sources changed since the last build are read again; everything when
    ``code``, the digest of the package code, differs from the last finished build's); returns
    the mirror."""
    stage = work_dir(ed.edition) / "sphinx" / staged.name
    mirror(staged, stage, code)
    logs = logs_dir(ed.edition)
    builders = [("html", "Web 版")] * ("html" in doc.builders) + [("latex", "PDF 原稿")] * ("pdf" in doc.builders)
    if "html" in doc.builders:
        before_html(stage)
    sphinx.run(
        [
            sphinx.Job(str(stage), b, f"{doc.label}の {what}", str(logs / f"{stage.name}-{b}.log"))
            for b, what in builders
        ],
        say,
    )
    if "html" in doc.builders:
        after_html(stage)
    if "pdf" not in doc.builders:
        finished(stage)
    return stage


def pdf(stage: Path, doc: Document) -> Path:
    out = latex.make_pdf(stage / "_build" / "latex", doc.tex, f"{doc.label}の PDF")
    finished(stage)
    say(f"    {doc.label}の PDF … 完了")
    return out


def downloads_of(ed: Edition, docs: list[Document], found: records.Results, numbers: dict[str, str]) -> dict:
    """The figure downloads of each document that offers them (public: 出典 only; internal: every column)."""
    from daisen_taiko.documents import downloads

    folder = work_dir(ed.edition) / "downloads"
    return {
        d.name: downloads.write_for(folder / d.name, found.figures, numbers, public=d.public)
        for d in docs
        if d.downloads != "none" and "html" in d.builders
    }


def assemble(ed: Edition, docs: list[Document], typeset_: dict, found: records.Results, numbers, pdfs, data) -> Path:
    """The new ``_build/<edition>/``: each document in its declared folder, the snapshot, the manifest."""
    from daisen_taiko.documents.snapshot import snapshot

    new = new_tree(ed.edition)
    for doc in docs:
        if "html" in doc.builders:
            html = doc.html_dir(new)
            shutil.copytree(typeset_[doc.name] / "_build" / "html", html, ignore=shutil.ignore_patterns(".buildinfo"))
            if doc.name in data:
                shutil.copytree(data[doc.name], html / "downloads")
        if doc.name in pdfs:
            doc.pdf_path(new, ed).parent.mkdir(parents=True)
            shutil.copyfile(pdfs[doc.name], doc.pdf_path(new, ed))
    (new / "snapshot.json").write_text(
        json.dumps(snapshot(ed, found, numbers), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    same_modes(new)
    write_manifest(ed.edition, new, published(docs, new, ed))
    return new


def build(edition: str | None = None) -> Path:
    t0 = time.monotonic()
    ed = parameters(edition)
    with edition_lock(ed.edition, say):
        remove_leftovers(ed.edition)
        if up_to_date(ed.edition):  # every input and tool as for the published edition
            work_dir(ed.edition).mkdir(parents=True, exist_ok=True)  # (a planner may have deleted .work/)
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
    out = out_dir(ed.edition)
    lines = [f"完了（{time.monotonic() - t0:.0f}秒）"]
    documents = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    order = [doc.name for d in declared() for doc in d.instances(ed)]  # build order
    for name in [n for n in order if n in documents]:
        doc = documents[name]  # as published (a written document may have had nothing to say)
        made = [rel(out / doc["pdf"])] * ("pdf" in doc) + [rel(out / doc["html"] / "index.html")] * ("html" in doc)
        lines.append(f"    {doc['label']}: {'・'.join(made)}")
    say("\n".join(lines))
    return final


def preload(staged: Path) -> None:
    """What the stages after the notebooks import, loaded while the notebooks run (one core
    waits for the kernel then): Sphinx with the book's extensions, and the documents' code with
    pandas and matplotlib (~0.6 s that otherwise delayed the 作業レポート)."""
    sphinx.preload(staged)
    from daisen_taiko.documents import report  # noqa: F401


def make(ed: Edition, zygote) -> Path:
    """The stages after the parameters: validate the data, stage, execute, check, correct,
    typeset the documents of pages, write and typeset the written ones (the PDFs meanwhile),
    publish."""
    validate_data(ed)
    docs = declared()
    of_pages, written = [d for d in docs if d.toc], [d for d in docs if d.writer]
    stages = {d.name: work_dir(ed.edition) / d.name for d in of_pages}  # (each written one: its own, later)
    for doc in of_pages:
        stage_toc(ed, doc, stages[doc.name])
    import papermill  # noqa: F401  (imported here, once: two threads must not import it at the same time)
    from jupyter_client import manager  # noqa: F401

    preloading = threading.Thread(target=preload, args=(stages[of_pages[0].name],), daemon=True)  # while notebooks run
    preloading.start()
    from daisen_taiko.engine.cache import code_digest

    code = code_digest()  # once: it keys the executions and the typesetting
    found = check_statements(ed, execute(ed, of_pages, stages, code, zygote))
    from daisen_taiko.inputs import corrections

    for doc in of_pages:
        if doc.corrections:
            corrections.apply(stages[doc.name], final=not ed.is_draft)
    preloading.join()
    typeset_, numbers, pdfs = {}, {}, {}
    with ThreadPoolExecutor(max_workers=1) as background:  # PDFs and downloads while the next document is made
        for n, doc in enumerate(of_pages, start=4):
            say(f"{step(n)}{doc.label}の Web 版と PDF を作成しています…")
            typeset_[doc.name] = typeset(ed, doc, stages[doc.name], code)
            if doc.places and ed.out_for_comment:  # for the opinions' workbook (make comments-template)
                from daisen_taiko.inputs.comments import places_record

                record_places(doc, typeset_[doc.name], places_record(ed.edition))
            numbers |= sphinx.figure_numbers(typeset_[doc.name]) if "html" in doc.builders else {}
            if "pdf" in doc.builders:
                pdfs[doc.name] = background.submit(pdf, typeset_[doc.name], doc)
        data = background.submit(downloads_of, ed, docs, found, numbers)
        from daisen_taiko.documents.snapshot import previous_snapshot

        context = Context(found, numbers, previous_snapshot(ed, out_dir(ed.edition).parent))
        made = list(of_pages)
        for n, declaration in enumerate(written, start=4 + len(of_pages)):
            say(f"{step(n)}{declaration.label}を作成しています…")
            written_pages = [(doc, *doc.write_pages(ed, context)) for doc in declaration.instances(ed)]
            if not any(pages for _, pages, _ in written_pages):  # nothing to publish yet (no page written)
                say(f"    {declaration.label}: 載せる内容がないため、作成しません")
            for doc, pages, files in (w for w in written_pages if w[1]):
                stage = work_dir(ed.edition) / doc.name
                stage_pages(ed, doc, stage, pages, files)
                typeset_[doc.name] = typeset(ed, doc, stage, code)
                made.append(doc)
                if "pdf" in doc.builders:
                    pdfs[doc.name] = background.submit(pdf, typeset_[doc.name], doc)
        pdfs = {name: made_pdf.result() for name, made_pdf in pdfs.items()}
        data = data.result()
    say(f"{step()}公開しています…")
    return publish(assemble(ed, made, typeset_, found, numbers, pdfs, data), ed.edition)
