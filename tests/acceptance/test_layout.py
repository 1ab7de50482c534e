"""Layout of the two PDFs of the default edition (the 大綱 and the 作業レポート).

Each check is a function over what poppler reads from a PDF (text, word and line boxes)
or over a LaTeX log, returning the faults it finds.  Every check is run on the built PDFs
(no fault) and on a broken input (faults): a real small build typeset with the Sphinx
preamble of the 大綱 but without the house style (the state the house style fixes), or an
edited extract of the real build (a heading moved to the foot of a page, a caption moved
to the next page, an overfull line added to a log …).

The checks:
1. no 「第 0 章」 (a chapter number that does not exist) and no 「平成31年度」 in the text;
2. no page whose last line of text is a heading (the headings are read from the .toc);
3. every (図N) caption on a page that draws its figure (figures are included PDFs, drawn as
   form XObjects: counted per page from the PDF), every 表N caption with its table below;
4. no overfull box wider than 1pt and no undefined reference in the LaTeX logs;
5. the page number in one place (bottom centre) on every page after the cover, none on
   the cover, nothing but the status mark above the text.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from draft import DRAFT
from support import ROOT, Char, is_figure, page_chars, paper_of, pdf_text

from daisen_taiko.engine.latex import log_problems, tex_env

# ------------------------------------------------------------------ reading a PDF with poppler


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


_BOX = re.compile(r'<(word|line) xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</\1>', re.S)


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext -layout)."""
    pages = pdf_text(pdf).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_words(pdf: Path) -> list[list[Box]]:
    """The words of each page with their boxes (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[Box(m[6], *map(float, m.groups()[1:5])) for m in _BOX.finditer(page)] for page in out.split("<page ")[1:]]


def page_lines(pdf: Path) -> list[list[Box]]:
    """The lines of each page (pdftotext -bbox-layout), their text the words joined."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        lines = []
        for m in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', page, re.S
        ):
            words = re.findall(r"<word [^>]*>(.*?)</word>", m[5])
            lines.append(Box(" ".join(words), *map(float, m.groups()[:4])))
        pages.append(lines)
    return pages


# The text area: below the status mark (草案, in the top margin), above the page number.
TOP, FOOT = 0.074, 0.925  # fractions of the page height (A4: 62pt and 779pt from the top)


def body_lines(lines: list[Box], height: float) -> list[Box]:
    return [b for b in lines if b.y0 > TOP * height and b.y1 < FOOT * height]


# Figures are included PDFs: dvipdfmx draws each as a form XObject.  poppler has no tool
# that lists them (pdfimages lists raster images only), so the page objects are read here.

_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_REF = rb"(\d+)\s+\d+\s+R"


def _pdf_objects(data: bytes) -> dict[int, bytes]:
    """Every object of a PDF, those inside object streams included."""
    objs: dict[int, bytes] = {}
    for m in _OBJ.finditer(data):
        start, end = m.end(), data.find(b"endobj", m.end())
        s = data.find(b"stream", start)
        if s != -1 and s < end:
            length = int(re.search(rb"/Length\s+(\d+)", data[start:s])[1])
            body = data[s + 6 :].lstrip(b"\r").lstrip(b"\n")
            objs[int(m[1])] = data[start:s] + b"stream\n" + body[:length]
        else:
            objs[int(m[1])] = data[start:end]
    for body in list(objs.values()):
        if re.search(rb"/Type\s*/ObjStm", body):
            head, raw = _pdf_stream(body)
            first = int(re.search(rb"/First\s+(\d+)", head)[1])
            nums = list(map(int, raw[:first].split()))
            pairs = list(zip(nums[::2], nums[1::2]))
            for k, (num, off) in enumerate(pairs):
                stop = pairs[k + 1][1] if k + 1 < len(pairs) else len(raw) - first
                objs[num] = raw[first + off : first + stop]
    return objs


def _pdf_stream(body: bytes) -> tuple[bytes, bytes]:
    head, _, raw = body.partition(b"stream\n")
    return head, zlib.decompress(raw) if b"/FlateDecode" in head else raw


