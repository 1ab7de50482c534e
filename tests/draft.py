"""The draft as the fidelity tests read it: blocks of text in reading order, and the same
blocks read from the built 大綱, compared after a normalisation that ignores layout only.

A block is a paragraph, a heading, a list line (・… / ①…), a caption or one table cell.
The comparison is character by character: whitespace is layout (line breaks, table cell
spacing) except between two Latin letters or digits, and legend swatches (■) are ours.
Nothing else is forgiven: a changed word, number, particle or punctuation mark, a full-width
character for a half-width one, 〜 (U+301C) for the draft's ～ (U+FF5E), a caption 「図1」 for
the draft's 「(図1)」 is a difference.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from support import DEFAULT, ROOT

DRAFT = ROOT / "data" / "draft" / f"{DEFAULT}.txt"  # the default edition's draft
BODY_START = 48  # the draft's body starts at its second 「第1章 大綱策定の背景」 (the first is the 目次)
COVER = range(1, 14)  # the cover: lines 1–13, before 「目 次」


@dataclass(frozen=True)
class Block:
    line: int  # line of the draft (0 for blocks read from the book)
    text: str  # as written
    where: str = ""  # page of the book


def norm(text: str) -> str:
    """Text as compared: whitespace dropped except between two Latin letters or digits, so the
    spaces the draft has in 「B P R」「R 3」 count (they are changed only by a correction row),
    while the spaces HTML puts around a glued value or a ※ mark do not."""
    s = text.replace("■", "")
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])", "", s)


def _cells(line: str) -> list[str]:
    return [c for c in (re.sub(r"<[^>]+>", " ", cell).strip() for cell in line.split("\t")) if c]


def draft_blocks(path: Path = DRAFT, corrections: list[tuple[str, str]] = ()) -> list[Block]:
    """The draft's body as blocks, with approved corrections (original → corrected) applied."""
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if n < BODY_START or not raw.strip():
            continue
        line = raw.strip()
        for old, new in corrections:
            line = line.replace(old, new)
        if "\t" in raw or "<ul" in raw:
            out += [Block(n, c) for c in _cells(raw)]
            continue
        line = re.sub(r"^- ", "", line)
        out.append(Block(n, line))
    return out


def contents_entries(path: Path = DRAFT) -> list[str]:
    """The entries of the draft's 目次 (after 「目 次」, before the body), without page numbers."""
    lines = path.read_text(encoding="utf-8").splitlines()[: BODY_START - 1]
    start = next(n for n, ln in enumerate(lines) if re.sub(r"\s+", "", ln) == "目次")
    return [re.sub(r"\t\d*$", "", ln).strip() for ln in lines[start + 1 :] if ln.strip()]


def numbered_tables(path: Path = DRAFT) -> dict[str, list[list[str]]]:
    """The draft's numbered tables, cell for cell: 「(表1)」 → its rows (the tab-separated lines
    after its caption), each a list of its cells as the draft places them (empty ones kept)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = {}
    for n, line in enumerate(lines):
        m = re.match(r"^\((表\d+)\)", line.strip())
        if not m:
            continue
        rows, k = [], n + 1
        while k < len(lines) and "\t" not in lines[k]:
            k += 1
        while k < len(lines) and "\t" in lines[k]:
            rows.append([c.strip() for c in lines[k].split("\t")])
            k += 1
        out[m[1]] = rows
    return out


def all_corrections(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every correction row (original → corrected), approved or awaiting its approver."""
    with open(root / "data" / "draft_corrections.csv", encoding="utf-8-sig", newline="") as fh:
        return [(r["original"], r["corrected"]) for r in csv.DictReader(fh)]


def cover_lines(path: Path = DRAFT) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [lines[n - 1].strip() for n in COVER if lines[n - 1].strip()]


