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

In print (the LaTeX builder only; the web edition's text is left as it is) a date, an era year
and a number with its unit are kept on one line (「令和2年4月」, 「令和5年度」, 「12万3,158人」,
「91.1%」), and Latin text is set without ligatures, so that the PDF's text reads 「Artificial」,
not 「Artiﬁcial」 (``print_runs``).
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
        from daisen_taiko.inputs.corrections import FILE, approved, correct, note_text
        from daisen_taiko.inputs.data import data_path, load

        block = self.arguments[0]
        fixes = approved(self.env.docname.rsplit("/", 1)[-1], final=self.config.daisen_final)
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
    deepest = max(_depth(t) for t in titles)
    for section in list(doctree.findall(nodes.section)):
        if section in titles or _depth(section) < deepest:
            continue
        section.insert(0, nodes.raw("", r"\daisentocpause{}", format="latex"))
        title = next(i for i, child in enumerate(section.children) if isinstance(child, nodes.title))
        section.insert(title + 1, nodes.raw("", r"\daisentocresume{}", format="latex"))


def _depth(section: nodes.section) -> int:
    """How many sections hold ``section`` (itself included) in the assembled tree."""
    return sum(isinstance(a, nodes.section) for a in _ancestors(section))


def latex_characters() -> None:
    """The Sphinx LaTeX writer sets the characters of the house style's table through its macros
    (common/tex.py ``LATEX_CHARACTERS``; read when a LaTeX builder starts)."""
    from sphinx.util import texescape

    from daisen_taiko.common.tex import LATEX_CHARACTERS

    for pair in LATEX_CHARACTERS.items():
        if pair not in texescape.unicode_tex_replacements:
            texescape.unicode_tex_replacements.append(pair)


# Runs kept on one line in print: a date, an era year, a number with its unit.  Numbers may
# carry 万/億 and separators (12万3,158人, 1,398万円).  A span (令和5〜6年度) may break after
# its 〜 only, which stays with the first year: 「令和5〜」「6年度」 (a narrow table cell).
_NUM = r"[0-9０-９][0-9０-９,，.．]*(?:[万億兆][0-9０-９,，.．]*)*"
_ERA_YEAR = r"(?:令和|平成|昭和)(?:元|[0-9０-９]+)(?:年度?)?"
_DATE = r"(?:[0-9０-９]{4}|(?:令和|平成|昭和)(?:元|[0-9０-９]+))年[0-9０-９]+月(?:[0-9０-９]+日)?"
_UNIT = r"(?:[%％]|ポイント|か月|ヶ月|時間|年間|年度|万円|億円|千円|世帯|団体|[人円件歳倍分年月日回課校割])"
UNBROKEN = re.compile(rf"(?:{_DATE}|{_ERA_YEAR}|{_NUM}{_UNIT}|{_NUM}(?=[〜～]))[〜～]?")
_LIGATURE = re.compile(r"f(?=[fil])")  # ff, fi, fl, ffi, ffl: T1 fonts join them into one glyph


class unbroken(nodes.Inline, nodes.TextElement):
    """A run of text kept on one line in print (a date, an era year, a number with its unit)."""


def visit_unbroken_latex(self, node):
    self.body.append(r"\daisenunbroken{")


def depart_unbroken_latex(self, node):
    self.body.append("}")


def _pass(self, node):
    pass


# Text that is not running text: no run is wrapped there (an address, verbatim, a mark).
_AS_IS = (nodes.literal_block, nodes.raw, nodes.math, nodes.math_block, nodes.comment, nodes.reference, noteref)


def _unligated(text: str) -> list[nodes.Node]:
    """``text`` with an empty group after each f that would start a ligature (f{}i)."""
    parts = _LIGATURE.split(text)
    out: list[nodes.Node] = []
    for k, part in enumerate(parts):
        if k:
            out += [nodes.Text("f"), nodes.raw("", "{}", format="latex")]
        if part:
            out.append(nodes.Text(part))
    return out


def _print_text(text: str, runs: bool) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    at = 0
    for m in UNBROKEN.finditer(text) if runs else ():
        out += _unligated(text[at : m.start()])
        out.append(unbroken("", "", *_unligated(m[0])))
        at = m.end()
    return out + _unligated(text[at:])


def print_runs(app, doctree, docname) -> None:
    """The LaTeX builder's doctree: glued values (``pasted-text``) become plain text, so that a
    value and the unit after it are one run; each date, era year and number with its unit goes
    into an ``unbroken`` node; ligatures are broken (book/latex/daisen.sty: \\daisenunbroken)."""
    if app.builder.format != "latex":
        return
    for inline in list(doctree.findall(nodes.inline)):
        if "pasted-text" in inline["classes"] and all(isinstance(c, nodes.Text) for c in inline.children):
            parent = inline.parent
            parent[parent.index(inline)] = nodes.Text(inline.astext())
    for element in list(doctree.findall(nodes.TextElement)):
        if isinstance(element, (nodes.literal_block, nodes.raw, nodes.math, nodes.math_block, nodes.comment)):
            continue
        runs = not any(isinstance(a, _AS_IS + (nodes.literal,)) for a in _ancestors(element))
        children, text = [], ""
        for child in [*element.children, None]:
            if isinstance(child, nodes.Text):
                text += str(child)
                continue
            if text:
                children += _print_text(text, runs)
                text = ""
            if child is not None:
                children.append(child)
        element.children = []
        element.extend(children)


def bracketed_with_next(app, doctree, docname) -> None:
    """In print, a paragraph that is a 【…】 alone (【量の改革】, 【取組内容】: a heading in all but
    name) keeps the lines after it on its page, as a heading does (not a box of the 体系図)."""
    for para in list(doctree.findall(nodes.paragraph)) if app.builder.format == "latex" else ():
        in_text = isinstance(para.parent, nodes.section) or "cell_output" in para.parent["classes"]
        if in_text and re.fullmatch(r"【[^】]+】", para.astext().strip()):
            para.parent.insert(para.parent.index(para), nodes.raw("", r"\Needspace{9\baselineskip}", format="latex"))


def _ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def setup(app):
    latex_characters()
    app.add_config_value("daisen_final", False, "env")  # the 確定 edition: it takes the パブリックコメント's changes
    app.connect("doctree-resolved", print_runs)
    app.connect("doctree-resolved", bracketed_with_next)
    app.add_node(
        unbroken, html=(_pass, _pass), latex=(visit_unbroken_latex, depart_unbroken_latex), text=(_pass, _pass)
    )
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