def _pdf_dict(objs: dict[int, bytes], body: bytes, key: bytes) -> bytes:
    """The value of /key: the referenced object, or the inline << … >>."""
    m = re.search(rb"/" + key + rb"\s*(?:" + _REF + rb"|(<<))", body)
    if not m:
        return b""
    if m[1]:
        return objs[int(m[1])]
    depth, i = 0, m.start(2)
    while i < len(body):
        if body.startswith(b"<<", i):
            depth, i = depth + 1, i + 2
        elif body.startswith(b">>", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return body[m.start(2) : i]
        else:
            i += 1
    return body[m.start(2) :]


def forms_per_page(pdf: Path) -> list[int]:
    """How many form XObjects (included figures) each page draws, in page order."""
    objs = _pdf_objects(pdf.read_bytes())
    root = next(b for b in objs.values() if re.search(rb"/Type\s*/Catalog", b))
    pages: list[bytes] = []

    def walk(num: int) -> None:
        body = objs[num]
        if re.search(rb"/Type\s*/Pages\b", body):
            for kid in re.findall(_REF, re.search(rb"/Kids\s*\[([^\]]*)\]", body)[1]):
                walk(int(kid))
        else:
            pages.append(body)

    walk(int(re.search(rb"/Pages\s+" + _REF, root)[1]))
    counts = []
    for page in pages:
        xobjects = _pdf_dict(objs, _pdf_dict(objs, page, b"Resources"), b"XObject")
        named = {n: int(r) for n, r in re.findall(rb"/([^\s/<>\[\]()]+)\s+" + _REF, xobjects)}
        contents = re.search(rb"/Contents\s*(?:\[([^\]]*)\]|" + _REF + rb")", page)
        refs = re.findall(_REF, contents[1]) if contents[1] else [contents[2]]
        drawn = re.findall(rb"/([^\s/<>\[\]()]+)\s+Do\b", b"".join(_pdf_stream(objs[int(r)])[1] for r in refs))
        counts.append(sum(1 for n in drawn if n in named and re.search(rb"/Subtype\s*/Form", objs[named[n]])))
    return counts


# ------------------------------------------------------------------ the checks


def check_words(texts: list[str]) -> list[str]:
    """1. 「第 0 章」 (no chapter is numbered 0) or 「平成31年度」 anywhere."""
    faults = []
    for n, text in enumerate(texts, 1):
        for bad in (r"第\s*0\s*章", r"平成\s*31\s*年度"):
            for m in re.finditer(bad, text):
                faults.append(f"p.{n}: 「{m[0]}」")
    return faults


def _braced(text: str, i: int) -> tuple[str, int]:
    """The {…} group starting at text[i] (nested braces), and the index after it."""
    assert text[i] == "{", text[i : i + 20]
    depth = 0
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i + 1 : j], j + 1
    raise ValueError(text[i : i + 40])


def toc_headings(toc: str) -> list[str]:
    """The heading texts of a LaTeX .toc (\\contentsline {level}{text}{page}{anchor})."""
    out = []
    for m in re.finditer(r"\\contentsline\s*", toc):
        _, i = _braced(toc, m.end())
        text, _ = _braced(toc, i)
        text = re.sub(r"\\daisennoteref\s*\{[^{}]*\}\{[^{}]*\}", "", text)
        text = re.sub(r"\\sphinxhyphen\s*\{\}", "-", text)
        text = re.sub(r"\\([_&%#$])", r"\1", text)
        text = re.sub(r"\\[A-Za-z@]+\s*", "", text).replace("{", "").replace("}", "")
        out.append(text)
    return out


def _norm(text: str) -> str:
    return re.sub(r"※\d+", "", re.sub(r"\s+", "", text))


def check_heading_at_foot(lines: list[list[Box]], height: float, headings: list[str]) -> list[str]:
    """2. Pages whose last line of text is a heading (or the last line of a wrapped one)."""
    heads = {_norm(h) for h in headings if _norm(h)}
    faults = []
    for n, page in enumerate(lines, 1):
        body = body_lines(page, height)
        if not body:
            continue
        last = _norm(max(body, key=lambda b: b.y1).text)
        if last and any(h == last or (len(last) >= 4 and h.endswith(last)) for h in heads):
            faults.append(f"p.{n}: 見出し「{last}」でページが終わっている")
    return faults


_CAPTION = re.compile(r"^\s*\(([図表])(\d+)\)\s*\S")  # the draft's form: (図1) 大仙市の将来推計人口


def check_captions(texts: list[str], forms: list[int]) -> list[str]:
    """3. A 図N caption on a page that draws fewer figures than it has captions; a 表N caption
    with nothing below it on its page (its table went to the next page)."""
    faults = []
    for n, (text, drawn) in enumerate(zip(texts, forms), 1):
        lines = [line for line in text.splitlines() if line.strip()]
        body = [line for line in lines if not re.fullmatch(r"\s*([0-9]+|[ivxlc]+)\s*", line)]  # minus the folio
        figures = [m for line in body if (m := _CAPTION.match(line)) and m[1] == "図"]
        if len(figures) > drawn:
            faults.append(f"p.{n}: 図の見出し {len(figures)} 件に対し図が {drawn} 件")
        if body and (m := _CAPTION.match(body[-1])) and m[1] == "表":
            faults.append(f"p.{n}: 表{m[2]} の見出しだけがページ末にある")
    return faults


def check_log(log: str) -> list[str]:
    """4. Overfull boxes wider than 1pt and undefined references (build.latex.log_problems)."""
    return log_problems(log)


_FOLIO = re.compile(r"[0-9]+|[ivxlc]+")


