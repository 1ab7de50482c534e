"""Every paragraph of prose in book/ (Markdown cells and pages), with the values glued by the
committed notebooks put in, is a paragraph of the draft.

This is the fast guard of the glued values by name: a glue name mapped to another value
(「令和32年」 where the draft says 令和27年) makes its paragraph differ from the draft, and
the failure names the page, the paragraph and each glue key in it with its value.  The
acceptance test tests/acceptance/test_documents.py compares the whole built 大綱 in order.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import draft
import pytest

from daisen_taiko.common import records
from daisen_taiko.inputs.data import load

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
GLUE = re.compile(r"\{glue:text\}`(?:(?P<doc>[\w.]+)::)?(?P<key>[\w-]+)(?::s)?`")
NOTEREF = re.compile(r"\{noteref\}`[^`]*:(\d+)`")
NOTES = re.compile(r"^:::\{notes\} (\S+)\n:::$", re.M)


def glued(nb_path: Path) -> dict[str, str]:
    import nbformat

    return records.texts(nbformat.read(nb_path, as_version=4))


def page_sources() -> list[tuple[str, str, dict[str, str]]]:
    """(page, Markdown, its glued values) for every page of the 大綱."""
    out = []
    for path in sorted(BOOK.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        md = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        out.append((path.stem, md, glued(path)))
    for path in sorted(BOOK.glob("*.md")):
        if path.stem != "index":
            out.append((path.stem, path.read_text(encoding="utf-8"), {}))
    return out


def render(md: str, values: dict[str, str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The paragraphs of ``md`` as a reader sees them, and the glue keys used with their values."""
    used = []

    def paste(m):
        vals = glued(BOOK / m["doc"]) if m["doc"] else values
        used.append((m["key"], vals.get(m["key"], "<なし>")))
        return vals.get(m["key"], f"<{m['key']} がありません>")

    def notes(m):
        rows = load("glossary")
        rows = rows[rows["section"] == m[1]].sort_values("number")
        return "\n\n".join(f"※{int(r.number)} {r.term}：{r.explanation}" for r in rows.itertuples())

    text = NOTES.sub(notes, md)
    text = GLUE.sub(paste, text)
    text = NOTEREF.sub(lambda m: f"※{m[1]}", text)
    text = re.sub(r"(?m)^:{3,}(\{[^}]*\}.*)?$", "", text)  # fences of styled blocks (layout only)
    paras = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block or block.startswith((":::", "```")) or block in (":::",):
            continue
        paras.append(re.sub(r"^#+\s*", "", block).replace("\\", ""))
    return paras, used


DRAFT = {draft.norm(b.text): b for b in draft.draft_blocks(corrections=draft.approved_corrections())}


def mismatches(page: str, md: str, values: dict[str, str]) -> list[str]:
    paras, _ = render(md, values)
    out = []
    for para in paras:
        if draft.norm(para) in DRAFT:
            continue
        _, used = render(para_source(md, para, values), values)
        near = difflib.get_close_matches(draft.norm(para), list(DRAFT), n=1, cutoff=0.5)
        line = DRAFT[near[0]].line if near else "?"
        out.append(
            f"{page}: the paragraph is not in the draft (nearest: draft line {line})\n  book : {para}\n"
            f"  draft: {DRAFT[near[0]].text if near else '-'}\n  glue : " + ", ".join(f"{k}={v!r}" for k, v in used)
        )
    return out


def para_source(md: str, rendered: str, values: dict[str, str]) -> str:
    """The Markdown paragraph of ``md`` that renders to ``rendered``."""
    for block in re.split(r"\n\s*\n", md):
        if render(block, values)[0] == [rendered]:
            return block
    return ""


@pytest.mark.parametrize("page,md,values", page_sources(), ids=[p for p, _, _ in page_sources()])
def test_every_paragraph_of_the_page_is_the_drafts(page, md, values):
    assert mismatches(page, md, values) == []


def test_a_swapped_glue_mapping_fails_naming_the_keys():
    page, md, values = next(p for p in page_sources() if p[0] == "ch1_3_1_population_finance")
    swapped = dict(values, aged_exceeds_year=values["aged_share_year"], aged_share_year=values["aged_exceeds_year"])
    found = mismatches(page, md, swapped)
    assert len(found) == 1
    assert "aged_exceeds_year='令和32年'" in found[0] and "aged_share_year='令和27年'" in found[0]
    assert "draft line 101" in found[0]
