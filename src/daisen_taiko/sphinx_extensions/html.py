"""Web-edition adjustments to what Jupyter Book 1.x brings (both documents load this extension).

1. Japanese search that finds compound words.  Sphinx indexes Japanese through TinySegmenter
   and looks a query up as one word: 経常収支比率 or ワンストップ窓口 find nothing, and a
   query segmented in isolation (財政力|指数) does not meet the words the same characters
   became inside a sentence (財政|力指数).  Here the index and the query are both split the
   same way: runs of kanji and kana into overlapping pairs of characters (財政 政力 力指 指数),
   other words as they are.  A page is found when it holds every pair of the query, in
   any sentence of it.

2. Figures are found by their descriptions.  A figure's words (財政力指数 in 図3) are in its
   image and its alt text only, which Sphinx does not index: the alt text of every image is
   added to its page's index in a node no writer shows.

3. The top-level index.html is a page of its own: Jupyter Book writes a bare
   ``<meta http-equiv="Refresh">`` there (no language, no title, no link), which fails WCAG
   checks and leaves a reader without a way on when redirects are off.  A small Japanese page
   that redirects at once and links to the first page is written instead.

4. The sidebar's expand/collapse toggles have names.  The theme draws each as a <summary>
   holding only a chevron icon (WCAG 4.1.2, axe "summary-name"); each gets the name
   「(項目名)」の下位項目 from the link beside it.

5. Nothing from outside the pages' own files.  Jupyter Book always loads sphinx-thebe (live
   code through Binder), which names a CDN copy of thebe on every page, loads a script and a
   stylesheet and adds a Binder configuration to the body.  Our pages have no live code, so
   sphinx-thebe's event handlers are disconnected and its stylesheet left out.

6. A rebuild writes the search index a build from scratch writes.  Sphinx keeps the last
   build's index and drops the pages read again from each word's pages; a word none of the
   remaining pages has stays in the index with no pages (``"1b":[]`` after 「B P R」 was
   corrected).  Such words are dropped (:func:`_drop_emptied_words`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from docutils import nodes
from markupsafe import Markup
from sphinx.search.ja import BaseSplitter, SearchJapanese

THEBE_MODULE = "sphinx_thebe"

# Kanji, hiragana, katakana and their marks (々 〆 ヶ ー); everything else that is a letter or
# a digit makes words as Sphinx's default splitter does.
_JA = "\u3005\u3006\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_RUN = re.compile(rf"[{_JA}]+|(?:(?![{_JA}])\w)+")
_IS_JA = re.compile(rf"[{_JA}]")
# Latin letters the draft sets apart (「①B P R」「自治体D X推進」) are one word, as a reader types it.
_SPACED = re.compile(r"(?<![A-Za-z])[A-Za-z](?: [A-Za-z](?![A-Za-z]))+")


def split_words(text: str) -> list[str]:
    """Latin words and numbers whole, Japanese runs as overlapping character pairs.

    >>> split_words("経常収支比率は91.1%")
    ['経常', '常収', '収支', '支比', '比率', '率は', '91', '1']
    >>> split_words("e-Japan 戦略")
    ['e', 'Japan', '戦略']
    >>> split_words("①B P Rの取組、自治体D X推進、e L-Q R")
    ['1', 'BPR', 'の取', '取組', '自治', '治体', 'DX', '推進', 'eL', 'QR']
    """
    words = []
    text = _SPACED.sub(lambda m: " " + m[0].replace(" ", "") + " ", unicodedata.normalize("NFKC", text))
    for run in _RUN.findall(text):
        if _IS_JA.match(run) and len(run) > 2:
            words.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            words.append(run)
    return words


# The same splitting on the search page (language_data.js defines splitQuery with it); words
# of one character are left out of a query, as the index holds none.
SPLIT_QUERY_JS = r"""
function splitQuery(query) {
  const ja = "JA_CHARACTERS";
  const run = new RegExp("[" + ja + "]+|(?:(?![" + ja + "])[\\p{L}\\p{N}_])+", "gu");
  const isJa = new RegExp("^[" + ja + "]", "u");
  const spaced = /(?<![A-Za-z])[A-Za-z](?: [A-Za-z](?![A-Za-z]))+/g;
  const words = [];
  const text = query.normalize("NFKC").replace(spaced, (m) => " " + m.replace(/ /g, "") + " ");
  for (const m of text.matchAll(run)) {
    const w = m[0];
    if (isJa.test(w) && w.length > 2) {
      for (let i = 0; i + 1 < w.length; i++) words.push(w.slice(i, i + 2));
    } else {
      words.push(w);
    }
  }
  return words.filter((w) => w.length > 1);
}
""".replace("JA_CHARACTERS", _JA.encode("unicode_escape").decode("ascii"))


class PairSplitter(BaseSplitter):
    def split(self, input: str) -> list[str]:
        return split_words(input)


class SearchJapanesePairs(SearchJapanese):
    """Sphinx's Japanese search language with the splitting above on both sides."""

    js_splitter_code = SPLIT_QUERY_JS

    def init(self, options: dict[str, str]) -> None:
        self.splitter = PairSplitter(options)


