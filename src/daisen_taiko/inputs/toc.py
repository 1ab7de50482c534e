"""The pages of the 大綱 in reading order (``_toc.yml``) and their titles."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from daisen_taiko import project_root


def documents(toc: Path | None = None) -> list[str]:
    """Every document of the TOC in reading order, without suffix (``book/ch1_1_purpose``)."""
    toc = toc or project_root() / "_toc.yml"
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    found.append(node[key])
            for key in ("parts", "chapters", "sections"):
                walk(node.get(key))

    walk(data)
    return found


def notebooks(toc: Path | None = None) -> list[Path]:
    """The pages of the TOC (``_toc.yml`` unless given) that run code (``.ipynb``), in reading order."""
    root = project_root()
    return [root / f"{d}.ipynb" for d in documents(toc) if (root / f"{d}.ipynb").exists()]


def page_file(book: Path, page: str) -> Path:
    """The file of page ``page`` (``ch1_1_purpose``) in ``book``: its notebook, else its Markdown
    page (which may not exist either)."""
    nb = book / f"{page}.ipynb"
    return nb if nb.exists() else book / f"{page}.md"


def title(path: Path) -> str:
    """The first heading of a page (``.ipynb`` or ``.md``)."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        lines = [line for c in cells if c["cell_type"] == "markdown" for line in "".join(c["source"]).splitlines()]
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return path.stem


def page_title(doc: str) -> str:
    """The title of the page ``doc`` (``book/ch1_1_purpose`` → 「1. 大綱策定にあたって」)."""
    root = project_root()
    for suffix in (".ipynb", ".md"):
        if (root / f"{doc}{suffix}").exists():
            return title(root / f"{doc}{suffix}")
    return doc
