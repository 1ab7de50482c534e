"""Two builds of the same edition from the same inputs are byte-identical, and the
manifest's input hashes change when, and only when, an input changes."""

import json
import os
import time

from conftest import copy_project, run_cli, tree_bytes
from daisen_taiko.manifest import hash_files, input_files


def test_two_builds_are_byte_identical(built_book, tmp_path):
    other = copy_project(tmp_path / "second")
    res = run_cli(other, "build")
    assert res.returncode == 0, res.stdout
    a = tree_bytes(built_book["out"])
    b = tree_bytes(other / "_build" / built_book["out"].name)
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []


def test_manifest_lists_inputs_outputs_and_versions(built_book):
    manifest = json.loads((built_book["out"] / "manifest.json").read_text(encoding="utf-8"))
    assert "data/fiscal_indicators.csv" in manifest["inputs"]
    assert "parameters/r7-12-soan.yaml" in manifest["inputs"]
    assert "requirements.lock" in manifest["inputs"]
    assert any(k.startswith("src/daisen_taiko/") for k in manifest["inputs"])
    assert any(k.startswith("pdf/") for k in manifest["outputs"])
    assert "html/index.html" in manifest["outputs"]
    assert manifest["versions"]["jupyter-book"].startswith("1.")


def test_input_hashes_change_when_and_only_when_an_input_changes(project):
    before = hash_files(input_files("r7-12-soan"))
    csv = project / "data" / "fiscal_indicators.csv"
    later = time.time() + 100
    os.utime(csv, (later, later))                         # touched, not changed
    assert hash_files(input_files("r7-12-soan")) == before
    csv.write_text(csv.read_text(encoding="utf-8").replace(",92.3,%,", ",92.4,%,"), encoding="utf-8")
    after = hash_files(input_files("r7-12-soan"))
    assert [k for k in before if before[k] != after.get(k)] == ["data/fiscal_indicators.csv"]
    assert set(after) == set(before)