def check_folios(words: list[list[Box]], width: float, height: float) -> list[str]:
    """5. One page number per page after the cover, bottom centre, at one height; none on the
    cover; nothing above the text but the status mark."""
    faults, heights = [], []
    for n, page in enumerate(words, 1):
        foot = [w for w in page if w.y0 > FOOT * height]
        top = [w for w in page if w.y1 < TOP * height and w.text not in ("草案", "(草案)", "（草案）")]
        if top:
            faults.append(f"p.{n}: 上余白に「{' '.join(w.text for w in top)}」")
        if n == 1:
            if foot:
                faults.append(f"p.1（表紙）: ページ番号「{' '.join(w.text for w in foot)}」")
            continue
        folios = [w for w in foot if _FOLIO.fullmatch(w.text)]
        if len(folios) != 1 or len(foot) != 1:
            faults.append(f"p.{n}: 下余白に「{' '.join(w.text for w in foot) or '（なし）'}」")
            continue
        w = folios[0]
        if abs((w.x0 + w.x1) / 2 - width / 2) > 3:
            faults.append(f"p.{n}: ページ番号「{w.text}」が中央にない（x={(w.x0 + w.x1) / 2:.0f}）")
        heights.append((n, w.y0))
    if heights:
        y = heights[0][1]
        faults += [
            f"p.{n}: ページ番号の高さが違う（{y0:.0f}pt、{y:.0f}pt のはず）" for n, y0 in heights if abs(y0 - y) > 1
        ]
    return faults


# ------------------------------------------------------------------ the built documents


@dataclass
class Doc:
    pdf: Path
    latex: Path  # the LaTeX folder: <stem>.tex/.log/.toc
    stem: str

    @property
    def log(self) -> str:
        return (self.latex / f"{self.stem}.log").read_text(encoding="utf-8", errors="replace")

    @property
    def toc(self) -> str:
        return (self.latex / f"{self.stem}.toc").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docs(built) -> dict[str, Doc]:
    return {
        "taiko": Doc(built.pdf, built.work / "sphinx" / "taiko" / "_build" / "latex", "book"),
        "report": Doc(built.report_pdf, built.work / "sphinx" / "report" / "_build" / "latex", "report"),
    }


@pytest.fixture(scope="module")
def mini(built, tmp_path_factory) -> dict[str, Path]:
    """Two small real builds with the 大綱's Sphinx preamble: 'styled' (the house style) and
    'unstyled' (without it, only its unnumbered chapters: the state of the PDF before the
    house style took over the page style) — a cover, the 目次, a chapter of three pages."""
    latex = built.work / "sphinx" / "taiko" / "_build" / "latex"
    preamble = (latex / "book.tex").read_text(encoding="utf-8").split("\\begin{document}")[0]
    body = (
        "\\begin{document}\n\\pagestyle{empty}\n\\begin{titlepage}\\centering 表紙\\end{titlepage}\n"
        "\\pagestyle{plain}\n\\sphinxtableofcontents\n\\pagestyle{normal}\n"
        "\\chapter{第1章 テストの章}\n\\section{1. テストの節}\n"
        + "\n\n".join(["\\sphinxAtStartPar\n" + "本文の行を重ねて三ページにわたる章にします。" * 12] * 24)
        + "\n\\end{document}\n"
    )
    out = {}
    for name, style in (("styled", "\\usepackage{daisen}"), ("unstyled", "\\setcounter{secnumdepth}{-1}")):
        d = tmp_path_factory.mktemp(name)
        for f in latex.iterdir():
            if f.suffix in (".sty", ".cls", ".def", ".cfg"):
                shutil.copy2(f, d / f.name)
        text = preamble.replace("\\usepackage{daisen}", style) + body
        assert style in text
        (d / "mini.tex").write_text(text, encoding="utf-8")
        for _ in range(2):
            subprocess.run(
                ["uplatex", "-interaction=nonstopmode", "-halt-on-error", "-kanji=utf8", "mini.tex"],
                cwd=d,
                env=tex_env(),
                capture_output=True,
                check=True,
            )
        subprocess.run(["dvipdfmx", "-q", "mini.dvi"], cwd=d, env=tex_env(), capture_output=True, check=True)
        out[name] = d / "mini.pdf"
    return out


DOCS = ["taiko", "report"]


# 1. 「第 0 章」 / 「平成31年度」


@pytest.mark.parametrize("doc", DOCS)
def test_no_chapter_zero_nor_heisei_31(docs, doc):
    assert check_words(page_texts(docs[doc].pdf)) == []


def test_chapter_zero_check_fails_on_a_broken_build(mini):
    assert check_words(page_texts(mini["styled"])) == []
    faults = check_words(page_texts(mini["unstyled"]))  # the running foot 「第 0 章 第1章 …」
    assert faults and all("第 0 章" in f for f in faults), faults
    assert check_words(["", "令和元年度（平成31年度）の決算"]) == ["p.2: 「平成31年度」"]


# 2. no heading at the foot of a page


