"""Where a page sits in the book: its heading and those of its parents in ``_toc.yml``."""

from __future__ import annotations

import yaml

from .. import project_root
from ..build import chapter_title

SEP = " ＞ "


def parents() -> dict[str, list[str]]:
    """Every document of ``_toc.yml`` → the documents above it (chapter first; the root page left out)."""
    toc = yaml.safe_load((project_root() / "_toc.yml").read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}

    def walk(entries, above):
        for entry in entries or []:
            out[entry["file"]] = above
            walk(entry.get("sections"), [*above, entry["file"]])

    walk(toc.get("chapters"), [])
    for part in toc.get("parts") or []:
        walk(part.get("chapters"), [])
    return out


def title(doc: str) -> str:
    """The first heading of ``book/<stem>.ipynb`` or ``.md`` (``doc`` is ``book/<stem>`` or ``<stem>``)."""
    path = project_root() / (doc if doc.startswith("book/") else f"book/{doc}")
    nb = path.with_suffix(".ipynb")
    if nb.exists():
        return chapter_title(nb)
    md = path.with_suffix(".md")
    for line in md.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return path.stem


def place(doc: str) -> str:
    """``ch1_3_1_population_finance`` → ``第1章 大綱策定の背景 ＞ 3. 市の状況 ＞ (1) 人口減少と財政状況``."""
    key = doc if doc.startswith("book/") else f"book/{doc}"
    chain = parents()
    if key not in chain:
        raise LookupError(f"{key} is not in _toc.yml")
    return SEP.join(title(d) for d in [*chain[key], key])
