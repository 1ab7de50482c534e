"""Incremental Sphinx and upLaTeX, kept equal to a build from scratch.

The staging stages write a document's sources afresh on every build.  Sphinx decides what to
read again by file times, so it does not build from the staged folder but from a mirror of
it: :func:`mirror` rewrites only the files whose bytes changed, and Sphinx (with its saved
environment) reads again only those pages; upLaTeX starts from the auxiliary files of the
last run (see :func:`latex.make_pdf`).

Sphinx never removes the outputs of a page that no longer exists, and it does not rewrite a
page when a stylesheet, template or the configuration changes, so the mirror's ``_build`` is
kept only when the same files are there and every changed file is a page (``.md``,
``.ipynb``); otherwise the document is built from scratch.  ``make verify`` and the acceptance tests
check that a rebuild publishes the same bytes as a build from scratch.

The outputs are also kept only when they were finished by the same code: :func:`finished`
stamps ``_build`` with the digest of the package code and locked versions once the document's
PDF is made.  Sphinx does not notice a change of our extensions or templates' code, and a build
that failed or was killed before its PDF (a half-written search index, environment or ``.aux``)
leaves no stamp, so the next build starts that document from scratch; a failed build's
warnings are thus repeated in full, not only for the pages read again.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
from pathlib import Path

BUILD = "_build"
PAGES = (".md", ".ipynb")
PENDING, FINISHED = ".pending", ".finished"  # hold the digest of the code building _build


def _sources(root: Path) -> dict[Path, Path]:
    if not root.exists():
        return {}
    return {p.relative_to(root): p for p in root.rglob("*") if p.is_file() and p.relative_to(root).parts[0] != BUILD}


def mirror(staged: Path, target: Path, code: str) -> None:
    """Make ``target``'s sources byte-equal to ``staged``'s, touching only changed files; keep
    Sphinx's previous outputs in ``target/_build`` only when nothing but pages changed and the
    last build of them was finished by the same ``code`` (digest)."""
    want, have = _sources(staged), _sources(target)
    changed = [n for n, src in want.items() if n not in have or not filecmp.cmp(src, have[n], shallow=False)]
    stamp = target / BUILD / FINISHED
    same_code = stamp.exists() and stamp.read_text(encoding="utf-8") == code
    if not same_code or set(want) != set(have) or any(n.suffix not in PAGES for n in changed):
        shutil.rmtree(target / BUILD, ignore_errors=True)
    for name in set(have) - set(want):
        have[name].unlink()
    for name in changed:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(want[name], target / name)
    for d in sorted((p for p in target.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if d.relative_to(target).parts[0] != BUILD and not any(d.iterdir()):
            d.rmdir()
    (target / BUILD).mkdir(exist_ok=True)
    stamp.unlink(missing_ok=True)
    (target / BUILD / PENDING).write_text(code, encoding="utf-8")


def finished(target: Path) -> None:
    """The document's Sphinx builds and PDF succeeded: its ``_build`` may seed the next build."""
    os.replace(target / BUILD / PENDING, target / BUILD / FINISHED)


def before_html(stage: Path) -> None:
    """myst-nb writes its stylesheet when a build finishes, after the pages: a build from scratch
    links it without Sphinx's ``?v=`` checksum, a rebuild would find it and add one.  Removing it
    first makes every page's link the same as from scratch.  (Not the whole ``_static``: when no
    page is out of date Sphinx copies no static file.)"""
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
