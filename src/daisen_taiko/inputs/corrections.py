"""Applying approved corrections of the draft (``data/draft_corrections.csv``) to staged pages.

The 大綱 reproduces the draft's words; only a row of the corrections file, with someone's
approval, changes them.  An approved row replaces every occurrence of ``original`` in the
page it names (Markdown cells, Markdown outputs of code cells, or a Markdown page), and in
the page's ※ notes, which Sphinx renders from ``data/glossary.csv`` (:func:`correct`, used
by the notes directive).  A row whose original text is on neither stops the build with the
row named.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from daisen_taiko.common.errors import InputError, Problem
from daisen_taiko.inputs.data import load
from daisen_taiko.inputs.toc import page_file

FILE = "draft_corrections"


@dataclass(frozen=True)
class Correction:
    line: int
    page: str
    original: str
    corrected: str
    reason: str
    approved_by: str | None
    opinion: int | None = None  # the パブリックコメント's 意見番号 whose answer (対応 A) this change is

    @property
    def approved(self) -> bool:
        return bool(self.approved_by)


def corrections() -> list[Correction]:
    df = load(FILE)
    lines = df.attrs.get("lines", [])
    return [
        Correction(line, r.page, r.original, r.corrected, r.reason, _text(r.approved_by), _number(r.opinion))
        for line, r in zip(lines, df.itertuples())
    ]


def _text(value) -> str | None:
    """A cell's text, None when empty (pandas reads an empty cell as NaN, which is true)."""
    return value.strip() or None if isinstance(value, str) else None


def _number(value) -> int | None:
    import pandas as pd

    return None if pd.isna(value) else int(value)


def applies(c: Correction, final: bool) -> bool:
    """An approved correction applies; a change promised to a パブリックコメント only in the 確定 edition."""
    return c.approved and (c.opinion is None or final)


def approved(page: str, final: bool = False) -> list[Correction]:
    return [c for c in corrections() if applies(c, final) and c.page == page]


def correct(text: str, fixes: list[Correction]) -> str:
    """``text`` with ``fixes`` (a page's approved corrections) applied."""
    for c in fixes:
        text = text.replace(c.original, c.corrected)
    return text


def note_text(number: int, term: str, explanation: str) -> str:
    """A ※ note as the 大綱 prints it (the notes directive) and as a correction is sought in it."""
    return f"※{number} {term}：{explanation}"


_NOTES_BLOCK = re.compile(r"\{notes\}\s+([\w:]+)")


def _in_notes(page_file: Path, original: str) -> int:
    """Occurrences of ``original`` in the ※ notes the page shows (its ``{notes}`` blocks)."""
    blocks = set(_NOTES_BLOCK.findall(page_file.read_text(encoding="utf-8")))
    notes = load("glossary")
    shown = notes[notes["section"].isin(blocks)]
    return sum(note_text(int(r.number), r.term, r.explanation).count(original) for r in shown.itertuples())


def _rewrite(path: Path, old: str, new: str, write: bool = True) -> int:
    """Occurrences of ``old`` in a page (a notebook's Markdown cells and Markdown outputs, or a
    Markdown page), each replaced by ``new`` in the file when ``write``."""
    if path.suffix != ".ipynb":
        text = path.read_text(encoding="utf-8")
        if write and old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")
        return text.count(old)
    nb = json.loads(path.read_text(encoding="utf-8"))
    count = 0
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            count += text.count(old)
            cell["source"] = text.replace(old, new)
        for out in cell.get("outputs", []):
            md = out.get("data", {}).get("text/markdown")
            if md is not None:
                text = "".join(md)
                count += text.count(old)
                out["data"]["text/markdown"] = text.replace(old, new)
    if write and count:
        path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return count


def occurrences(book: Path, page: str, original: str) -> int:
    """How often ``original`` stands on page ``page`` of ``book`` (its text and ※ notes); 0 without that page."""
    path = page_file(book, page)
    return _in_notes(path, original) + _rewrite(path, original, original, write=False) if path.exists() else 0


def apply(stage: Path, final: bool = False) -> list[tuple[Correction, int]]:
    """Apply every approved correction to the staged pages (``final``: the 確定 edition, which
    also takes the changes promised to the パブリックコメント); return each with its count."""
    applied, problems = [], []
    for c in corrections():
        if not applies(c, final):
            continue
        path = page_file(stage / "book", c.page)
        if not path.exists():
            problems.append(
                Problem(
                    f"data/{FILE}.csv",
                    f"ページ「{c.page}」がありません（book/ のファイル名を拡張子なしで書いてください）。",
                    row=c.line,
                    column="page",
                    value=c.page,
                )
            )
            continue
        n = _in_notes(path, c.original)  # before the page is rewritten: its blocks are the same
        n += _rewrite(path, c.original, c.corrected)
        if n == 0:
            problems.append(
                Problem(
                    f"data/{FILE}.csv",
                    f"訂正前の文「{c.original}」がページ「{c.page}」（※の注を含む）に見つかりません。"
                    "草案の文字どおりに書いてください。",
                    row=c.line,
                    column="original",
                    value=c.original,
                )
            )
        applied.append((c, n))
    if problems:
        raise InputError(problems)
    return applied
