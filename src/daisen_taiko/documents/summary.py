"""The 概要版 (public): the 大綱 in four A4 pages (or two A3 landscape pages, each two of them side
by side: the edition's ``summary_paper``), from book/summary.yml.

Its words are the draft's: every heading, sentence and list item of book/summary.yml is checked
against the edition's draft (``data/draft/<版>.txt``) and the build stops, naming the entry,
when one is not found there character for character.  A ``{name}`` in a sentence is a value the
本編 glues (the same name as in its prose): the 概要版 prints the 本編's value.  The approved
corrections of the draft (data/draft_corrections.csv) apply to its words as to the 本編's.  Its figures are
the 本編's figures, drawn by its pages a second time with their text larger (nothing below 9 pt
in print: :func:`daisen_taiko.common.style.enlarged`), with their 出典 lines; the 体系図 is the 本編's
(:mod:`daisen_taiko.plans.framework`); the 重点取組 and their 取組内容 come from data/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from daisen_taiko import project_root
from daisen_taiko.common.errors import InputError, Problem
from daisen_taiko.common.records import enlarged_key
from daisen_taiko.common.tex import tex
from daisen_taiko.common.text import circled, closest, md_escape
from daisen_taiko.documents import Context, status_mark
from daisen_taiko.inputs import registry
from daisen_taiko.inputs.corrections import applies, correct, corrections
from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.params import SUMMARY_PAPERS, Edition
from daisen_taiko.inputs.paths import draft_path
from daisen_taiko.plans.framework import framework_markdown

FILE = registry.SUMMARY_FILE
KINDS = ("heading", "text", "list", "figure", "framework", "priorities")
SIDES = 4  # the A4 pages of book/summary.yml: each a page on A4 portrait, two to a page on A3 landscape
_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Block:
    kind: str
    value: object
    where: str  # 「2ページ目の 3番目」: where a planner finds it in book/summary.yml


def draft_lines(ed: Edition) -> list[str]:
    """The draft's lines as excerpts are found in them: stripped, without a list's 「- 」 or 「・」."""
    path = draft_path(ed.edition)
    if not path.exists():
        raise InputError(
            [
                Problem(
                    f"data/draft/{ed.edition}.txt",
                    "概要版の文を照合する草案の本文がありません。草案の本文をこのファイル名で置いてください"
                    "（README「翌年度版の作り方」の 3）。",
                )
            ]
        )
    text = path.read_text(encoding="utf-8")
    return [re.sub(r"^(?:- )?・?", "", line.strip()) for line in text.splitlines() if line.strip()]


def pattern(excerpt: str) -> re.Pattern:
    """An excerpt as a pattern over the draft: its characters literally, each ``{name}`` any text."""
    parts = _FIELD.split(excerpt)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else ".+?" for i, p in enumerate(parts)))


def found_in(excerpt: str, lines: list[str]) -> bool:
    rx = pattern(excerpt)
    return any(rx.search(line) for line in lines)


def excerpts(block: Block) -> list[str]:
    """The words of the draft a block prints."""
    if block.kind in ("heading", "text"):
        return [block.value]
    if block.kind in ("list", "priorities"):
        return list(block.value)
    return []


def read(ed: Edition) -> list[tuple[str, list[Block]]]:
    """book/summary.yml: (page title, its blocks) for each page, every excerpt checked against the
    draft; all problems are reported at once."""
    try:
        spec = yaml.safe_load((project_root() / FILE).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError([Problem(FILE, f"概要版の内容を読めません（{exc}）。")]) from exc
    pages, problems = [], []
    lines = draft_lines(ed)
    shown = spec.get("pages") if isinstance(spec, dict) else None
    if not isinstance(shown, list) or len(shown) != SIDES:
        raise InputError([Problem(FILE, f"pages に {SIDES}ページ分の内容を並べてください。", column="pages")])
    for n, page in enumerate(shown, 1):
        title, blocks = str(page.get("title", "")), []
        if not found_in(title, lines):
            problems.append(_missing(ed, n, "title", title, lines))
        for m, entry in enumerate(page.get("blocks") or [], 1):
            where = f"{n}ページ目の {m}番目"
            kind = next(iter(entry), None) if isinstance(entry, dict) and len(entry) == 1 else None
            if kind not in KINDS:
                problems.append(Problem(FILE, f"{where}: 書けるのは " + "・".join(KINDS) + " のどれか一つです。"))
                continue
            block = Block(kind, entry[kind], where)
            if kind == "figure" and block.value not in registry.items():
                problems.append(
                    Problem(FILE, f"{where}: book/figures.yml にない図です。", column=kind, value=block.value)
                )
            for excerpt in excerpts(block):
                if not found_in(str(excerpt), lines):
                    problems.append(_missing(ed, n, kind, str(excerpt), lines, where))
            blocks.append(block)
        pages.append((title, blocks))
    if problems:
        raise InputError(problems)
    return pages


def _missing(ed: Edition, n: int, kind: str, excerpt: str, lines: list[str], where: str = "") -> Problem:
    near = closest(excerpt, lines, n=1)
    hint = f"草案で最も近い行:「{near[0][:60]}」。" if near else ""
    return Problem(
        FILE,
        f"{where or f'{n}ページ目の見出し'}: 草案（data/draft/{ed.edition}.txt）に一字一句同じ文字列がありません。"
        f"{hint}草案の言葉をそのまま写してください。",
        column=kind,
        value=excerpt[:60],
    )


def quantity(context: Context, name: str) -> str:
    """The value the 本編 glues as ``name`` (one page glues it)."""
    values = {v for key, v in context.results.quantities.items() if key.endswith(f"::{name}")}
    if len(values) != 1:
        raise InputError([Problem(FILE, f"本編に「{name}」という値がありません（または複数あります）。", value=name)])
    return values.pop()


def corrections_of(ed: Edition) -> list:
    """The corrections the 本編's pages take in this edition: an excerpt is printed with them."""
    return [c for c in corrections() if applies(c, final=not ed.is_draft)]


