"""Reproducible anywhere: the same inputs give the same bytes whatever the checkout path, time
zone, locale, umask and time of the build; ``make verify`` tells a reader whether the published
edition is what its inputs produce."""

from __future__ import annotations

import os
import subprocess
import sys

from support import DEFAULT, change_first_ratio, copy_project, project_env, run_cli


def test_two_builds_in_different_places_times_zones_locales_and_umasks_are_identical(built, tmp_path):
    other = copy_project(tmp_path / "elsewhere" / "長い" / "path")
    env = {k: v for k, v in project_env(other).items() if k not in ("SOURCE_DATE_EPOCH", "DAISEN_CACHE_DIR")}
    env.update(TZ="Pacific/Chatham", LC_ALL="C", LANG="C", PYTHONHASHSEED="1")
    res = subprocess.run(
        [sys.executable, "-m", "daisen_taiko", "build"],
        cwd=other,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        preexec_fn=lambda: os.umask(0o077),
    )
    assert res.returncode == 0, res.stdout + res.stderr
    diff = subprocess.run(
        ["diff", "-r", str(built.out), str(other / "_build" / DEFAULT)], capture_output=True, text=True
    )
    assert diff.returncode == 0 and diff.stdout == "", diff.stdout[:3000]


def test_the_manifest_records_what_reproducing_needs(built):
    import json

    m = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    assert m["versions"]["uplatex"].startswith("e-upTeX") and "dvipdfmx" in m["versions"]["dvipdfmx"]
    assert m["versions"]["python"] and m["versions"]["matplotlib"] and m["versions"]["os"].startswith("Debian")
    assert {"HaranoAjiMincho-Regular", "IPAexGothic"} <= set(m["fonts"])
    assert all(len(f["sha256"]) == 64 for f in m["fonts"].values())
    assert str(built.root) not in json.dumps(m, ensure_ascii=False)  # no path of the checkout


def test_make_verify_says_ichi_then_lists_the_files_a_changed_value_touches(built, tmp_path):
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
