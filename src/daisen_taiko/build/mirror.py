"""Incremental Sphinx and upLaTeX, kept equal to a build from scratch.

The staging stages write a document's sources afresh on every build.  Sphinx decides what to
read again by file times, so it does not build from the staged folder but from a mirror of
it: :func:`mirror` rewrites only the files whose bytes changed, and Sphinx (with its saved
environment) reads again only those pages; upLaTeX starts from the auxiliary files of the
last run (see :func:`latex.make_pdf`).

Sphinx never removes the outputs of a page that no longer exists, so when a file is added or
removed, or the configuration or table of contents changes, the mirror's ``_build`` is
removed and the document is built from scratch.  ``make verify`` and the acceptance tests
check that a rebuild publishes the same bytes as a build from scratch.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

BUILD = "_build"
STRUCTURE = (Path("_config.yml"), Path("_toc.yml"))


def _sources(root: Path) -> dict[Path, Path]:
    if not root.exists():
        return {}
    return {p.relative_to(root): p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != BUILD}


def _same(a: Path, b: Path) -> bool:
    return filecmp.cmp(a, b, shallow=False)


def mirror(staged: Path, target: Path) -> bool:
    """Make ``target``'s sources byte-equal to ``staged``'s, touching only changed files.
    Return whether Sphinx's previous outputs in ``target/_build`` were kept."""
    want, have = _sources(staged), _sources(target)
    kept = set(want) == set(have) and all(_same(want[n], have[n]) for n in STRUCTURE if n in want)
    if not kept:
        shutil.rmtree(target / BUILD, ignore_errors=True)
    for name in set(have) - set(want):
        have[name].unlink()
    for name, src in want.items():
        dst = target / name
        if name in have and _same(src, dst):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    for d in sorted((p for p in target.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if d.relative_to(target).parts[0] != BUILD and not any(d.iterdir()):
            d.rmdir()
    return kept


def forget(stage: Path, builder: str) -> None:
    """A failed Sphinx build: its saved environment must not hide the warnings next time
    (an unchanged page is not read again, so its warnings would not be repeated)."""
    shutil.rmtree(stage / BUILD / f".doctrees-{builder}", ignore_errors=True)


def before_html(stage: Path) -> None:
    """myst-nb writes its stylesheet when a build finishes, after the pages: a build from scratch
    links it without Sphinx's ``?v=`` checksum, a rebuild would find it and add one.  Removing it
    first makes every page's link the same as from scratch."""
    for css in (stage / BUILD / "html" / "_static").glob("mystnb.*.css"):
        css.unlink()


_IMAGE_REF = re.compile(r"_images/([^\"'?#)\s]+)")


def after_html(stage: Path) -> None:
    """Remove the images no page links any more (a redrawn figure gets a new file name and
    Sphinx keeps the old one)."""
    html = stage / BUILD / "html"
    used = {m for page in html.rglob("*.html") for m in _IMAGE_REF.findall(page.read_text(encoding="utf-8"))}
    for image in (html / "_images").glob("*"):
        if image.name not in used:
            image.unlink()