def bracketed_lines() -> list[str]:
    """The draft's lines that are a 【…】 alone (【質の改革】, 【取組内容】 …): headings in all but name."""
    return [
        s for line in DRAFT.read_text(encoding="utf-8").splitlines() if re.fullmatch(r"【[^】]+】", s := line.strip())
    ]


@pytest.mark.parametrize("doc", DOCS)
def test_no_page_ends_with_a_heading(docs, doc):
    d = docs[doc]
    headings = toc_headings(d.toc) + bracketed_lines()
    assert len(headings) > 10 and {"taiko": "第1章 大綱策定の背景", "report": "記述の検証"}[doc] in headings
    assert "【量の改革】" in headings
    _, height = paper_of(d.pdf)
    assert check_heading_at_foot(page_lines(d.pdf), height, headings) == []


def test_heading_check_fails_on_a_page_ending_with_a_heading(docs):
    d = docs["taiko"]
    headings = toc_headings(d.toc)
    assert "(4) 地域幸福度 (Well-Being) 指標" in headings
    assert any(h.endswith("オフィス改革") for h in headings)  # the ※ mark is not part of it
    _, height = paper_of(d.pdf)
    lines = page_lines(d.pdf)
    page = next(  # a body page with room below its last line: put a heading there
        n for n in range(5, len(lines)) if max(b.y1 for b in body_lines(lines[n - 1], height)) < FOOT * height - 30
    )
    last = max(body_lines(lines[page - 1], height), key=lambda b: b.y1)
    moved = replace(last, text="(4) 地域幸福度 (Well-Being) 指標", y0=last.y0 + 20, y1=last.y1 + 20)
    broken = [list(p) for p in lines]
    broken[page - 1].append(moved)
    assert check_heading_at_foot(broken, height, headings) == [
        f"p.{page}: 見出し「(4)地域幸福度(Well-Being)指標」でページが終わっている"
    ]
    wrapped = replace(moved, text="(Well-Being) 指標")  # the last line of a wrapped heading
    broken[page - 1][-1] = wrapped
    assert len(check_heading_at_foot(broken, height, headings)) == 1


# 3. captions with their figures and tables


@pytest.mark.parametrize("doc", DOCS)
def test_every_caption_is_on_the_page_of_its_figure_or_table(docs, doc):
    d = docs[doc]
    texts, forms = page_texts(d.pdf), forms_per_page(d.pdf)
    assert len(texts) == len(forms)
    if doc == "taiko":
        captions = sum(1 for t in texts for line in t.splitlines() if (m := _CAPTION.match(line)) and m[1] == "図")
        assert captions >= 10 and sum(forms) == captions, (captions, forms)
    assert check_captions(texts, forms) == []


def test_caption_check_fails_when_a_caption_leaves_its_figure_or_table(docs):
    d = docs["taiko"]
    texts, forms = page_texts(d.pdf), forms_per_page(d.pdf)
    n = next(i for i, t in enumerate(texts) if re.search(r"^\s*\(図1\)", t, re.M))
    lines = texts[n].splitlines()
    cap = next(i for i, line in enumerate(lines) if re.match(r"\s*\(図1\)", line))
    broken = list(texts)  # 図1's caption moved to the top of the next page
    broken[n] = "\n".join(lines[:cap] + lines[cap + 1 :])
    broken[n + 1] = lines[cap] + "\n" + texts[n + 1]
    if forms[n + 1] == 0:
        assert check_captions(broken, forms) == [f"p.{n + 2}: 図の見出し 1 件に対し図が 0 件"]
    else:  # the next page has a figure of its own
        assert any(f.startswith(f"p.{n + 2}: 図の見出し") for f in check_captions(broken, forms))
    t = next(i for i, t in enumerate(texts) if re.search(r"^\s*\(表1\)", t, re.M))
    lines = texts[t].splitlines()
    cap = next(i for i, line in enumerate(lines) if re.match(r"\s*\(表1\)", line))
    broken = list(texts)  # 表1's caption left at the foot of the previous page
    broken[t] = "\n".join(lines[:cap] + lines[cap + 1 :])
    broken[t - 1] = texts[t - 1].rstrip() + "\n" + lines[cap] + "\n"
    assert check_captions(broken, forms) == [f"p.{t}: 表1 の見出しだけがページ末にある"]


# 4. the LaTeX logs


@pytest.mark.parametrize("doc", DOCS)
def test_no_overfull_box_nor_undefined_reference_in_the_log(docs, doc):
    log = docs[doc].log
    assert "Output written" in log
    assert check_log(log) == []


