"""Staging: the sources of one declared document copied where Sphinx builds them, with the
edition's configuration written in (title, cover, status mark, substitutions).

A document of book/ pages (the 大綱) is staged from ``_config.yml``, its TOC and ``book/``
(executed notebooks are added by the execution stage); a written document (the 作業レポート)
from the pages its writer returns, with a configuration derived from the same ``_config.yml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from daisen_taiko import project_root
from daisen_taiko.common.tex import tex
from daisen_taiko.documents import Document
from daisen_taiko.documents.comment_form import notice_markdown
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
    paper: dict[str, str] | None = None,
    places: bool = False,
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
    sphinx_cfg["daisen_places"] = places and ed.out_for_comment  # the 意見募集版's citable places
    sphinx_cfg["daisen_final"] = not ed.is_draft  # corrections promised to the パブリックコメント apply
    context = sphinx_cfg.setdefault("html_context", {})
    context["daisen_status"] = ed.status_label
    context["daisen_footer"] = f"{ed.municipality}　{ed.issued_label}"  # as the cover: 大仙市　令和7年12月
    elements = sphinx_cfg.setdefault("latex_elements", {})
    elements["maketitle"] = maketitle
    # the PDF's document properties (a viewer's title bar, a document list) name the document
    properties = f"\\hypersetup{{pdftitle={{{tex(title, False)}}},pdfauthor={{{tex(ed.municipality, False)}}}}}\n"
    paper = dict(paper or {})  # a paper other than A4 portrait: its size, class options and preamble added
    elements["preamble"] = elements.get("preamble", "") + status_mark_tex(ed) + properties + paper.pop("preamble", "")
    options = [elements.get("extraclassoptions", ""), paper.pop("extraclassoptions", "")]
    elements["extraclassoptions"] = ",".join(o for o in options if o)
    elements.update(paper)
    (stage / "_config.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fresh(stage: Path) -> None:
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)


def _configure(ed: Edition, doc: Document, stage: Path, substitutions: dict[str, str] | None = None) -> None:
    write_config(
        ed,
        stage,
        title=doc.title(ed),
        targetname=doc.tex,
        maketitle=doc.cover_tex(ed),
        substitutions=substitutions,
        paper=doc.paper_latex(ed),
        places=doc.places,
    )


def stage_toc(ed: Edition, doc: Document, stage: Path) -> None:
    """Copy the sources of a document of book/ pages (not its notebooks: the execution stage adds
    them) into ``stage``: its TOC as ``_toc.yml``, book/, the edition's configuration."""
    root = project_root()
    _fresh(stage)
    shutil.copy2(root / doc.toc, stage / "_toc.yml")
    shutil.copytree(root / "book", stage / "book", ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
    compile_catalogs(stage / "book")
    notice = notice_markdown(ed) if doc.places else ""  # the 意見募集版's first page: the notice of the 意見募集
    _configure(ed, doc, stage, substitutions={**ed.cover_lines, "comment_notice": notice})


def stage_pages(ed: Edition, doc: Document, stage: Path, pages: dict[str, str], files: dict[str, bytes]) -> None:
    """Write the pages a document's writer made (name → MyST Markdown, the first is the root) and
    their files into ``stage/<document>/``, with the house style of book/."""
    _fresh(stage)
    folder = stage / doc.pages_folder
    folder.mkdir()
    names = list(pages)
    for name, text in pages.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    toc = {"format": "jb-book", "root": f"{doc.pages_folder}/{names[0]}"}
    if names[1:]:  # (a one-page document has none: the TOC format refuses an empty list)
        toc["chapters"] = [{"file": f"{doc.pages_folder}/{n}"} for n in names[1:]]
    (stage / "_toc.yml").write_text(yaml.safe_dump(toc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for shared in ("_static", "_templates", "locales", "latex"):  # the house style of every document
        src = project_root() / "book" / shared
        if src.exists():
            shutil.copytree(src, stage / "book" / shared)
    compile_catalogs(stage / "book")
    _configure(ed, doc, stage)


def record_places(doc: Document, mirror: Path, into: Path) -> int:
    """The citable places the web build of ``doc`` numbered (sphinx_extensions/places.py), in
    reading order with their page, written to ``into`` (JSON) for the opinions' workbook
    (``make comments-template``); returns how many."""
    import json

    from daisen_taiko.inputs.comments import RECORD
    from daisen_taiko.inputs.toc import documents

    record = mirror / "_build" / ".doctrees-html" / RECORD
    found = []
    for page in documents(mirror / "_toc.yml"):
        path = record / f"{page}.json"
        if path.exists():
            found += [{**p, "page": page.rsplit("/", 1)[-1]} for p in json.loads(path.read_text(encoding="utf-8"))]
    into.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(found)
