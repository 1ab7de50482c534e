"""Staging: the sources of one document copied where Sphinx builds them, with the edition's
configuration written in (title, cover, status mark, substitutions).

The 大綱 is staged from ``_config.yml``, ``_toc.yml`` and ``book/`` (executed notebooks are
added by the execution stage).  The 作業レポート is staged from pages the report stage
writes, with a configuration derived from the same ``_config.yml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from daisen_taiko import project_root
from daisen_taiko.common.tex import tex
from daisen_taiko.inputs.params import Edition


def compile_catalogs(book: Path) -> None:
    """``book/locales/**/*.po`` → ``.mo`` beside each, in the staged copy.  Sphinx would
    compile them itself (``gettext_auto_build``), but into the source folder it builds from,
    where a file the staging did not write makes the next build start from scratch (see
    mirror.py); so the staging writes them, and the configuration turns Sphinx's off."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(book.glob("locales/**/*.po")):
        with po.open("rb") as src:
            catalog = read_po(src)
        with po.with_suffix(".mo").open("wb") as out:
            write_mo(out, catalog)


def base_config() -> dict:
    return yaml.safe_load((project_root() / "_config.yml").read_text(encoding="utf-8"))


def cover_tex(ed: Edition) -> str:
    """The 大綱's cover page, laid out like the draft's (the layout is ``\\daisencover`` in
    book/latex/daisen.sty); it is page one, the 目次 follows."""
    c = {k: tex(v) for k, v in ed.cover_lines.items()}
    return f"\\daisencover{{{c['status']}}}{{{c['municipality']}}}{{{c['title']}}}{{{c['period']}}}{{{c['issued']}}}\n"


def status_mark_tex(ed: Edition) -> str:
    """A small status mark (草案 …) at the top right of every page while the edition is not final."""
    if not ed.is_draft:
        return ""
    return (
        "\\usepackage{eso-pic}\n\\AddToShipoutPictureFG{\\AtPageUpperLeft{\\put(\\LenToUnit{\\paperwidth-32mm},"
        f"\\LenToUnit{{-14mm}}){{\\fbox{{\\small {tex(ed.status_label)}}}}}}}}}\n"
    )


def write_config(
    ed: Edition,
    stage: Path,
    *,
    title: str,
    targetname: str,
    maketitle: str,
    substitutions: dict[str, str] | None = None,
) -> None:
    cfg = base_config()
    cfg["title"] = title
    cfg["author"] = ed.municipality
    cfg.setdefault("parse", {})["myst_substitutions"] = substitutions or {}
    latex = cfg.setdefault("latex", {})
    latex["latex_documents"] = {"targetname": targetname, "title": title}
    sphinx_cfg = cfg.setdefault("sphinx", {}).setdefault("config", {})
    sphinx_cfg["today"] = ed.issued_label
    sphinx_cfg["html_title"] = title
    context = sphinx_cfg.setdefault("html_context", {})
    context["daisen_status"] = ed.status_label
    context["daisen_footer"] = f"{ed.municipality}　{ed.issued_label}"  # as the cover: 大仙市　令和7年12月
    elements = sphinx_cfg.setdefault("latex_elements", {})
    elements["maketitle"] = maketitle
    # the PDF's document properties (a viewer's title bar, a document list) name the document
    properties = f"\\hypersetup{{pdftitle={{{tex(title, False)}}},pdfauthor={{{tex(ed.municipality, False)}}}}}\n"
    elements["preamble"] = elements.get("preamble", "") + status_mark_tex(ed) + properties
    (stage / "_config.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")


def stage_taiko(ed: Edition, stage: Path) -> None:
    """Copy the 大綱's sources (not its notebooks) into ``stage`` with the edition's config."""
    root = project_root()
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    shutil.copy2(root / "_toc.yml", stage / "_toc.yml")
    shutil.copytree(root / "book", stage / "book", ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    compile_catalogs(stage / "book")
    cover = {k: v for k, v in ed.cover_lines.items()}
    write_config(
        ed,
        stage,
        title=ed.document_title,
        targetname="book.tex",
        maketitle=cover_tex(ed),
        substitutions=cover,
    )


def stage_report(ed: Edition, stage: Path, pages: dict[str, str], files: dict[str, bytes]) -> None:
    """Write the 作業レポート's pages (name → MyST Markdown, the first is the root) and files."""
    if stage.exists():
        shutil.rmtree(stage)
    (stage / "report").mkdir(parents=True)
    names = list(pages)
    for name, text in pages.items():
        (stage / "report" / f"{name}.md").write_text(text, encoding="utf-8")
    for name, data in files.items():
        (stage / "report" / name).parent.mkdir(parents=True, exist_ok=True)
        (stage / "report" / name).write_bytes(data)
    toc = {"format": "jb-book", "root": f"report/{names[0]}", "chapters": [{"file": f"report/{n}"} for n in names[1:]]}
    (stage / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for shared in ("_static", "_templates", "locales", "latex"):  # the house style of both documents
        src = project_root() / "book" / shared
        if src.exists():
            shutil.copytree(src, stage / "book" / shared)
    compile_catalogs(stage / "book")
    title = f"{ed.full_title} 作業レポート（{ed.issued_label} {ed.status}）"
    maketitle = (
        "\\daisenreportstyle\n"
        f"\\daisenreportcover{{{tex(ed.full_title)}}}{{作業レポート}}{{{tex(ed.issued_label)}　{tex(ed.status)}}}"
        "{行政サービス改革・DX推進大綱の作成担当（DX推進課）向け}\n"
    )
    write_config(ed, stage, title=title, targetname="report.tex", maketitle=maketitle)
