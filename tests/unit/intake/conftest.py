import pytest
from intake_kit import copy_project, template


@pytest.fixture
def proj(tmp_path, monkeypatch):
    """A private copy of data/ and parameters/; in-process calls read it too."""
    dst = copy_project(tmp_path / "proj")
    monkeypatch.setenv("DAISEN_ROOT", str(dst))
    monkeypatch.setenv("DAISEN_DATA_DIR", "data")
    monkeypatch.delenv("EDITION", raising=False)
    return dst


@pytest.fixture
def blank(proj):
    """The template made from the copy (no 取組計画 returned yet)."""
    return template(proj)
