"""The web edition of every document published (the 大綱, the 作業レポート, the 概要版), opened in
Debian's chromium.

Every page of every document is served from a local HTTP server and opened once on a desktop and
once on a phone in one headless Debian chromium, driven by Playwright (``executable_path``: no
browser of Playwright's own is downloaded or needed).  Outside names do not resolve in that
browser, so nothing can leave the machine.  On each page:

1. axe-core (npm, ``make test-deps``) finds no WCAG 2.1 A/AA violation;
2. the search page finds the draft's compound words, every ※ note term and every heading;
3. glued text has the weight and slant of its paragraph and captions stand upright;
4. on a 390 px phone (and a desktop) no table cell is narrower than two characters, wraps its text
   a character or two a line or lets it overflow, no page scrolls sideways (tables scroll in
   their own box), figures fit;
5. the page makes no request outside its own files, and names no outside address to load.

Each check is a function, run on the real pages and on a deliberately broken copy (an
unlabelled button and pale text; the search without its splitting or with a word removed from
the index; the house style left out or myst-nb's bold rule put back; a CDN script) to show
that it fails.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import html as htmllib
import io
import json
import re
import shutil
import threading
import unicodedata
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from support import ROOT, pdf_text

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Beside Playwright's own (headless, no sandbox, no first run, no background networking, sync,
# extensions or component updates); its --hide-scrollbars is left out, as a reader's desktop shows them.
CHROMIUM_FLAGS = ["--disable-gpu", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
PHONE = 390
DESKTOP = 1280

# Compound words that Sphinx's own Japanese search looks up unsplit and does not find.
COMPOUND_WORDS = [
    "経常収支比率",
    "財政力指数",
    "社人研",
    "地域幸福度",
    "ワンストップ窓口",
    "行政サービス改革大綱",
    "マイナンバーカード",
    "実質公債費比率",
    "将来負担比率",
]


# -- the browser ----------------------------------------------------------------------------------


class Browser:
    """A page a viewport width (a desktop's, a phone's) in one chromium, and what each requested
    since it last opened a page."""

    def __init__(self, chromium):
        self.pages, self.requested = {}, {}
        for width in (DESKTOP, PHONE):
            page = chromium.new_page(
                viewport={"width": width, "height": 900}, is_mobile=width < 600, device_scale_factor=1
            )
            page.set_default_timeout(60_000)
            page.on("request", lambda request, width=width: self.requested[width].append(request.url))
            self.pages[width], self.requested[width] = page, []

    def open(self, url: str, width: int = DESKTOP) -> Page:
        """``url`` loaded at ``width`` CSS pixels, once its load event and the requests its scripts make just after."""
        page, self.requested[width] = self.pages[width], []
        page.goto(url)
        page.wait_for_timeout(200)
        return page


class _Handler(SimpleHTTPRequestHandler):
    """Serves the build, none of it to be cached (broken copies change files in place);
    ``?no-refresh`` serves a page without its <meta http-equiv="Refresh">, so the redirect page
    at the top of each document is itself checked."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        if "no-refresh" not in urllib.parse.urlsplit(self.path).query:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        body = re.sub(r'(?i)<meta http-equiv="refresh"[^>]*>', "", path.read_text(encoding="utf-8")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(built):
    """(base URL, folder) of the build's output, every document, served on 127.0.0.1."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(built.out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", built.out
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright (which downloads no browser of its own here)."""
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("chromium is missing: run `make test-deps`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, ignore_default_args=["--hide-scrollbars"])
        yield Browser(b)
        b.close()


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make test-deps` (npm ci)")
    return AXE.read_text(encoding="utf-8")


def documents(out: Path) -> list[str]:
    """The web editions' folders of every document published (as the manifest lists them)."""
    import json

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return [d["html"] for d in manifest["documents"].values() if "html" in d]


def pages(out: Path) -> list[str]:
    """Every HTML page of every document published, relative to the build's output folder."""
    found = []
    for doc in documents(out):
        for p in sorted((out / doc).rglob("*.html")):
            rel = p.relative_to(out / doc).parts
            if rel[0] not in ("_static", "_sources", "_images", "downloads"):
                found.append(p.relative_to(out).as_posix())
    return found


def is_redirect(path: Path) -> bool:
    return 'http-equiv="Refresh"' in path.read_text(encoding="utf-8")


def content_pages(out: Path) -> list[str]:
    """The pages of the documents' own content: not the search page or a redirect."""
    return [page for page in pages(out) if not page.endswith("search.html") and not is_redirect(out / page)]


JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")  # kana or kanji


def page_url(base: str, out: Path, page: str) -> str:
    return f"{base}/{page}" + ("?no-refresh" if is_redirect(out / page) else "")


# -- the checks ---------------------------------------------------------------------------------


AXE_RUN_JS = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') +
    ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' '))))"""


def axe_violations(page: Page, axe_source: str) -> list[str]:
    """WCAG 2.1 A/AA violations axe-core finds on the open page: 'rule: target — summary'."""
    page.evaluate(axe_source)
    return page.evaluate(AXE_RUN_JS, WCAG_TAGS)


def outside_requests(requested: list[str], base: str) -> list[str]:
    """Requests of the open page that go anywhere but its own server (data: and blob: are the page's)."""
    return [u for u in requested if not u.startswith((base + "/", "data:", "blob:", "about:"))]


_LOADING_ATTRS = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "embed": ["src"],
    "object": ["data"],
}
_REMOTE = re.compile(r"(?i)\b(?:https?:|wss?:)?//[a-z0-9.-]+\.[a-z]{2,}[/:\"']")


def outside_addresses(path: Path) -> list[str]:
    """Outside addresses the page names to load: scripts, styles, images, frames, inline scripts."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = []
    for tag, attrs in _LOADING_ATTRS.items():
        for el in soup.find_all(tag):
            for a in attrs:
                if el.get(a) and _REMOTE.search(el[a] + "/"):
                    found.append(f"<{tag} {a}={el[a]}>")
    for el in soup.find_all("link"):
        rel = " ".join(el.get("rel", []))
        if el.get("href") and rel != "canonical" and _REMOTE.search(el["href"] + "/"):
            found.append(f"<link rel={rel} href={el['href']}>")
    for el in soup.find_all(["script", "style"]):
        if el.string and _REMOTE.search(el.string):
            found.append(f"<{el.name}> naming {_REMOTE.search(el.string).group(0)}")
    return found


STYLE_PROBLEMS_JS = r"""(() => {
  const out = [];
  const cs = (el) => getComputedStyle(el);
  for (const s of document.querySelectorAll('article span.pasted-text')) {
    const p = s.parentElement;
    if (cs(s).fontWeight !== cs(p).fontWeight)
      out.push(`glued text ${cs(s).fontWeight} in ${cs(p).fontWeight} text: ${s.textContent.slice(0, 20)}`);
    if (cs(s).fontStyle !== cs(p).fontStyle)
      out.push(`glued text ${cs(s).fontStyle}: ${s.textContent.slice(0, 20)}`);
  }
  for (const el of document.querySelectorAll('article figcaption, article figcaption *, article caption, article caption *'))
    if (el.textContent.trim() && cs(el).fontStyle !== 'normal')
      out.push(`caption ${cs(el).fontStyle}: ${el.textContent.trim().slice(0, 20)}`);
  for (const el of document.querySelectorAll('article .source p, article .notes p, article .caption-note p, article .table-unit p'))
    if (parseInt(cs(el).fontWeight) >= 600 || cs(el).fontStyle !== 'normal')
      out.push(`${el.parentElement.className.split(' ')[0]} set ${cs(el).fontWeight} ${cs(el).fontStyle}: ${el.textContent.slice(0, 20)}`);
  return out;
})()"""


def style_problems(page: Page) -> list[str]:
    """Glued text bolder or more slanted than its paragraph; slanted captions; bold 出典 and notes."""
    return page.evaluate(STYLE_PROBLEMS_JS)


LAYOUT_PROBLEMS_JS = r"""(() => {
  const out = [];
  const root = document.documentElement;
  const screenWidth = Math.min(innerWidth, screen.width);   // a phone widens its viewport to fit wide content
  if (root.scrollWidth > screenWidth + 1) out.push(`the page scrolls sideways: ${root.scrollWidth}px in ${screenWidth}px`);
  for (const cell of document.querySelectorAll('article td, article th')) {
    const text = cell.textContent.replace(/\s+/g, '');
    if (!text) continue;
    const s = getComputedStyle(cell), font = parseFloat(s.fontSize);
    const inner = cell.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const boxes = [];                                        // the lines its text takes, not the row's height
    for (const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); walk.nextNode();) {
      const range = document.createRange();
      range.selectNodeContents(walk.currentNode);
      for (const r of range.getClientRects()) if (r.width > 0) boxes.push([r.top, r.bottom]);
    }
    let lines = 0, bottom = -Infinity;                       // boxes that overlap vertically share a line
    for (const [top, bot] of boxes.sort((a, b) => a[0] - b[0])) {
      if (top >= bottom - 1) { lines += 1; bottom = bot; } else bottom = Math.max(bottom, bot);
    }
    if (inner < 2 * font)
      out.push(`cell ${inner.toFixed(0)}px wide (font ${s.fontSize}): ${text.slice(0, 12)}`);
    else if (lines > 1 && text.length / lines < 3)           // wrapped to a character or two a line
      out.push(`cell wraps ${text.length} characters into ${lines} lines: ${text.slice(0, 12)}`);
    if (cell.scrollWidth > cell.clientWidth + 1)
      out.push(`text overflows its cell: ${text.slice(0, 24)}`);
  }
  for (const table of document.querySelectorAll('article table')) {
    let box = table.parentElement, scrolls = false;
    for (; box && box !== document.body; box = box.parentElement)
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX) && box.clientWidth <= screenWidth) { scrolls = true; break; }
    if (table.getBoundingClientRect().width > screenWidth && !scrolls) out.push('a table wider than the screen does not scroll');
  }
  for (const img of document.querySelectorAll('article img'))
    if (img.getBoundingClientRect().width > screenWidth) out.push(`figure wider than the screen: ${img.alt.slice(0, 20)}`);
  // Headings, captions and the 前へ/次へ links: every line whole and on the screen (a heading
  // hidden but for screen readers is one pixel wide).
  for (const el of document.querySelectorAll('article :is(h1, h2, h3, h4, figcaption, caption), .prev-next-area a, .prev-next-title')) {
    const r = el.getBoundingClientRect();
    if (r.width > 1 && (r.right > screenWidth + 1 || r.left < -1 || el.scrollWidth > el.clientWidth + 1))
      out.push(`text cut off or off the screen: ${el.innerText.replace(/\s+/g, ' ').slice(0, 24)}`);
  }
  // A table wider than its box says that it scrolls; a figure opens full size (daisen.js).
  for (const box of document.querySelectorAll('article .pst-scrollable-table-container'))
    if (box.scrollWidth > box.clientWidth + 1 && !getComputedStyle(box, '::before').content.includes('スクロール'))
      out.push(`a table scrolls without saying so: ${box.innerText.replace(/\s+/g, ' ').slice(0, 16)}`);
  for (const img of document.querySelectorAll('article figure img'))
    if (!img.closest('a[href]')?.getAttribute('href').endsWith(img.getAttribute('src')))
      out.push(`figure does not open full size: ${img.alt.slice(0, 20)}`);
  // The page header's items (the 草案 mark, the buttons) side by side inside the header.
  for (const item of document.querySelectorAll('.bd-header-article .header-article-item')) {
    const r = item.getBoundingClientRect(), h = item.closest('.bd-header-article').getBoundingClientRect();
    if (r.width > 0 && (r.top < h.top - 1 || r.bottom > h.bottom + 1))
      out.push(`header item outside the header: ${item.innerText.trim() || item.querySelector('button')?.className.split(' ')[0]}`);
  }
  return out;
})()"""


def layout_problems(page: Page) -> list[str]:
    """On the open page: squeezed or overflowing table cells, sideways scrolling, oversized figures."""
    return page.evaluate(LAYOUT_PROBLEMS_JS)


SEARCH_DONE_JS = """() => {
  const h = document.querySelector('#search-results > h2');
  if (typeof Search === 'undefined' || Search._pulse_status !== -1 || !h
      || h.innerText !== Documentation.gettext('Search Results')) return null;
  return [...document.querySelectorAll('#search-results ul.search > li > a')].map(a => a.getAttribute('href'));
}"""


def search(browser: Browser, search_page: str, query: str, timeout: float = 60) -> list[str] | None:
    """The pages (paths, no anchors) the document's search page lists for ``query``; None if it never finishes."""
    page = browser.open(f"{search_page}?q={urllib.parse.quote(query)}")
    try:
        found = page.wait_for_function(SEARCH_DONE_JS, polling=50, timeout=timeout * 1000).json_value()
    except PlaywrightTimeout:
        return None
    return sorted({h.split("#")[0] for h in found})


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def page_text(path: Path) -> str:
    """What a reader finds on a page: its article text and its figures' descriptions."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup
    return squash(article.get_text(" ") + " ".join(img.get("alt", "") for img in article.find_all("img")))


QUERY_JS = """q => Search._performSearch(...Search._parseQuery(q)).map(r => r[0] + DOCUMENTATION_OPTIONS.LINK_SUFFIX)"""


def search_misses(browser: Browser, doc: Path, search_page: str, queries: list[str]) -> list[str]:
    """Queries whose results list none of the document's pages that hold them.

    The first query goes through the search page as a reader's does (results drawn in the page);
    the others are asked of the same loaded page's search code (Search._performSearch), which is
    what the page runs for a query, without drawing and fetching the result summaries."""
    holders = {}
    for p in doc.rglob("*.html"):
        if p.relative_to(doc).parts[0] not in ("_static", "_sources") and p.name != "search.html":
            holders[p.relative_to(doc).as_posix()] = page_text(p)
    misses, page = [], browser.pages[DESKTOP]
    for i, q in enumerate(queries):
        expected = {name for name, text in holders.items() if squash(q) in text}
        if i == 0:
            found = search(browser, search_page, q)
            if found is not None:
                assert found == sorted(set(page.evaluate(QUERY_JS, q))), q
                summary = page.inner_text("#search-results .search-summary")
                assert summary.endswith(("見つかりました。", "確認してください。")), summary  # said in Japanese
        else:
            found = sorted(set(page.evaluate(QUERY_JS, q)))
        if found is None:
            misses.append(f"{q}: the search did not finish")
        elif not expected:
            misses.append(f"{q}: on no page")
        elif not expected & set(found):
            misses.append(f"{q}: found {found or 'nothing'}, not {sorted(expected)}")
    return misses


def note_terms(root: Path) -> list[str]:
    """The head word of every ※ note term, as a reader types it: 「AI (Artificial Intelligence)」 → AI,
    「B P R (Business Process Re-engineering)」 (the draft's letter spacing) → BPR."""
    with open(root / "data" / "glossary.csv", encoding="utf-8") as fh:
        heads = {re.split(r"\s*[（(]", row["term"])[0].strip() for row in csv.DictReader(fh)}
    return sorted(re.sub(r"^([A-Z]) ([A-Z]) ([A-Z])$", r"\1\2\3", h) for h in heads)


_NUMBERING = re.compile(r"^\s*(?:第\d+章|[(（]\d+[)）]|\d+\.)\s*")


def heading_terms(doc: Path) -> list[str]:
    """The key terms of the document's headings (h1, h2), numbering and ※ marks left out."""
    terms = set()
    for p in doc.rglob("*.html"):
        if p.relative_to(doc).parts[0] in ("_static", "_sources") or p.name == "search.html":
            continue
        article = BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").find("article")
        for h in article.find_all(["h1", "h2"]) if article else []:
            for extra in h.find_all(["a", "sup"]):
                extra.decompose()
            text = _NUMBERING.sub("", h.get_text(" ").strip())
            if text:
                terms.add(text)
    return sorted(terms)


# -- one visit of every page ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def visits(site, browser, axe_source):
    """Every page opened once on a desktop and once on a phone: what each check found there."""
    base, out = site
    found = {}
    for page in pages(out):
        url = page_url(base, out, page)
        desktop = browser.open(url, DESKTOP)
        found[page] = {
            "requests": outside_requests(browser.requested[DESKTOP], base),
            "axe": axe_violations(desktop, axe_source),
            "style": style_problems(desktop),
            "layout": layout_problems(desktop),
        }
        phone = browser.open(url, PHONE)
        found[page]["phone"] = layout_problems(phone)
        found[page]["axe_phone"] = axe_violations(phone, axe_source)
        found[page]["requests"] += outside_requests(browser.requested[PHONE], base)
    return found


def by_page(visits: dict, key: str) -> dict:
    return {page: v[key] for page, v in visits.items() if v[key]}


def test_every_document_is_visited(visits):
    docs = {p.split("/")[0] for p in visits}
    assert docs == {"html", "report", "summary"}
    assert len(visits) >= 20
    assert {"html/book/ch2_policy.html", "html/index.html", "report/html/report/checks.html"} <= set(visits)


# 1. accessibility


def test_axe_finds_no_wcag_violation_on_any_page(visits):
    assert by_page(visits, "axe") == {}
    assert by_page(visits, "axe_phone") == {}


# 2. search


def test_search_finds_compound_words_note_terms_and_headings(site, browser, built):
    base, out = site
    taiko = note_terms(built.root)
    assert {"AI", "DX", "e-Japan 戦略", "SDGs", "EBPM", "ワンストップ窓口"} <= set(taiko) and len(taiko) >= 18
    headings = heading_terms(out / "html")
    assert "人口減少と財政状況" in headings and len(headings) >= 25
    assert search_misses(browser, out / "html", f"{base}/html/search.html", COMPOUND_WORDS + taiko + headings) == []
    report = heading_terms(out / "report" / "html")
    assert len(report) >= 8
    assert search_misses(browser, out / "report" / "html", f"{base}/report/html/search.html", report) == []


# 3. glued text and captions


def test_glued_text_reads_as_the_text_around_it_and_captions_stand_upright(visits, built):
    assert by_page(visits, "style") == {}
    glued = sum(p.read_text(encoding="utf-8").count('class="pasted-text"') for p in built.html.rglob("*.html"))
    assert glued >= 30  # the check had glued text to look at


# 4. phone


def test_on_a_phone_tables_scroll_rather_than_squeeze_and_figures_fit(visits):
    assert by_page(visits, "phone") == {}
    assert by_page(visits, "layout") == {}  # and on a desktop


# 5. nothing from outside


def test_no_page_requests_or_names_anything_outside_its_own_files(visits, site):
    assert by_page(visits, "requests") == {}
    base, out = site
    named = {page: outside_addresses(out / page) for page in visits}
    assert {p: a for p, a in named.items() if a} == {}
    css = {
        p.relative_to(out).as_posix(): re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", p.read_text(errors="replace"))
        for doc in documents(out)
        for p in (out / doc / "_static").rglob("*.css")
    }
    assert {p: u for p, u in css.items() if u} == {}


# -- the checks fail on broken copies -----------------------------------------------------------


@contextlib.contextmanager
def broken_copy(out: Path, page: str, edit):
    """A copy of ``page`` beside it (so its files resolve) with ``edit`` applied to its HTML."""
    src = out / page
    dst = src.with_name("zz-broken-" + src.name)
    dst.write_text(edit(src.read_text(encoding="utf-8")), encoding="utf-8")
    try:
        yield dst.relative_to(out).as_posix()
    finally:
        dst.unlink()


def add_to_head(markup: str):
    return lambda text: text.replace("</head>", markup + "\n</head>", 1)


def add_to_article(markup: str):
    return lambda text: re.sub(r"(<article[^>]*>)", r"\1" + markup.replace("\\", "\\\\"), text, count=1)


def without_house_style(text: str) -> str:
    return re.sub(r"<link[^>]*daisen\.css[^>]*>", "", text)


PAGE = "html/book/ch1_3_5_citizens_voice.html"  # glued text, figures, captions, the 要望度 table


def test_axe_check_fails_on_an_unlabelled_button_and_pale_text(site, browser, axe_source):
    base, out = site
    bad = add_to_article(
        '<button type="button"><svg width="10" height="10"></svg></button><p style="color:#c8c8c8">薄い文字の段落</p>'
    )
    with broken_copy(out, PAGE, bad) as page:
        found = axe_violations(browser.open(f"{base}/{page}"), axe_source)
    rules = {v.split(":")[0] for v in found}
    assert {"button-name", "color-contrast"} <= rules, found


def test_search_check_fails_without_the_splitting_or_with_a_word_left_out(site, browser, built):
    base, out = site
    copy = out / "zz-broken-search"
    shutil.copytree(out / "html", copy)
    try:
        # the search page's own splitting taken away: Sphinx looks the query up unsplit
        data = copy / "_static" / "language_data.js"
        data.write_text(
            data.read_text(encoding="utf-8").replace("function splitQuery(", "function unused("), encoding="utf-8"
        )
        misses = search_misses(
            browser, copy, f"{base}/zz-broken-search/search.html", ["経常収支比率", "ワンストップ窓口"]
        )
        assert len(misses) == 2, misses
        shutil.copy2(out / "html" / "_static" / "language_data.js", data)
        # one pair of characters left out of the index: the words holding it are no longer found
        index = copy / "searchindex.js"
        text = index.read_text(encoding="utf-8")
        body = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        for key in ("terms", "titleterms"):
            body[key].pop("財政", None)
        index.write_text("Search.setIndex(" + json.dumps(body, ensure_ascii=False) + ")", encoding="utf-8")
        misses = search_misses(browser, copy, f"{base}/zz-broken-search/search.html", ["財政力指数", "社人研"])
        assert [m.split(":")[0] for m in misses] == ["財政力指数"], misses
        # a term that no page holds is reported, not passed over
        assert search_misses(browser, copy, f"{base}/zz-broken-search/search.html", ["存在しない用語"]) == [
            "存在しない用語: on no page"
        ]
    finally:
        shutil.rmtree(copy)


def test_style_check_fails_with_bold_glued_text_or_slanted_captions(site, browser):
    base, out = site
    with broken_copy(out, PAGE, without_house_style) as page:
        found = style_problems(browser.open(f"{base}/{page}"))
    assert any(f.startswith("glued text 700") for f in found), found
    assert any(f.startswith("caption italic") for f in found), found
    bold_back = add_to_head("<style>span.pasted-text { font-weight: bold; } .source p { font-weight: bold; }</style>")
    with broken_copy(out, PAGE, bold_back) as page:
        found = style_problems(browser.open(f"{base}/{page}"))
    assert any(f.startswith("glued text 700") for f in found) and any(f.startswith("source set 700") for f in found), (
        found
    )


def test_phone_check_fails_when_tables_squeeze(site, browser):
    base, out = site
    with broken_copy(out, PAGE, without_house_style) as page:
        found = layout_problems(browser.open(f"{base}/{page}", PHONE))
    assert any(f.startswith("cell wraps") and "利用しやすい" in f for f in found), found  # 表2, two characters a line
    no_scroll = add_to_head("<style>.pst-scrollable-table-container { overflow: visible !important; }</style>")
    with broken_copy(out, PAGE, no_scroll) as page:
        found = layout_problems(browser.open(f"{base}/{page}", PHONE))
    assert any("scrolls sideways" in f for f in found) and any("does not scroll" in f for f in found), found
    no_script = lambda text: re.sub(r'<script src="[^"]*daisen\.js[^"]*"></script>', "", text)  # noqa: E731
    with broken_copy(out, PAGE, no_script) as page:
        found = layout_problems(browser.open(f"{base}/{page}", PHONE))
    assert any(f.startswith("a table scrolls without saying so") for f in found), found
    assert any(f.startswith("figure does not open full size") for f in found), found
    one_line = add_to_head("<style>.prev-next-title { white-space: nowrap; }</style>")
    with broken_copy(out, PAGE, one_line) as page:  # its 次へ title is longer than half a phone
        found = layout_problems(browser.open(f"{base}/{page}", PHONE))
    assert any(f.startswith("text cut off") for f in found), found


def test_outside_request_checks_fail_on_a_cdn_script_and_a_tracking_image(site, browser):
    base, out = site
    bad = add_to_head(
        '<script src="https://cdn.example.org/x.js"></script>'
        '<script>const THEBE_JS_URL = "https://unpkg.com/thebe@0.8.2/lib/index.js"</script>'
    )
    bad_body = add_to_article('<img src="http://tracker.example.com/p.gif" alt="">')
    with broken_copy(out, PAGE, lambda t: bad_body(bad(t))) as page:
        browser.open(f"{base}/{page}")
        requested = outside_requests(browser.requested[DESKTOP], base)
        named = outside_addresses(out / page)
    assert {urllib.parse.urlsplit(u).hostname for u in requested} >= {"cdn.example.org", "tracker.example.com"}
    assert len(named) == 3, named


# -- what the old web tests checked, still true -------------------------------------------------


def test_every_figure_has_japanese_alt_text(built):
    imgs = [
        (p.name, tag)
        for p in built.html.rglob("*.html")
        for tag in re.findall(r"<img[^>]*>", p.read_text(encoding="utf-8"))
        if "_images/" in tag
    ]
    assert len(imgs) >= 10
    for name, tag in imgs:
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt and JAPANESE.search(htmllib.unescape(alt.group(1))), (name, tag)


def test_tables_have_header_cells_and_pages_start_with_h1(site):
    _, out = site
    for page in content_pages(out):
        text = (out / page).read_text(encoding="utf-8")
        for table in re.findall(r"(?s)<table.*?</table>", text):
            assert "<th" in table, page
        heads = [int(h) for h in re.findall(r"<h([1-6])", text.split("<article", 1)[-1])]
        assert heads and heads[0] == 1, page
        assert all(b - a <= 1 for a, b in zip(heads, heads[1:], strict=False)), (page, heads)


def links_inside_links(html: str) -> list[str]:
    """Links nested in links (invalid HTML: a browser splits them, and the inner one shows as
    an entry of its own, as a heading's ※ mark did in the page's contents list)."""
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text(" ", strip=True) for a in soup.select("a a")]


def test_no_link_inside_a_link(site):
    _, out = site
    nested = {page: links_inside_links((out / page).read_text(encoding="utf-8")) for page in pages(out)}
    assert {page: found for page, found in nested.items() if found} == {}
    toc = BeautifulSoup((out / "html/book/ch1_4_review.html").read_text(encoding="utf-8"), "html.parser")
    entries = [a.get_text(strip=True) for a in toc.select("#pst-page-toc-nav a")]
    assert "（3）サービス向上と業務効率化を目指すオフィス改革" in entries  # the heading with a ※ mark, without it
    assert links_inside_links('<a href="#x">見出し<sup><a href="#n">※1</a></sup></a>') == ["※1"]


def english_labels(html: str) -> list[str]:
    """Titles (shown on hover) and accessible names (read out) with Latin letters and no
    Japanese, outside what is only printed."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for el in soup.select("[title], [aria-label]"):
        if el.find_parent(class_="onlyprint"):
            continue
        for attr in ("title", "aria-label"):
            value = el.get(attr) or ""
            if re.search(r"[A-Za-z]{2}", value) and not JAPANESE.search(value):
                found.append(f"{attr}={value}")
    return found


def test_hover_titles_and_accessible_names_are_japanese(site):
    _, out = site
    found = {page: english_labels((out / page).read_text(encoding="utf-8")) for page in pages(out)}
    assert {page: labels for page, labels in found.items() if labels} == {}
    assert english_labels('<a title="Link to this heading">#</a><nav aria-label="目次"></nav>') == [
        "title=Link to this heading"
    ]


def selected(out: Path, chosen: list[str], selector: str) -> dict:
    """The elements ``selector`` finds on each of the ``chosen`` pages that has any."""
    found = {}
    for page in chosen:
        elements = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser").select(selector)
        if elements:
            found[page] = elements
    return found


def test_pages_that_are_only_a_heading_list_their_sections(site):
    """On a phone the sidebar is closed: 第1章's and 3. 市の状況's pages, a heading each in the
    draft, list their sections (the web edition only) rather than look empty."""
    _, out = site
    lists = {}
    for page, links in selected(out, pages(out), "article ul.section-contents a").items():
        lists[page] = [a.get_text(strip=True) for a in links]
        assert all((out / page).parent.joinpath(a["href"]).exists() for a in links), page
    assert set(lists) == {"html/book/ch1_background.html", "html/book/ch1_3_situation.html"}
    assert lists["html/book/ch1_background.html"][:3] == ["1. 大綱策定にあたって", "2. 大綱の位置付け", "3. 市の状況"]
    assert len(lists["html/book/ch1_background.html"]) == 5 and len(lists["html/book/ch1_3_situation.html"]) == 5
    assert lists["html/book/ch1_3_situation.html"][0] == "(1) 人口減少と財政状況"


def test_report_index_leads_to_the_taiko_published_beside_it(site, built):
    _, out = site
    index = out / "report/html/report/index.html"
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("article p.taiko-link a")
    assert link is not None and link.get_text(strip=True) == "大綱の Web 版を開く"
    assert index.parent.joinpath(link["href"]).resolve() == (out / "html/index.html").resolve()
    assert "大綱の Web 版を開く" not in pdf_text(built.report_pdf)  # a web link only


def test_every_page_of_a_draft_is_marked_as_such(site):
    """As every page of the PDF carries the 草案 mark, every web page does (someone arriving
    from a shared link sees it), in the page header, once."""
    _, out = site
    for page in content_pages(out):
        soup = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
        marks = [m.get_text(strip=True) for m in soup.select(".bd-header-article .status-mark")]
        assert marks == ["草案"], page


def test_redirect_pages_lead_to_a_page_of_their_document(site):
    _, out = site
    stubs = [p for p in pages(out) if is_redirect(out / p)]
    assert sorted(stubs) == ["html/index.html", "report/html/index.html", "summary/html/index.html"]
    for stub in stubs:
        soup = BeautifulSoup((out / stub).read_text(encoding="utf-8"), "html.parser")
        target = soup.find("a")["href"]
        assert soup.html["lang"] == "ja" and soup.title.string and (out / stub).parent.joinpath(target).exists()


def test_downloads_offered_beside_figures_exist(built):
    links = {}
    for page in built.html.rglob("*.html"):
        for href in re.findall(r'href="([^"]*downloads/[^"]+)"', page.read_text(encoding="utf-8")):
            links[href] = (page.parent / urllib.parse.unquote(href)).resolve()
    assert len(links) >= 16
    for href, target in links.items():
        assert target.exists() and target.stat().st_size > 0, href
        if target.suffix == ".csv":
            assert len(target.read_bytes().decode("utf-8-sig").splitlines()) >= 2, href


def test_footer_is_the_citys_line(site):
    """The footer names the city and the edition's issue month as the cover does (令和7年12月):
    not Sphinx's 「© Copyright」, a 「最終更新」 Western date or a 「著者」 line."""
    from daisen_taiko.inputs.params import load_edition

    ed = load_edition()
    _, out = site
    chosen = content_pages(out) + [p for p in pages(out) if p.endswith("search.html")]
    footers = {
        page: [f.get_text(" ", strip=True) for f in found]
        for page, found in selected(out, chosen, "footer.bd-footer-content").items()
    }
    assert set(footers) == set(chosen)
    assert {page: f for page, f in footers.items() if f != [f"{ed.municipality}　{ed.issued_label}"]} == {}


def test_no_keyboard_shortcut_is_shown(site):
    """The theme's search fields show 「Ctrl + K」 (English, and a key a phone has not): the
    header's search dialog, the sidebar's search box and the search page show none."""
    _, out = site
    shown = selected(out, pages(out), "kbd, .search-button__kbd-shortcut")
    assert {page: [k.get_text("", strip=True) for k in found] for page, found in shown.items()} == {}


def test_no_index_page_is_published_or_linked(site):
    """There is no index: no 索引 page (genindex.html) in either document and no link to one;
    the search page is still there."""
    _, out = site
    for doc in documents(out):
        assert not (out / doc / "genindex.html").exists(), doc
        assert (out / doc / "search.html").exists(), doc
    linked = [page for page in pages(out) if "genindex" in (out / page).read_text(encoding="utf-8")]
    assert linked == []
