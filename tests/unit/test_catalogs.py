"""The Japanese strings Sphinx's catalog lacks (book/locales) are compiled by the staging, into
a catalog that depends on the text only: a date of compilation in it would change the staged
sources every minute, and a changed non-page file makes the next build start from scratch."""

from __future__ import annotations

import gettext
import shutil

from daisen_taiko import project_root
from daisen_taiko.engine.stage import compile_catalogs


def compiled(tmp_path):
    shutil.copytree(project_root() / "book" / "locales", tmp_path / "locales")
    compile_catalogs(tmp_path)
    mo = tmp_path / "locales" / "ja" / "LC_MESSAGES" / "sphinx.mo"
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f)


def test_catalog_translates_the_permalink_titles(tmp_path):
    catalog = compiled(tmp_path)
    assert catalog.gettext("Link to this heading") == "この見出しへのリンク"
    assert catalog.gettext("Link to this image") == "この図へのリンク"


def test_compiled_catalog_holds_no_date_of_its_own(tmp_path):
    catalog = compiled(tmp_path)
    po = (project_root() / "book" / "locales" / "ja" / "LC_MESSAGES" / "sphinx.po").read_text(encoding="utf-8")
    for field in ("pot-creation-date", "po-revision-date"):
        assert catalog.info()[field] in po, field  # as written in the .po, not the time of compiling
