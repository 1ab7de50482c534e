"""A Sphinx extension for the draft's ※ notes, and for its tables' group headings.

The draft numbers its ※ notes per block (※1, ※2 … restart after each note block), so a
bare 「※1」 can mean two terms a page apart.  Each mark is therefore a link to its own
note, set as a small raised mark:

- in the text: ``{noteref}`ch1_1:1` `` → ※1 (raised, linked to note 1 of block ``ch1_1``);
- the block ``:::{notes} ch1_1_purpose`` (empty) renders the notes of that block from
  ``data/glossary.csv`` (column ``section``), one paragraph each, with the anchors the
  marks link to, and the page's approved corrections of the draft applied.  Markdown pages
  get their notes this way without running any code.

A table of class ``span-groups`` (【これまでの大綱等の主な取組】) has group headings over pairs
of columns, as in the draft: in its first header row, a cell left empty is taken by the
heading before it (one cell spanning both columns, in the web edition and in the PDF), so a
heading such as 「地域情報化計画・DX推進ビジョン」 is not broken over three lines of one narrow
column.  MyST tables have no spans of their own.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective, SphinxRole

_NOTE = re.compile(r"^※\s*(\d+)")


def target_id(block: str, number: str) -> str:
    return "note-" + re.sub(r"[^0-9a-z]+", "-", block.lower()) + f"-{number}"


class noteref(nodes.Inline, nodes.TextElement):
    """A ※ mark linking to a note of the same page."""


def visit_noteref_html(self, node):
    self.body.append(f'<sup class="noteref"><a href="#{node["refid"]}">※{node["number"]}</a></sup>')
    raise nodes.SkipNode


def visit_noteref_latex(self, node):
    r"""``\daisennoteref{<label>}{<n>}``: the house style (book/latex/daisen.sty) sets it as a
    small raised ※n glued to the preceding word, linked to the note, and drops it from the 目次."""
    target = f"{self.curfilestack[-1]}:{node['refid']}"
    self.body.append(r"\daisennoteref{\detokenize{" + target + "}}{" + node["number"] + "}")
    raise nodes.SkipNode


def visit_noteref_text(self, node):
    self.add_text(f"※{node['number']}")
    raise nodes.SkipNode


class NoteRefRole(SphinxRole):
    def run(self):
        block, _, number = self.text.rpartition(":")
        if not number.isdigit():
            msg = self.inliner.reporter.error(f"noteref: expected 'block:number', got '{self.text}'", line=self.lineno)
            return [], [msg]
        node = noteref("", f"※{number}", refid=target_id(block, number), number=number)
        return [node], []


class NotesDirective(SphinxDirective):
    """The ※ notes of one block, from ``data/glossary.csv``; each note gets the anchor its marks link to."""

    required_arguments = 1
    has_content = False

    def run(self):
        from .build.corrections import FILE, approved, correct, note_text
        from .data import data_path, load

        block = self.arguments[0]
        fixes = approved(self.env.docname.rsplit("/", 1)[-1])
        for name in ("glossary", FILE):  # an edit of either makes Sphinx read this page again
            self.env.note_dependency(str(data_path(name)))
        rows = load("glossary")
        rows = rows[rows["section"] == block].sort_values("number")
        if rows.empty:
            return [
                self.state.document.reporter.warning(
                    f"notes: data/glossary.csv has no notes for '{block}'", line=self.lineno
                )
            ]
        container = nodes.container(classes=["notes"])
        for r in rows.itertuples():
            para = nodes.paragraph("", "", classes=["note"])
            para += nodes.inline("", "", nodes.target("", "", ids=[target_id(block, str(int(r.number)))]))
            para += nodes.Text(correct(note_text(int(r.number), r.term, r.explanation), fixes))
            container += para
        return [container]


def span_group_headings(app, doctree) -> None:
    for table in doctree.findall(nodes.table):
        if "span-groups" not in table["classes"]:
            continue
        head = next(table.findall(nodes.thead), None)
        if head is None or not len(head):
            continue
        row, heading = head[0], None
        for entry in list(row):
            if entry.astext().strip() or heading is None:
                heading = entry
            else:
                heading["morecols"] = heading.get("morecols", 0) + 1
                row.remove(entry)


HANG = r"\hangindent=1em\hangafter=1\relax "


def hang_cell_items(app, doctree) -> None:
    """In a table of class ``hanging`` (【これまでの大綱等の主な取組】, whose cells list items without
    marks, as the draft does) an item's wrapped lines are indented under its first, so that
    「旧市町村システムの統合(図書館、上下水道)」 does not read as two items; the web edition
    does the same in CSS (``table.hanging td p``)."""
    for table in doctree.findall(nodes.table):
        if "hanging" not in table["classes"]:
            continue
        for body in table.findall(nodes.tbody):
            for para in body.findall(nodes.paragraph):
                para.insert(0, nodes.raw("", HANG, format="latex"))


def marks_out_of_contents(app, doctree) -> None:
    """A heading's ※ mark stays in the heading, not in the page's contents list: there the
    entry is itself a link, and a link inside it would show as a separate 「※1」 entry.
    (Runs after Sphinx's table-of-contents collector; the PDF drops the mark in daisen.sty.)"""
    env = app.env
    for entries in (env.tocs, env.titles, env.longtitles):
        tree = entries.get(env.docname)
        for mark in [] if tree is None else list(tree.findall(noteref)):
            mark.parent.remove(mark)


def in_page_headings_out_of_contents(app, doctree, docname) -> None:
    """The PDF's 目次 lists what the draft's 目次 lists: every page's title, and a page's own
    headings only above the level of the deepest page titles — so 「(1) 人口減少と財政状況」
    (a page of 3. 市の状況) is listed, 「(1) 行かなくて済む「市役所」の推進」 (a heading inside
    4.'s page) is not, as in the draft.  Runs on the LaTeX builder's one assembled tree; the
    house style's ``\\daisentocpause`` and ``\\daisentocresume`` bracket the heading's 目次 line."""
    if app.builder.name != "latex":
        return
    titles = set()
    for page in doctree.findall(addnodes.start_of_file):
        first = next(page.findall(nodes.section), None)
        if first is not None:
            titles.add(first)
    if not titles:
        return
    deepest = max(len(list(_ancestors(t))) for t in titles)
    for section in list(doctree.findall(nodes.section)):
        if section in titles or len(list(_ancestors(section))) < deepest:
            continue
        section.insert(0, nodes.raw("", r"\daisentocpause{}", format="latex"))
        title = next(i for i, child in enumerate(section.children) if isinstance(child, nodes.title))
        section.insert(title + 1, nodes.raw("", r"\daisentocresume{}", format="latex"))


def _ancestors(section: nodes.Element):
    node = section
    while node is not None:
        if isinstance(node, nodes.section):
            yield node
        node = node.parent


def latex_characters() -> None:
    """The Sphinx LaTeX writer sets the characters of the house style's table through its macros
    (build/stage.py ``LATEX_CHARACTERS``; read when a LaTeX builder starts)."""
    from sphinx.util import texescape

    from .build.stage import LATEX_CHARACTERS

    for pair in LATEX_CHARACTERS.items():
        if pair not in texescape.unicode_tex_replacements:
            texescape.unicode_tex_replacements.append(pair)


def setup(app):
    latex_characters()
    app.connect("doctree-read", marks_out_of_contents, priority=900)
    app.connect("doctree-read", span_group_headings)
    app.connect("doctree-read", hang_cell_items)
    app.connect("doctree-resolved", in_page_headings_out_of_contents)
    app.add_node(
        noteref, html=(visit_noteref_html, None), latex=(visit_noteref_latex, None), text=(visit_noteref_text, None)
    )
    app.add_role("noteref", NoteRefRole())
    app.add_directive("notes", NotesDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
