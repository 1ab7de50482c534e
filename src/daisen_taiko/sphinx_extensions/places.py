"""Citable places of the 意見募集版 (issue 30): while the 大綱 is out for public comment, every
paragraph, list, table and figure gets a place a resident can name in an opinion — the numbers of
the sections it stands in, as the draft numbers them, and its number in the innermost one:
「第1章 3 (1)〔2〕」.  The number is printed in the PDF's left margin and on the web before the
block (small, grey), with an anchor ``place-1-3-1-2`` (an HTML id, a PDF named destination).

A place depends only on its section and the blocks before it there: a paragraph changed, added or
removed in another section changes no place.  The build turns this on with ``daisen_places`` (the
edition's status 意見募集, documents declared with ``places: true``); otherwise nothing changes.
The web pages are numbered one by one, the PDF's assembled document page by page
(``start_of_file``), so both give each block the same place.  The web build also records each
page's places (:data:`RECORD`) for the engine, which lists them for the opinions' workbook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from daisen_taiko.inputs.comments import RECORD

_EXCERPT = 30  # characters of a block's text that identify it in the workbook's list

_NUMBER = re.compile(r"^\s*(第(\d+)章|(\d+)\.|[(（](\d+)[)）]|([①-⑳]))")
_BLOCKS = (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list, nodes.table, nodes.figure)
_WHOLE = {"framework"}  # a drawing of boxes (the 体系図): one place, marked beside its top
# blocks that belong to the one before them (a figure's notes and 出典, a table's 単位), not cited alone
_BELONGING = {"source", "caption-note", "draft-note", "table-unit", "figure-downloads", "status-note"}


def _cited(node: nodes.Element) -> bool:
    """A block that is a place of its own: a paragraph, list, table, figure, or drawing of boxes."""
    return isinstance(node, _BLOCKS) or bool(_WHOLE & set(node["classes"]))


def _aside(node: nodes.Element) -> bool:
    """Not a place of its own: what belongs to a figure or table, or a web page's list of the
    pages under it (in the PDF the pages themselves stand in that list's place)."""
    classes = set(node.get("classes", []))
    if _BELONGING & classes or "section-contents" in classes:
        return True
    return "toctree-wrapper" in classes and not node.next_node(addnodes.start_of_file)


# where a mark stands (``place["where"]``) → its LaTeX command (book/latex/daisen.sty)
_LATEX = {"start": r"\daisenplace", "after": r"\daisenplaceafter", "before": r"\daisenplacebefore"}


class place(nodes.Inline, nodes.TextElement):
    """The mark of a place: 〔n〕 at the start of its block (after a caption), with the place's anchor."""


def visit_place_html(self, node):
    self.body.append(f'<span class="place" id="{node["place_id"]}" title="{node["label"]}">〔{node["n"]}〕</span>')
    raise nodes.SkipNode


def visit_place_latex(self, node):
    r"""``\daisenplace{<id>}{<n>}`` (book/latex/daisen.sty): a named destination and 〔n〕 in the
    margin; ``\daisenplaceafter`` after a caption, ``\daisenplacebefore`` above a drawing of boxes."""
    self.body.append(_LATEX[node["where"]] + "{" + node["place_id"] + "}{" + str(node["n"]) + "}")
    raise nodes.SkipNode


def visit_place_text(self, node):
    raise nodes.SkipNode


def section_token(title: str, unnumbered: str) -> tuple[str, str]:
    """A section's part of a place: (as printed, as in an anchor) — 「第1章」 1, 「3」 3, 「(1)」 1,
    「①」 1; a section the draft does not number: its title, and ``unnumbered``."""
    m = _NUMBER.match(title)
    if not m:
        return title.strip(), unnumbered
    if m[5]:
        return m[5], str(ord(m[5]) - 0x2460 + 1)
    number = m[2] or m[3] or m[4]
    return (m[1].rstrip(".") if not m[2] else m[1]), number


def _page_path(env, parents: dict[str, str], docname: str) -> list[tuple[str, str]]:
    """The tokens of the pages above ``docname`` in the TOC (its chapter, its section …);
    ``parents``: each page's page above it."""
    chain, d = [], parents.get(docname)
    while d is not None and d != env.config.root_doc:
        chain.append(d)
        d = parents.get(d)
    return [section_token(env.titles[d].astext(), _slug(d)) for d in reversed(chain)]


def _slug(docname: str) -> str:
    """A page's part of an anchor when the draft does not number it (book/plans → plans)."""
    return re.sub(r"[^0-9a-z]+", "-", docname.rsplit("/", 1)[-1].lower())


def _mark(block: nodes.Element, mark: place) -> bool:
    """Put ``mark`` at the start of the block's first paragraph, at the end of a figure's or
    table's caption (after its 「(図1)」 and title), or just before a drawing of boxes or a table
    without a caption (in the margin beside its top, taking no room)."""
    caption = block.next_node(nodes.caption) or block.next_node(nodes.title)
    if _WHOLE & set(block["classes"]) or (isinstance(block, (nodes.figure, nodes.table)) and caption is None):
        mark["where"] = "before"
        block.parent.insert(block.parent.index(block), mark)
        return True
    if isinstance(block, (nodes.figure, nodes.table)):
        mark["where"] = "after"
        caption.append(mark)
        return True
    target = block if isinstance(block, nodes.paragraph) else block.next_node(nodes.paragraph)
    if target is None:
        return False
    mark["where"] = "start"
    target.insert(0, mark)
    return True


def number_places(app, doctree, docname) -> None:
    if not app.config.daisen_places:
        return
    env = app.env
    parents = {child: parent for parent, children in env.toctree_includes.items() for child in children}
    found: list[dict] = []

    def walk(node: nodes.Element, path: list[tuple[str, str]] | None, counter: list[int], page: str = "") -> None:
        """``page``: the docname when ``node`` is a page (its sections are the page's own);
        ``path`` None: the cover (the root page), which holds no place."""
        sections = 0
        for child in list(node.children):
            if isinstance(child, addnodes.start_of_file):  # a page of the assembled LaTeX document
                walk(child, _page_path(env, parents, child["docname"]), [0], child["docname"])
            elif path is None:
                if isinstance(child, nodes.Element):
                    walk(child, None, counter)
            elif isinstance(child, nodes.section):
                sections += 1
                heading = child.next_node(nodes.title)
                title = heading.astext() if heading else ""
                unnumbered = _slug(page) if page and sections == 1 else f"s{sections}"
                walk(child, [*path, section_token(title, unnumbered)], [0])
            elif isinstance(child, nodes.Element) and _cited(child) and not _aside(child):
                n = counter[0] + 1
                label = " ".join(t for t, _ in path) + f"〔{n}〕"
                pid = "place-" + "-".join(a for _, a in path) + f"-{n}"
                if _mark(child, place("", place_id=pid, label=label, n=n)):
                    counter[0] = n
                    excerpt = re.sub(r"\s+", " ", child.astext()).strip()[:_EXCERPT]
                    found.append({"place": pid, "label": label, "excerpt": excerpt})
            elif isinstance(child, nodes.Element) and not _aside(child):
                walk(child, path, counter)

    walk(doctree, None if docname == env.config.root_doc else _page_path(env, parents, docname), [0], docname)
    if app.builder.format == "html":  # (the PDF's are the same places)
        record = Path(app.doctreedir) / RECORD / f"{docname}.json"
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(found, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def setup(app):
    app.add_config_value("daisen_places", False, "env")
    app.add_node(place, html=(visit_place_html, None), latex=(visit_place_latex, None), text=(visit_place_text, None))
    app.connect("doctree-resolved", number_places)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