def approved_corrections(root: Path = ROOT) -> list[tuple[str, str]]:
    f = root / "data" / "draft_corrections.csv"
    if not f.exists():
        return []
    with open(f, encoding="utf-8-sig", newline="") as fh:
        return [(r["original"], r["corrected"]) for r in csv.DictReader(fh) if (r.get("approved_by") or "").strip()]


# --------------------------------------------------------------------------- the built HTML
SKIP_CLASSES = {
    "caption-note",
    "source",
    "table-unit",
    "figure-downloads",
    "headerlink",
    "cover",
    "toctree-wrapper",
    "section-contents",  # navigation: the sections of a page that is only a heading (sphinx_html.py)
}


def _skipped(tag) -> bool:
    for parent in [tag, *tag.parents]:
        if SKIP_CLASSES & set(parent.get("class") or []):
            return True
    return False


def html_blocks(page: Path) -> list[Block]:
    """The text blocks of one built HTML page, in document order (additions of ours left out:
    出典 lines, caption notes, 単位 lines, download links)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup.find("main")
    for a in article.select("a.headerlink"):
        a.decompose()
    out = []
    for tag in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "th", "td", "figcaption", "caption"]):
        if _skipped(tag) or tag.find_parent(["td", "th", "figcaption", "caption"]):
            continue
        if tag.name == "p" and tag.find_parent(["li"]) is None and tag.find_parent("figure") is not None:
            continue
        text = tag.get_text(" ", strip=True)
        if text:
            out.append(Block(0, text, page.stem))
    return out


def book_blocks(html_dir: Path, docs: list[str]) -> list[Block]:
    blocks = []
    for doc in docs:
        if doc.endswith("index"):
            continue
        blocks += html_blocks(html_dir / f"{doc}.html")
    return blocks


def differences(expected: list[Block], actual: list[Block]) -> list[str]:
    """Every difference between the draft's blocks and the book's, as readable lines."""
    a, b = [norm(x.text) for x in expected], [norm(x.text) for x in actual]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            e = expected[i1 + k] if i1 + k < i2 else None
            g = actual[j1 + k] if j1 + k < j2 else None
            out.append(
                f"{op}: draft line {e.line if e else '-'}: {e.text if e else '(none)'!r}\n"
                f"        book {g.where if g else '-'}: {g.text if g else '(none)'!r}"
            )
    return out


# --------------------------------------------------------------------------- the built PDF
FOLIO = re.compile(r"^(?:\d+|[ivxlc]+)$")  # a page number alone on its line (目次 in roman numerals)


def pdf_body(pdf: Path, marks: tuple[str, ...] = ()) -> str:
    """The PDF's text in reading order, page after page, without its page furniture (the page
    number and the status ``marks`` such as 草案, each alone on a line) and without whitespace,
    so that a paragraph running over a page break reads as one."""
    import subprocess

    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    kept = [ln for ln in text.splitlines() if not FOLIO.match(ln.strip()) and ln.strip() not in marks]
    return re.sub(r"\s+", "", "".join(kept))


def pdf_contents(pdf: Path) -> list[str]:
    """The entries of the PDF's 目次 (the pages after the cover numbered in roman numerals),
    without dot leaders and page numbers."""
    import subprocess

    entries, page = [], 2
    while True:
        text = subprocess.run(
            ["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        lines = [ln.strip() for ln in text.splitlines() if ln.strip() and ln.strip() not in ("草案", "案")]
        if not lines or not re.fullmatch(r"[ivxlc]+", lines[-1]):
            return entries
        entries += [re.sub(r"[\s.]*\d+$", "", ln) for ln in lines[:-1] if re.sub(r"\s+", "", ln) != "目次"]
        page += 1


def missing_in_pdf(expected: list[Block], body: str) -> list[str]:
    """The draft's blocks that the PDF does not print character for character (whitespace aside:
    the PDF's lines and the spaces its text layer puts between kana and digits are layout)."""
    return [f"draft line {b.line}: {b.text!r}" for b in expected if re.sub(r"\s+", "", b.text) not in body]
