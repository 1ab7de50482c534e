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
from support import ROOT, pdf_text

from daisen_taiko.build.latex import log_problems, tex_env

# ------------------------------------------------------------------ reading a PDF with poppler


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


_BOX = re.compile(r'<(word|line) xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</\1>', re.S)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext -layout)."""
    pages = pdf_text(pdf).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_size(pdf: Path) -> tuple[float, float]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    w, h = _PAGE.search(out).groups()
    return float(w), float(h)


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


@pytest.mark.parametrize("doc", DOCS)
def test_no_page_ends_with_a_heading(docs, doc):
    d = docs[doc]
    headings = toc_headings(d.toc)
    assert len(headings) > 10 and {"taiko": "第1章 大綱策定の背景", "report": "記述の検証"}[doc] in headings
    _, height = page_size(d.pdf)
    assert check_heading_at_foot(page_lines(d.pdf), height, headings) == []


def test_heading_check_fails_on_a_page_ending_with_a_heading(docs):
    d = docs["taiko"]
    headings = toc_headings(d.toc)
    assert "(4) 地域幸福度 (Well-Being) 指標" in headings
    assert any(h.endswith("オフィス改革") for h in headings)  # the ※ mark is not part of it
    _, height = page_size(d.pdf)
    lines = page_lines(d.pdf)
    page = 5  # a body page: put a heading below its last line
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
    width, height = page_size(pdf)
    words = page_words(pdf)
    assert len(words) > 10
    assert check_folios(words, width, height) == []


def test_page_number_check_fails_on_a_broken_build(mini, docs):
    for name in ("styled", "unstyled"):
        width, height = page_size(mini[name])
        faults = check_folios(page_words(mini[name]), width, height)
        if name == "styled":
            assert faults == []
        else:  # the 目次 and the chapter's first page: number at the top right; running heads; 「第 0 章 …」
            assert "p.2: 上余白に「i」" in faults and "p.2: 下余白に「（なし）」" in faults, faults
            assert "p.3: 上余白に「1」" in faults and any(f.startswith("p.4: 上余白に「大仙市") for f in faults), faults
            assert any(f.startswith("p.4: 下余白に「2 第 0 章") for f in faults), faults
    pdf = docs["taiko"].pdf
    width, height = page_size(pdf)
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