class search_words(nodes.Inline, nodes.TextElement):
    """Words of a page that the search index holds and no writer shows (figures' alt texts)."""


def _skip(self, node):
    raise nodes.SkipNode


def index_alt_texts(app, doctree, docname):
    if app.builder.format != "html":
        return
    alts = [img["alt"] for img in doctree.findall(nodes.image) if img.get("alt")]
    if alts:
        doctree += search_words("", "\n".join(alts))


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Refresh" content="0; url={url}" />
<title>{title}</title>
<link rel="canonical" href="{url}" />
</head>
<body>
<main>
<h1>{title}</h1>
<p><a href="{url}">{title}へ移動します。</a></p>
</main>
</body>
</html>
"""


def write_redirect_page(app, exception):
    """index.html at the top links to the root page (written before sphinx-external-toc's bare one)."""
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    root = app.config.root_doc
    index = Path(app.outdir) / "index.html"
    if root == "index" or index.exists():
        return
    title = html.escape(app.config.html_title or app.config.project, quote=True)
    index.write_text(REDIRECT_PAGE.format(url=html.escape(f"{root}.html", quote=True), title=title), encoding="utf-8")


_TOGGLE = re.compile(r"(<a\b[^>]*>)(.*?)(</a>\s*<details\b[^>]*>\s*<summary)(?=>)", re.S)


def name_toggles(markup: str) -> str:
    """Give each <summary> toggle of a navigation tree the name of the item it opens.

    >>> name_toggles('<li><a href="x.html">第1章 背景</a><details open="open"><summary><span></span></summary>')
    '<li><a href="x.html">第1章 背景</a><details open="open"><summary aria-label="「第1章 背景」の下位項目"><span></span></summary>'
    """

    def label(m):
        text = html.escape(html.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip(), quote=True)
        return f'{m.group(1)}{m.group(2)}{m.group(3)} aria-label="「{text}」の下位項目"'

    return _TOGGLE.sub(label, markup)


def name_sidebar_toggles(app, pagename, templatename, context, doctree):
    make = context.get("generate_toctree_html")
    if callable(make) and not getattr(make, "names_toggles", False):

        def generate_toctree_html(*args, **kwargs):
            return Markup(name_toggles(str(make(*args, **kwargs))))  # the theme returns a BeautifulSoup

        generate_toctree_html.names_toggles = True
        context["generate_toctree_html"] = generate_toctree_html


def list_sections_on_heading_pages(app, doctree, docname):
    """A page that is only a heading (第1章 大綱策定の背景, 3. 市の状況) lists its sections, as
    the sidebar does on a wide screen: on a phone the sidebar is closed and the page looked
    empty.  The web edition only; the PDF runs on from the heading, as the draft does."""
    if app.builder.format != "html":
        return
    children = app.env.toctree_includes.get(docname, [])
    top = next(iter(doctree.findall(nodes.section)), None)
    if not children or top is None or any(not isinstance(n, (nodes.title, nodes.compound)) for n in top.children):
        return
    items = nodes.bullet_list(classes=["section-contents"])
    for child in children:
        ref = nodes.reference("", app.env.titles[child].astext(), internal=True)
        ref["refuri"] = app.builder.get_relative_uri(docname, child)
        items += nodes.list_item("", nodes.paragraph("", "", ref))
    top += items


def drop_thebe_stylesheet(app, pagename, templatename, context, doctree):
    if "css_files" in context:
        context["css_files"] = [
            css for css in context["css_files"] if not str(getattr(css, "filename", css)).endswith("sphinx-thebe.css")
        ]


def _drop_emptied_words(prune):
    def pruned(self, docnames):
        prune(self, docnames)
        for mapping in (self._mapping, self._title_mapping):
            for word in [w for w, pages in mapping.items() if not pages]:
                del mapping[word]

    pruned.drops_emptied_words = True
    return pruned


def setup(app):
    from sphinx.search import IndexBuilder

    if not getattr(IndexBuilder.prune, "drops_emptied_words", False):
        IndexBuilder.prune = _drop_emptied_words(IndexBuilder.prune)
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            if getattr(listener.handler, "__module__", "") == THEBE_MODULE:
                app.disconnect(listener.id)
    app.connect("html-page-context", drop_thebe_stylesheet)
    app.connect("html-page-context", name_sidebar_toggles, priority=900)  # after the theme sets the function
    app.add_search_language(SearchJapanesePairs)
    app.add_node(search_words, html=(_skip, None))
    app.connect("doctree-resolved", index_alt_texts)
    app.connect("doctree-resolved", list_sections_on_heading_pages)
    app.connect("build-finished", write_redirect_page, priority=400)  # before sphinx-external-toc's (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