def test_log_check_fails_on_overfull_boxes_and_undefined_references(docs, tmp_path):
    log = docs["taiko"].log  # shipped: the cover [1], the 目次 [1], pages [1] [2], then [3]
    wide = log.replace(
        "\n [3]",
        "\nOverfull \\hbox (5.0pt too wide) in paragraph at lines 10--12\n"
        "[]|\\T1/qtm/m/n/10 www.example.jp/a/very/long/address|\n\n [3]",
        1,
    )
    assert wide != log
    assert check_log(wide) == [
        "行が版面から 5.0pt はみ出しています：PDF の 5 ページ目付近"
        "（book.tex の 10〜12 行）「www.example.jp/a/very/long/address」"
    ]
    assert (
        check_log(
            log.replace("\n [3]", "\nOverfull \\hbox (0.6pt too wide) in paragraph at lines 10--12\n[]|x|\n\n [3]", 1)
        )
        == []
    )
    # a real (tiny) upLaTeX run: a line 5pt too wide and a reference to no label
    (tmp_path / "t.tex").write_text(
        "\\documentclass{ujbook}\\begin{document}\n"
        "\\noindent\\hbox to 100pt{\\hskip 105pt}\\par\n"
        "表\\ref{nowhere}を参照\n\\end{document}\n",
        encoding="utf-8",
    )
    subprocess.run(
        ["uplatex", "-interaction=nonstopmode", "-kanji=utf8", "t.tex"],
        cwd=tmp_path,
        env=tex_env(),
        capture_output=True,
    )
    faults = log_problems((tmp_path / "t.log").read_text(encoding="utf-8", errors="replace"), "t.tex")
    assert len(faults) == 2, faults
    assert faults[0].startswith("行が版面から 5.0pt はみ出しています：PDF の 1 ページ目付近（t.tex の 2 行）")
    assert faults[1] == "参照先が見つかりません：「nowhere」（1 ページ、t.tex の 3 行）"


# 5. page numbers


@pytest.mark.parametrize("doc", DOCS)
def test_page_number_bottom_centre_on_every_page_after_the_cover(docs, doc):
    pdf = docs[doc].pdf
    width, height = paper_of(pdf)
    words = page_words(pdf)
    assert len(words) > 10
    assert check_folios(words, width, height) == []


def test_page_number_check_fails_on_a_broken_build(mini, docs):
    for name in ("styled", "unstyled"):
        width, height = paper_of(mini[name])
        faults = check_folios(page_words(mini[name]), width, height)
        if name == "styled":
            assert faults == []
        else:  # the 目次 and the chapter's first page: number at the top right; running heads; 「第 0 章 …」
            assert "p.2: 上余白に「i」" in faults and "p.2: 下余白に「（なし）」" in faults, faults
            assert "p.3: 上余白に「1」" in faults and any(f.startswith("p.4: 上余白に「大仙市") for f in faults), faults
            assert any(f.startswith("p.4: 下余白に「2 第 0 章") for f in faults), faults
    pdf = docs["taiko"].pdf
    width, height = paper_of(pdf)
    words = [list(p) for p in page_words(pdf)]
    folio = next(w for w in words[4] if w.y0 > FOOT * height)
    words[4] = [w for w in words[4] if w is not folio] + [replace(folio, x0=folio.x0 + 200, x1=folio.x1 + 200)]
    assert check_folios(words, width, height) == [
        f"p.5: ページ番号「{folio.text}」が中央にない（x={(folio.x0 + folio.x1) / 2 + 200:.0f}）"
    ]
    words[0].append(replace(folio, text="1"))
    assert "p.1（表紙）: ページ番号「1」" in check_folios(words, width, height)


# 6. 【これまでの大綱等の主な取組】: items without marks, wrapped lines hanging


def test_earlier_plans_items_wrap_under_their_first_line(built):
    """The table's cells list items without marks, as the draft does: every item starts at its
    column's edge and every wrapped line of an item starts about one character further in
    (「上下水道)」 read as an item of its own)."""
    with open(ROOT / "data" / "earlier_plans_initiatives.csv", encoding="utf-8") as fh:
        items = [r["initiative"].replace(" ", "") for r in csv.DictReader(fh)]
    lines = next(p for p in page_lines(built.pdf) if any("【これまでの大綱等の主な取組】" in b.text for b in p))
    for first in ("ホームページを通じた情報発信", "組織機構の見直し"):  # the first item of each 主な取組 column
        edge, top = next((b.x0, b.y0) for b in lines if b.text.startswith(first))
        bottom = min(b.y0 for b in lines if "：" in b.text and b.y0 > top)  # the ※ notes under the table
        column = [b for b in lines if top <= b.y0 < bottom and edge - 1 <= b.x0 < edge + 20]
        starts = [b for b in column if any(i.startswith(b.text.split()[0]) for i in items)]
        wrapped = [b for b in column if b not in starts]
        assert starts and all(round(b.x0 - edge, 1) == 0 for b in starts), [(b.x0 - edge, b.text) for b in starts]
        assert wrapped and all(7 <= b.x0 - edge <= 12 for b in wrapped), [(b.x0 - edge, b.text) for b in wrapped]


