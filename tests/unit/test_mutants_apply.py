"""Every mistake of ``make mutants`` (tools/mutants.py) still applies to the sources: a refactor
that moves the text a mutant edits made CI fail 25 minutes in, after the whole test suite."""

from __future__ import annotations

import filecmp
import importlib.util
import sys

import pytest
from support import ROOT

TOOL = ROOT / "tools" / "mutants.py"
if not TOOL.exists():  # a mutant's own copy of the project (it copies no tools/): its sources carry the mistake
    pytest.skip("tools/mutants.py は変異のコピーには含まれません", allow_module_level=True)
spec = importlib.util.spec_from_file_location("mutants", TOOL)
mutants = importlib.util.module_from_spec(spec)
sys.modules["mutants"] = mutants  # dataclasses look their module up while the class is made
spec.loader.exec_module(mutants)


@pytest.mark.parametrize("mutant", mutants.MUTANTS, ids=lambda m: m.name)
def test_the_mistake_still_applies(mutant, tmp_path):
    root = tmp_path / "repo"
    mutants.copy_inputs(ROOT, root, mutants.COPY)
    mutant.edit(root)  # its own check: the text it changes is there
    changed = [
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file() and not filecmp.cmp(p, ROOT / p.relative_to(root), shallow=False)
    ]
    assert changed, "the edit changed nothing"
