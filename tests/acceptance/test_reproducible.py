"""Reproducible anywhere: the manifest records what a rebuild needs.  That the same inputs give
the same bytes whatever the checkout path, time zone, locale, umask, hash seed and time of the
build is ``make verify``'s check, run on the incremental builds of test_cache (every file the
same, a stray one listed) and on the toy document's build of test_add_a_document (「一致」)."""

from __future__ import annotations


def test_the_manifest_records_what_reproducing_needs(built):
    import json

    m = json.loads((built.out / "manifest.json").read_text(encoding="utf-8"))
    assert m["versions"]["uplatex"].startswith("e-upTeX") and "dvipdfmx" in m["versions"]["dvipdfmx"]
    assert m["versions"]["python"] and m["versions"]["matplotlib"] and m["versions"]["os"].startswith("Debian")
    assert {"HaranoAjiMincho-Regular", "IPAexGothic"} <= set(m["fonts"])
    assert all(len(f["sha256"]) == 64 for f in m["fonts"].values())
    assert str(built.root) not in json.dumps(m, ensure_ascii=False)  # no path of the checkout
