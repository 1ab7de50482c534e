"""A 確定 (final) edition stops when its text states what its data contradict, naming every
such statement at once, and leaves the published book as it was."""

from __future__ import annotations

import json

import pytest
from support import DEFAULT, run_cli, tree_bytes


@pytest.mark.builds
def test_final_edition_with_two_contradicted_statements_stops_naming_both(built, project):
    snap = json.loads((built.out / "snapshot.json").read_text(encoding="utf-8"))
    contradicted = [c for c in snap["checks"] if c["status"] == "不一致"]
    assert len(contradicted) == 2, [c["key"] for c in contradicted]
    params = project / "parameters" / f"{DEFAULT}.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("status: 草案", "status: 確定"), encoding="utf-8")
    (project / "_build" / DEFAULT).mkdir(parents=True)
    (project / "_build" / DEFAULT / "marker.txt").write_text("前回の本", encoding="utf-8")
    before = tree_bytes(project / "_build")
    res = run_cli(project, "build", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))
    assert res.returncode == 1, res.stdout + res.stderr
    assert "データと一致しない記述が 2件" in res.stdout
    for c in contradicted:
        assert c["sentence"] in res.stdout and c["evidence"] in res.stdout
        assert c["page"] not in res.stdout  # the section's title, not a file of the project
        assert all(name in res.stdout for name in c["data"])  # the data files to look at
    assert "（1. 大綱策定にあたって）" in res.stdout
    assert "data/draft_corrections.csv に訂正の行" in res.stdout  # and how to correct the text
    assert "公開済みの本（_build/）は変更していません" in res.stdout
    assert tree_bytes(project / "_build") == before


def test_a_draft_edition_with_the_same_statements_builds(built):
    assert "不一致 2" in built.log and "完了" in built.log


@pytest.mark.builds
def test_an_edition_out_for_public_comment_is_labelled_an_and_never_soan(built, project):
    """status: 意見募集 is the edition published for the パブリックコメント: 「(案)」 on the cover,
    「案」 in every page's mark (PDF and web) and 「（案）」 in its title, 「草案」 nowhere."""
    from bs4 import BeautifulSoup
    from support import pdf_info, pdf_text

    params = project / "parameters" / f"{DEFAULT}.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("status: 草案", "status: 意見募集"), encoding="utf-8")
    res = run_cli(project, "build", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))
    assert res.returncode == 0, res.stdout + res.stderr
    out = project / "_build" / DEFAULT
    pdf = out / "pdf" / f"daisen-dx-taiko-{DEFAULT}.pdf"
    pages = int(pdf_info(pdf)["Pages"])
    marks = [
        pdf_text(pdf, "-f", str(n), "-l", str(n), layout=False).split("\n", 1)[0].strip() for n in range(1, pages + 1)
    ]
    assert marks == ["案"] * pages
    assert "(案)" in pdf_text(pdf, "-f", "1", "-l", "1") and "草案" not in pdf_text(pdf)
    assert pdf_info(pdf)["Title"] == "大仙市行政サービス改革・DX推進大綱（案）（令和8年度～12年度）"
    for page in sorted((out / "html" / "book").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert [m.get_text(strip=True) for m in soup.select(".status-mark")] == ["案"], page.name
        assert "草案" not in soup.get_text(), page.name