# ------------------------------------------------------------------ print sizes, line breaks, glyphs, fill
# What a reviewer of the printed 大綱 checks (issue 26): body text at 10.5 pt or more and every
# text of a figure at 7 pt or more at print size; no date, era year or number with its unit
# broken over two lines; no ligature glyph in the text a reader copies; no page more than 30 %
# empty except the last page before a chapter; captions centred.  Sizes are in PDF points
# (1/72 in, the point of a word processor's 「10.5ポイント」).

BODY_MIN, SMALL_MIN, MARK_MIN, FIGURE_MIN = 10.5, 9.5, 7.0, 7.0


def check_text_sizes(pages: list[list[Char]]) -> list[str]:
    """The body (the most used size of the body font, Harano Aji Mincho) at BODY_MIN or more; no
    text but the raised ※ marks below SMALL_MIN (notes, 出典, captions, tables); ※ marks at
    MARK_MIN or more.  The cover and the 目次 are counted like any page."""
    from collections import Counter

    body = Counter(c.size for p in pages for c in p if c.font.startswith("HaranoAjiMincho"))
    faults = []
    size = body.most_common(1)[0][0] if body else 0.0
    if size < BODY_MIN:
        faults.append(f"本文が {size:.2f}pt（{BODY_MIN}pt 以上のはず）")
    for n, page in enumerate(pages, 1):
        runs: list[list[Char]] = []  # consecutive characters below SMALL_MIN of about one size
        for c in page:
            if is_figure(c) or c.size >= SMALL_MIN or not c.text.strip():
                runs.append([])
            elif runs and runs[-1] and abs(runs[-1][-1].size - c.size) < 0.5:  # ※ (Japanese) and 1
                runs[-1].append(c)
            else:
                runs.append([c])
        for run in filter(None, runs):
            text, least = "".join(c.text for c in run), min(c.size for c in run)
            if not re.fullmatch(r"※[0-9]+", text):
                faults.append(f"p.{n}: 「{text[:20]}」が {least:.2f}pt（{SMALL_MIN}pt 以上のはず）")
            elif least < MARK_MIN:
                faults.append(f"p.{n}: 注の印「{text}」が {least:.2f}pt（{MARK_MIN}pt 以上のはず）")
    return faults


def check_figure_sizes(pages: list[list[Char]]) -> list[str]:
    """Every character drawn in a figure at FIGURE_MIN or more at print size."""
    faults = []
    for n, page in enumerate(pages, 1):
        small = [c for c in page if is_figure(c) and c.size < FIGURE_MIN]
        if small:
            sizes = sorted({c.size for c in small})
            faults.append(
                f"p.{n}: 図の文字「{''.join(c.text for c in small)[:30]}」が {sizes[0]:.2f}pt（{FIGURE_MIN}pt 以上のはず）"
            )
    return faults


# A date, an era year (with its span), a number with its unit: kept on one line.
_NUM = r"[0-9０-９][0-9０-９,，.．]*(?:[万億兆][0-9０-９,，.．]*)*"
_ERA = r"(?:令和|平成|昭和)(?:元|[0-9０-９]+)(?:年度?)?[〜～]?"  # a span may break after its 〜
_DATE = r"(?:[0-9０-９]{4}年|(?:令和|平成|昭和)(?:元|[0-9０-９]+)年)[0-9０-９]+月(?:[0-9０-９]+日)?|[0-9０-９]+月[0-9０-９]+日"
_UNIT = r"(?:%|％|人|円|万円|億円|千円|件|世帯|歳|倍|ポイント|時間|か月|ヶ月|年間|年度|年|月|日|回|課|校|団体|割)"
UNBROKEN = re.compile(rf"{_DATE}|{_ERA}|{_NUM}{_UNIT}")


def check_unbroken_runs(lines: list[list[Box]], chars: list[list[Char]]) -> list[str]:
    """A line that ends inside a date, an era year or a number with its unit, continued on the
    next line of its block (poppler's reading order).  Lines of figures (a tick label above a
    value label) are not text lines."""
    faults = []
    for n, (page, page_chars_) in enumerate(zip(lines, chars), 1):
        drawn = [c for c in page_chars_ if is_figure(c)]
        page = [b for b in page if not any(b.x0 <= c.x <= b.x1 and b.y0 <= c.y <= b.y1 for c in drawn)]
        for line, nxt in zip(page, page[1:]):
            tail, head = line.text.replace(" ", "")[-14:], nxt.text.replace(" ", "")[:14]
            if re.fullmatch(r"[0-9]*", tail) or not head or not (0 < nxt.y0 - line.y0 < 2.5 * (line.y1 - line.y0)):
                continue  # not the next line of the same paragraph
            for m in UNBROKEN.finditer(tail + head):
                if m.start() < len(tail) < m.end():
                    faults.append(f"p.{n}: 「{m[0][: len(tail) - m.start()]}／{m[0][len(tail) - m.start() :]}」")
    return faults


LIGATURES = "ﬀﬁﬂﬃﬄﬅﬆ"


