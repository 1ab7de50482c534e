"""Reproducible anywhere: the same inputs give the same bytes whatever the checkout path, time
zone, locale, umask and time of the build; ``make verify`` tells a reader whether the published
edition is what its inputs produce."""

from __future__ import annotations

from support import DEFAULT, change_first_ratio, copy_project, run_cli


def test_the_manifest_records_what_reproducing_needs(built):
    import json

    m = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    assert m["versions"]["uplatex"].startswith("e-upTeX") and "dvipdfmx" in m["versions"]["dvipdfmx"]
    assert m["versions"]["python"] and m["versions"]["matplotlib"] and m["versions"]["os"].startswith("Debian")
    assert {"HaranoAjiMincho-Regular", "IPAexGothic"} <= set(m["fonts"])
    assert all(len(f["sha256"]) == 64 for f in m["fonts"].values())
    assert str(built.root) not in json.dumps(m, ensure_ascii=False)  # no path of the checkout


def test_make_verify_says_ichi_then_lists_the_files_a_changed_value_touches(built, tmp_path):
    """「一致」: the book the tests built is, byte for byte, what a build of the same inputs from
    scratch elsewhere makes (verify's rebuild runs under another path with Japanese in it, time
    zone, locale, umask and hash seed, without SOURCE_DATE_EPOCH); then one changed value is
    found in the files it touches."""
    import shutil

    project = copy_project(tmp_path / "proj", with_src=True)
    shutil.copytree(built.root / "_build", project / "_build")
    res = run_cli(project, "verify")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "一致:" in res.stdout
    change_first_ratio(project, "92.4")
    res = run_cli(project, "verify")
    assert res.returncode == 1, res.stdout
    assert "不一致:" in res.stdout and f"pdf/daisen-dx-taiko-{DEFAULT}.pdf" in res.stdout
    assert "html/downloads/fig-fiscal.csv" in res.stdout and "manifest.json" in res.stdout
