"""What a reader must never see: code.  Every code cell of a page is hidden from the book
(remove-cell, or remove-input when its output is part of the page), and the pages call the
notebook API only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))


def code_cells_shown(nb: dict) -> list[str]:
    """Sources of the code cells whose input would be printed in the book."""
    return [
        "".join(c["source"])[:60]
        for c in nb["cells"]
        if c["cell_type"] == "code" and not {"remove-cell", "remove-input"} & set(c["metadata"].get("tags", []))
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_code_cell_is_hidden(path):
    assert code_cells_shown(json.loads(path.read_text(encoding="utf-8"))) == []


def test_the_check_finds_a_code_cell_whose_tag_was_removed():
    nb = json.loads((BOOK / "ch3_priorities.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "remove-input" in c["metadata"].get("tags", []))
    cell["metadata"]["tags"] = []
    assert code_cells_shown(nb) == ["".join(cell["source"])[:60]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_pages_call_the_notebook_api_only(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    imports = [
        line
        for c in cells
        if c["cell_type"] == "code"
        for line in "".join(c["source"]).splitlines()
        if line.startswith(("import ", "from "))
    ]
    assert all(
        line.startswith(("from daisen_taiko.kernel import api", "from daisen_taiko.kernel.sections import"))
        for line in imports
    )