def check_ligatures(text: str) -> list[str]:
    """Ligature glyphs in the text a reader copies or searches (「Artiﬁcial」 is not 「Artificial」)."""
    return [
        f"p.{n}: 「{m[0]}」"
        for n, page in enumerate(text.split("\f"), 1)
        for m in re.finditer(rf"\S*[{LIGATURES}]\S*", page)
    ]


EMPTY_MAX = 0.30


def chapter_headings(toc: str) -> list[str]:
    """The chapter-level headings of a .toc (第1章 …, 各種取組計画), normalised."""
    chapters = [m.start() for m in re.finditer(r"\\contentsline\s*\{chapter\}", toc)]
    return [_norm(toc_headings(toc[i:])[0]) for i in chapters]


def check_page_fill(lines: list[list[Box]], height: float, chapters: list[str]) -> list[str]:
    """Pages whose text ends more than EMPTY_MAX of the text area above its foot, except the
    cover, the 目次 (pages before the first chapter), the last page before a chapter and the
    last page.  The text area is the span of the lines of the fullest pages."""
    body = [body_lines(p, height) for p in lines]
    folio = re.compile(r"\s*([0-9]+|[ivxlc]+)\s*")
    body = [[b for b in p if not folio.fullmatch(b.text)] for p in body]
    filled = [p for p in body if p]
    top, foot = min(b.y0 for p in filled for b in p), max(b.y1 for p in filled for b in p)

    def starts_chapter(page: list[Box]) -> bool:
        first = min(page, key=lambda b: b.y0, default=None)
        return first is not None and any(_norm(first.text) and h.startswith(_norm(first.text)) for h in chapters)

    first_chapter = next((i for i, p in enumerate(body) if starts_chapter(p)), 0)
    faults = []
    for i, page in enumerate(body):
        if i < first_chapter or i == len(body) - 1 or starts_chapter(body[i + 1]):
            continue
        empty = (foot - max((b.y1 for b in page), default=top)) / (foot - top)
        if empty > EMPTY_MAX:
            faults.append(f"p.{i + 1}: ページの {empty:.0%} が空白（{EMPTY_MAX:.0%} 以下のはず）")
    return faults


_FIGURE_CAPTION = re.compile(r"^[（(]?図[0-9]+")


def caption_rows(page: list[Box]) -> list[list[Box]]:
    """The rows of each figure caption of a page (a caption's lines are 1–2pt apart; the block
    under it starts further down)."""
    rows: list[list[Box]] = []
    for b in sorted(page, key=lambda b: (b.y0, b.x0)):
        if rows and abs(rows[-1][0].y0 - b.y0) < 1.5:
            rows[-1].append(b)
        else:
            rows.append([b])
    text = ["".join(b.text for b in sorted(r, key=lambda b: b.x0)).replace(" ", "") for r in rows]
    out = []
    for i, row in enumerate(rows):
        if _FIGURE_CAPTION.match(text[i]):
            cap = [row]
            while i + 1 < len(rows) and 0 < rows[i + 1][0].y0 - max(b.y1 for b in cap[-1]) < 4:
                i += 1
                cap.append(rows[i])
            out.append(cap)
    return out


def check_captions_centred(lines: list[list[Box]], width: float) -> list[str]:
    """Every line of every figure caption centred on the text (the page: the margins are equal)."""
    faults = []
    for n, page in enumerate(lines, 1):
        for cap in caption_rows(page):
            for k, row in enumerate(cap, 1):
                x0, x1 = min(b.x0 for b in row), max(b.x1 for b in row)
                if abs((x0 + x1) / 2 - width / 2) > 3:
                    head = "".join(b.text for b in sorted(cap[0], key=lambda b: b.x0)).replace(" ", "")[:4]
                    faults.append(f"p.{n}: {head}… の見出しの {k} 行目が中央にない（{x0:.0f}〜{x1:.0f}pt）")
    return faults


@pytest.fixture(scope="module")
def chars(docs) -> dict[str, list[list[Char]]]:
    return {doc: page_chars(docs[doc].pdf) for doc in DOCS}


# 7. print sizes: body 10.5 pt or more, notes 9.5 pt or more, ※ marks and figures 7 pt or more


def test_body_text_is_at_least_10_5_pt(chars):
    assert check_text_sizes(chars["taiko"]) == []


def test_figure_text_is_at_least_7_pt_at_print_size(chars):
    drawn = [c for p in chars["taiko"] for c in p if is_figure(c)]
    assert len(drawn) > 500  # ten figures' tick labels, legends, titles and values
    assert check_figure_sizes(chars["taiko"]) == []