def _text(excerpt: str, context: Context, fixes: list) -> str:
    parts = _FIELD.split(correct(excerpt, fixes))
    return "".join(md_escape(p) if i % 2 == 0 else md_escape(quantity(context, p)) for i, p in enumerate(parts))


def _figure(fid: str, context: Context, files: dict[str, bytes]) -> str:
    item, record = registry.get(fid), context.results.figures[fid]
    image = context.results.images[enlarged_key(fid)]  # drawn with its text ENLARGED, printed at the text width
    files[f"figures/{fid}.svg"], files[f"figures/{fid}.pdf"] = image.svg, image.pdf
    parts = [
        f"```{{image}} figures/{fid}.*\n:alt: {md_escape(item.alt or item.caption or fid)}\n:width: 100%\n"
        ":align: center\n```",
        f":::{{div}} summary-caption\n{md_escape(item.caption or '')}\n:::",
    ]
    if record.source:
        parts.append(f":::{{div}} source\n{md_escape(record.source)}\n:::")
    return "\n\n".join(parts)


def _priorities(descriptions: list[str], fixes: list) -> str:
    s = load("initiative_structure").sort_values(["pillar_no", "area_no", "item_no"])
    out = []
    for (no, pillar), rows in s.groupby(["pillar_no", "pillar"], sort=False):
        out += [f"### {int(no)}\\. {md_escape(pillar)}", "", md_escape(correct(descriptions[int(no) - 1], fixes)), ""]
        for (area_no, area), items in rows.groupby(["area_no", "area"], sort=False):
            # each 取組内容 on one line (a line breaks between them): a span of class item-unbroken
            listed = "　".join(
                f"[{circled(int(r.item_no))}{md_escape(r.item)}]{{.item-unbroken}}" for r in items.itertuples()
            )
            out += [f":::{{div}} summary-area\n**({int(area_no)}) {md_escape(area)}**\u3000{listed}\n:::", ""]
    return "\n".join(out)


def build_pages(ed: Edition, context: Context) -> tuple[dict[str, str], dict[str, bytes]]:
    """The 概要版 as one web page (its four printed pages are its sections: each starts a new page
    in the PDF, whose first page carries the document's name instead of the page's title) and its
    figures."""
    out, files = [f"# {md_escape(ed.full_title + '【概要版】' + status_mark(ed))}"], {}
    fixes = corrections_of(ed)
    for page_title, blocks in read(ed):
        out.append(f"## {md_escape(correct(page_title, fixes))}")
        for b in blocks:
            if b.kind == "heading":
                out.append(f"### {md_escape(correct(b.value, fixes))}")
            elif b.kind == "text":
                out.append(_text(b.value, context, fixes))
            elif b.kind == "list":
                out.append(
                    ":::{div} items summary-list\n"
                    + "\n\n".join(md_escape("・" + correct(t, fixes)) for t in b.value)
                    + "\n:::"
                )
            elif b.kind == "figure":
                out.append(_figure(b.value, context, files))
            elif b.kind == "framework":
                out.append(framework_markdown())
            elif b.kind == "priorities":
                out.append(_priorities(list(b.value), fixes))
    return {"index": "\n\n".join(out) + "\n"}, files


def two_up(ed: Edition) -> bool:
    """Printed on A3 landscape: two pages, each two of its A4 pages side by side (the edition's summary_paper)."""
    return ed.summary_paper == SUMMARY_PAPERS[1]


def paper(ed: Edition) -> dict[str, str]:
    """The PDF's paper: A4 portrait (the book's), or A3 landscape in two columns (book/latex/daisen.sty)."""
    if not two_up(ed):
        return {}
    return {"extraclassoptions": "twocolumn", "preamble": "\\daisentwoup\n"}


def cover(ed: Edition) -> str:
    """No title page: the document's name, status and period above its first page's heading."""
    c = {k: tex(v) for k, v in ed.cover_lines.items()}
    return (
        "\\daisensummarystyle\n"
        f"\\daisensummarytitle{{{c['municipality']}{c['title']}【概要版】}}{{{c['status']}}}"
        f"{{{c['period']}}}{{{c['issued']}　{c['municipality']}}}\n"
    )
