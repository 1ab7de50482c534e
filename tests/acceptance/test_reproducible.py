"""Reproducible anywhere: the same inputs give the same bytes whatever the checkout path, time
zone, locale, umask and time of the build; ``make verify`` tells a reader whether the published
edition is what its inputs produce."""

from __future__ import annotations

from support import DEFAULT, copy_project, run_cli


def test_the_manifest_records_what_reproducing_needs(built):
    import json

    m = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    assert m["versions"]["uplatex"].startswith("e-upTeX") and "dvipdfmx" in m["versions"]["dvipdfmx"]
    assert m["versions"]["python"] and m["versions"]["matplotlib"] and m["versions"]["os"].startswith("Debian")
    assert {"HaranoAjiMincho-Regular", "IPAexGothic"} <= set(m["fonts"])
    assert all(len(f["sha256"]) == 64 for f in m["fonts"].values())
    assert str(built.root) not in json.dumps(m, ensure_ascii=False)  # no path of the checkout


def test_make_verify_finds_every_file_the_same_but_one_left_in_the_published_book(built, tmp_path):
    """The book the tests built is, byte for byte, what a build of the same inputs from scratch
    elsewhere makes (verify's rebuild runs under another path with Japanese in it, time zone,
    locale, umask and hash seed, without SOURCE_DATE_EPOCH): with one stray file put into the
    published book, verify says 不一致 and lists that file alone.  (「一致:」 itself:
    test_cache and test_add_a_document; a file whose bytes differ: tests/unit/test_verify.py.)"""
    import shutil

    project = copy_project(tmp_path / "proj", with_src=True)
    shutil.copytree(built.root / "_build", project / "_build")
    stray = project / "_build" / DEFAULT / "html" / "downloads" / "手で置いたファイル.csv"
    stray.write_text("年度,値\n", encoding="utf-8")
    res = run_cli(project, "verify")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "不一致: 公開済みの本と、現在の入力から作り直した本で 1件のファイルが異なります。" in res.stdout, res.stdout
    listed = [line.strip() for line in res.stdout.splitlines() if line.strip().startswith("・")]
    assert listed == ["・html/downloads/手で置いたファイル.csv（公開済みの本にだけある）"], res.stdout