def test_size_checks_fail_on_small_text(chars):
    pages = [list(p) for p in chars["taiko"]]
    n, i = next((n, i) for n, p in enumerate(pages) for i, c in enumerate(p) if c.text == "※")
    shrunk = [
        [replace(c, size=9.59) if c.font.startswith("HaranoAjiMincho") and c.size > 10 else c for c in p] for p in pages
    ]
    assert "本文が 9.59pt（10.5pt 以上のはず）" in check_text_sizes(shrunk)
    pages[n][i] = replace(pages[n][i], size=6.2)
    pages[n].insert(i, replace(pages[n][i], text="出典", size=8.6))
    faults = check_text_sizes(pages)
    assert f"p.{n + 1}: 「出典」が 8.60pt（9.5pt 以上のはず）" in faults
    assert any(f.startswith(f"p.{n + 1}: ") and "6.20pt" in f for f in faults), faults
    drawn = [Char("R", 6.25, "IPAexGothic"), Char("7", 6.25, "IPAexGothic"), Char("2", 7.2, "IPAexGothic")]
    assert check_figure_sizes([[], drawn]) == ["p.2: 図の文字「R7」が 6.25pt（7.0pt 以上のはず）"]


# 8. a date, an era year, a number with its unit on one line


@pytest.mark.parametrize("doc", DOCS)
def test_no_line_breaks_inside_a_date_an_era_year_or_a_number_with_its_unit(docs, chars, doc):
    assert check_unbroken_runs(page_lines(docs[doc].pdf), chars[doc]) == []


def test_unbroken_check_fails_on_broken_dates_and_numbers():
    def para(*texts):
        return [Box(t, 72, 100 + 15 * k, 520, 110 + 15 * k) for k, t in enumerate(texts)]

    lines = [
        para("策定し、令和2年4", "月には", "本市は令", "和5年度に", "人口は12万3,158", "人で、91.1", "%となり"),
        para("令和5年度に策定し、", "1,398万円を要した。"),
    ]
    assert check_unbroken_runs(lines, [[], []]) == [
        "p.1: 「令和2年4／月」",
        "p.1: 「令／和5年度」",
        "p.1: 「12万3,158／人」",
        "p.1: 「91.1／%」",
    ]


# 9. no ligature glyphs in the text


@pytest.mark.parametrize("doc", DOCS)
def test_no_ligature_glyphs_in_the_text(docs, doc):
    assert check_ligatures(pdf_text(docs[doc].pdf, layout=False)) == []


def test_ligature_check_fails_on_a_ligature():
    assert check_ligatures("AI (Artiﬁcial Intelligence)\f") == ["p.1: 「(Artiﬁcial」"]


# 10. no page more than 30 % empty but the last before a chapter


def test_no_page_is_more_than_30_percent_empty_before_a_chapter(docs):
    d = docs["taiko"]
    chapters = chapter_headings(d.toc)
    assert len(chapters) == 4 and chapters[0] == "第1章大綱策定の背景", chapters
    _, height = paper_of(d.pdf)
    assert check_page_fill(page_lines(d.pdf), height, chapters) == []


def test_page_fill_check_fails_on_a_half_empty_page(docs):
    d = docs["taiko"]
    chapters = chapter_headings(d.toc)
    _, height = paper_of(d.pdf)
    lines = [list(p) for p in page_lines(d.pdf)]
    n = next(i for i, p in enumerate(lines) if i > 3 and len(body_lines(p, height)) > 30 and i + 1 < len(lines))
    n = next(
        i
        for i in range(n, len(lines) - 1)
        if not any(_norm(b.text).startswith("第") and "章" in b.text for b in lines[i + 1][:3])
    )
    mid = height / 2
    lines[n] = [b for b in lines[n] if b.y1 < mid or b.y0 > FOOT * height]
    faults = check_page_fill(lines, height, chapters)
    assert any(f.startswith(f"p.{n + 1}: ページの ") for f in faults), faults
    assert not any(f.startswith(f"p.{n + 1}: ") for f in check_page_fill(page_lines(d.pdf), height, chapters))


# 11. captions centred


def test_figure_captions_are_centred(docs):
    d = docs["taiko"]
    width, _ = paper_of(d.pdf)
    lines = page_lines(d.pdf)
    caps = [cap for p in lines for cap in caption_rows(p)]
    assert len(caps) >= 10 and any(len(cap) == 2 for cap in caps), caps
    assert check_captions_centred(lines, width) == []


def test_caption_centring_check_fails_on_a_left_aligned_line(docs):
    d = docs["taiko"]
    width, _ = paper_of(d.pdf)
    lines = [list(p) for p in page_lines(d.pdf)]
    n, cap = next((n, cap) for n, p in enumerate(lines) for cap in caption_rows(p))
    row = cap[0]
    lines[n] = [b for b in lines[n] if b not in row] + [replace(b, x0=b.x0 - 60, x1=b.x1 - 60) for b in row]
    faults = check_captions_centred(lines, width)
    assert any(f.startswith(f"p.{n + 1}: ") and "1 行目が中央にない" in f for f in faults), faults
    assert not any(f.startswith(f"p.{n + 1}: ") for f in check_captions_centred(page_lines(d.pdf), width))
