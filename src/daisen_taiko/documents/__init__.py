"""The documents one build makes, as declared in ``book/documents.yml`` (the one place that
names them): each with its Japanese title, audience, pages (a TOC of book/ or a page writer),
builders, where it is published, its cover and paper, and whether corrections and downloads apply.

The engine iterates over :func:`declared`; adding a document is its declaration, its pages
(or writer) and its tests (CONTRIBUTING「Add a document」).
"""

from __future__ import annotations

import importlib
import string
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from daisen_taiko import project_root
from daisen_taiko.common.errors import InputError, Problem
from daisen_taiko.common.records import Results

FILE = "book/documents.yml"
AUDIENCES = {"public": "公開", "internal": "内部"}
BUILDERS = ("html", "pdf")
DOWNLOADS = ("public", "internal", "none")
KEYS = {
    "each",
    "label",
    "tex",
    "title",
    "audience",
    "pages",
    "builders",
    "published",
    "pdf",
    "cover",
    "paper",
    "places",
    "corrections",
    "downloads",
}


@dataclass(frozen=True)
class Context:
    """What a page writer reads: the pages' records, the figure numbers the typeset TOC
    documents gave (``fig-…`` → 「図3」), the previous edition's snapshot."""

    results: Results
    numbers: dict[str, str]
    previous: dict | None = None


@dataclass(frozen=True)
class Document:
    name: str
    label: str
    title_template: str
    audience: str
    builders: tuple[str, ...]
    published: str
    pdf_template: str
    toc: str | None = None
    writer: str | None = None
    cover: str | None = None
    paper: str | None = None  # module:function (edition → Sphinx latex_elements): paper other than A4 portrait
    places: bool = False  # while out for comment (status 意見募集): citable places (sphinx_extensions/places.py)
    corrections: bool = False
    downloads: str = "none"
    tex_name: str = ""
    each: str | None = None  # module:function (edition → {key: part}): one document per key
    key: str = ""  # of one of those documents: its key (its folder) and part (in its title)
    part: str = ""
    base: str = ""  # …and the declared name (the folder of its pages)

    @property
    def tex(self) -> str:
        return self.tex_name or f"{self.name}.tex"

    @property
    def public(self) -> bool:
        return self.audience == "public"

    def title(self, ed) -> str:
        return string.Formatter().vformat(self.title_template, (), _Fields(ed, part=self.part))

    def pdf_name(self, ed) -> str:
        return self.pdf_template.format(edition=ed.edition, key=self.key)

    def instances(self, ed) -> list[Document]:
        """The documents built from this declaration: itself, or one per key its ``each`` gives
        (e.g. one 推進状況報告書 per fiscal year with returns), each in its own folder."""
        if not self.each:
            return [self]
        return [
            replace(
                self,
                name=f"{self.name}-{key}",
                label=f"{self.label}（{part}）",
                published=f"{self.published}/{key}",
                each=None,
                key=key,
                part=part,
                base=self.name,
            )
            for key, part in _function(self.each)(ed).items()
        ]

    @property
    def pages_folder(self) -> str:
        """The folder of its written pages (one name for every document of a declaration)."""
        return self.base or self.name

    def folder(self, out: Path) -> Path:
        """Where it is published in ``out`` (``_build/<版>/``)."""
        return out if self.published in (".", "") else out / self.published

    def html_dir(self, out: Path) -> Path:
        return self.folder(out) / "html"

    def pdf_path(self, out: Path, ed) -> Path:
        return self.folder(out) / "pdf" / self.pdf_name(ed)

    def notebooks(self) -> list[Path]:
        """The page notebooks of its TOC, in reading order (none for a written document)."""
        from daisen_taiko.inputs.toc import notebooks

        return notebooks(project_root() / self.toc) if self.toc else []

    def cover_tex(self, ed) -> str:
        return _function(self.cover)(ed, *self._key()) if self.cover else ""

    def paper_latex(self, ed) -> dict[str, str]:
        """Its PDF's paper as Sphinx's latex_elements (papersize, classoptions, preamble); none: A4 portrait."""
        return _function(self.paper)(ed) if self.paper else {}

    def write_pages(self, ed, context: Context) -> tuple[dict[str, str], dict[str, bytes]]:
        """The pages (name → MyST Markdown, the first is the root) and the files they include."""
        return _function(self.writer)(ed, context, *self._key())

    def _key(self) -> tuple[str, ...]:
        return (self.key,) if self.key else ()


def status_mark(ed) -> str:
    """The status after a title while a draft: 「（草案）」「（案）」; nothing once 確定."""
    return f"（{ed.status_label}）" if ed.is_draft else ""


class _Fields(dict):
    def __init__(self, ed, part: str = ""):
        super().__init__(part=part, status_mark=status_mark(ed))
        self.ed = ed

    def __missing__(self, key):
        return getattr(self.ed, key)


def _function(ref: str):
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name)


def _problems(name: str, spec, root: Path) -> list[Problem]:
    def bad(key: str, message: str, value=None) -> Problem:
        return Problem(FILE, f"文書「{name}」の {message}", column=key, value=None if value is None else str(value))

    if not isinstance(spec, dict):
        return [bad(name, "内容が項目（title: … など）の並びになっていません。")]
    out = [
        bad(k, "この項目はありません（書けるのは " + "・".join(sorted(KEYS)) + "）。") for k in spec if k not in KEYS
    ]
    for key in ("label", "title", "audience", "pages", "builders", "published", "pdf"):
        if key not in spec:
            out.append(bad(key, "必須の項目です。"))
    if spec.get("audience", "public") not in AUDIENCES:
        out.append(bad("audience", "public（公開）か internal（内部）のどちらかを書いてください。", spec["audience"]))
    builders = spec.get("builders", [])
    if not isinstance(builders, list) or not builders or any(b not in BUILDERS for b in builders):
        out.append(bad("builders", "html と pdf のどちらか、または両方を [html, pdf] の形で書いてください。", builders))
    if spec.get("downloads", "none") not in DOWNLOADS:
        out.append(bad("downloads", "public・internal・none のいずれかを書いてください。", spec["downloads"]))
    pages = spec.get("pages", {})
    if not isinstance(pages, dict) or len(pages) != 1 or not ({"toc", "writer"} & set(pages)):
        out.append(
            bad("pages", "{toc: 目次ファイル} か {writer: モジュール:関数} のどちらか一つを書いてください。", pages)
        )
    elif "toc" in pages and not (root / pages["toc"]).is_file():
        out.append(bad("pages", "目次ファイルがありません。", pages["toc"]))
    if "each" in spec and "writer" not in (pages if isinstance(pages, dict) else {}):
        out.append(bad("each", "文書を複数作れる（each）のは、ページを書き出す関数（writer）の文書だけです。"))
    if "toc" not in pages and spec.get("corrections"):
        out.append(bad("corrections", "訂正を反映できるのは book/ のページ（toc）からなる文書だけです。"))
    return out


def declared(root: Path | None = None) -> list[Document]:
    """Every declared document, in build order; all problems of the file at once."""
    root = root or project_root()
    try:
        specs = yaml.safe_load((root / FILE).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError([Problem(FILE, f"文書の宣言を読めません（{exc}）。")]) from exc
    problems = [p for name, spec in specs.items() for p in _problems(name, spec, root)]
    published = [spec.get("published") for spec in specs.values() if isinstance(spec, dict)]
    for dup in sorted({p for p in published if published.count(p) > 1}):
        problems.append(
            Problem(FILE, "二つの文書が同じ公開先（published）を使っています。", column="published", value=dup)
        )
    if problems:
        raise InputError(problems)
    return [
        Document(
            name=name,
            label=spec["label"],
            tex_name=spec.get("tex", ""),
            title_template=spec["title"],
            audience=spec["audience"],
            builders=tuple(spec["builders"]),
            published=str(spec["published"]),
            pdf_template=spec["pdf"],
            toc=spec["pages"].get("toc"),
            writer=spec["pages"].get("writer"),
            cover=spec.get("cover"),
            paper=spec.get("paper"),
            places=bool(spec.get("places", False)),
            corrections=bool(spec.get("corrections", False)),
            downloads=spec.get("downloads", "none"),
            each=spec.get("each"),
        )
        for name, spec in specs.items()
    ]


def notebooks(docs: list[Document]) -> list[Path]:
    """The page notebooks of every document, each once, in build and reading order."""
    return list(dict.fromkeys(nb for doc in docs for nb in doc.notebooks()))
