"""The 意見募集版's citable places (issue 30): an edition out for comment (status 意見募集) gives
every paragraph, list, table and figure of the 大綱 a place, 「第1章 3 (1)〔2〕」, printed in the
PDF's margin and on the web, each resolving to exactly one block in both (an HTML id, a PDF named
destination); a paragraph changed in one section moves no place of another.  The 大綱 of any other
status (the 庁議's 草案) has none."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from support import DEFAULT, copy_project, pdf_text, run_cli

pytestmark = pytest.mark.builds  # builds its own changed copies: make test-builds (CI), not make test

PDF = f"daisen-dx-taiko-{DEFAULT}.pdf"


def web_places(out) -> dict[str, str]:
    """place anchor → the text of the block it starts (its first 40 characters), from the web pages."""
    found: dict[str, str] = {}
    for page in sorted((out / "html").rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for mark in soup.select("span.place"):
            assert mark["id"] not in found, f"{mark['id']} twice ({page.name})"
            block = mark.find_parent(["p", "figcaption", "caption"]) or mark.find_next_sibling()  # (体系図)
            found[mark["id"]] = re.sub(r"\s+", "", block.get_text())[:40]
    return found


def pdf_places(pdf) -> list[str]:
    """The place anchors among the PDF's named destinations, as many times as they are there."""
    out = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    return re.findall(r'"(place-[^"]+)"', out)


def out_for_comment(project, built):
    params = project / "parameters" / f"{DEFAULT}.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("status: 草案", "status: 意見募集"), encoding="utf-8")
    res = run_cli(project, "build", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))
    assert res.returncode == 0, res.stdout + res.stderr
    return project / "_build" / DEFAULT


@pytest.fixture(scope="module")
def commented(built, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("comment") / "proj")
    out = out_for_comment(project, built)
    return project, out, web_places(out), pdf_places(out / "pdf" / PDF)


def test_every_place_resolves_to_one_block_in_the_pdf_and_on_the_web(commented):
    _, out, web, printed = commented
    assert len(web) >= 150  # (172: every paragraph, list, table, figure and the 体系図 of the 大綱's pages)
    assert sorted(printed) == sorted(web)  # each once in the PDF too, the same places
    assert {"place-1-1-1", "place-1-3-1-3", "place-2-6-1", "place-3-1-1"} <= set(web)
    assert (
        web["place-2-6-1"].startswith("【本市を取り巻く現状と課題】") and "place-2-6-2" not in web
    )  # 体系図: one place
    assert web["place-1-1-1"].startswith("〔1〕本市は平成17年の市町村合併以降")
    assert web["place-1-3-1-3"].startswith("(図1)大仙市の将来推計人口〔3〕")  # a figure: after its caption
    text = pdf_text(out / "pdf" / PDF)
    assert "〔1〕" in text and "(図1) 大仙市の将来推計人口 〔3〕" in text


def test_a_paragraph_changed_in_one_section_moves_no_place_of_another(commented, built):
    """The first paragraph of 第1章 4 removed: the places of that section after it move up; no
    other place changes (its anchor, and the block it starts), not even in 4's own (1)…(4)."""
    project, _, before, _ = commented
    nb = project / "book" / "ch1_4_review.ipynb"
    book = json.loads(nb.read_text(encoding="utf-8"))
    cell = next(c for c in book["cells"] if "".join(c["source"]).startswith("# 4. 行政サービス改革大綱及び"))
    heading, first, rest = "".join(cell["source"]).split("\n\n", 2)
    assert first.startswith("{glue:text}`service_reform_start_fy`から")
    cell["source"] = heading + "\n\n" + rest  # its first paragraph gone
    nb.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    res = run_cli(project, "build", DAISEN_CACHE_DIR=str(built.work.parent / "cache"))
    assert res.returncode == 0, res.stdout + res.stderr
    after = web_places(project / "_build" / DEFAULT)
    moved = {k for k in before if re.fullmatch(r"place-1-4-\d+", k)}  # 4's own paragraphs, before its (1)
    elsewhere = {k: v for k, v in before.items() if k not in moved}
    assert len(moved) == 3 and len(elsewhere) > 140 and any(k.startswith("place-1-4-1-") for k in elsewhere)
    assert {k: after.get(k) for k in elsewhere} == elsewhere
    assert after["place-1-4-1"] == before["place-1-4-2"].replace("〔2〕", "〔1〕", 1)  # moved up
    assert len(after) == len(before) - 1
    assert sorted(pdf_places(project / "_build" / DEFAULT / "pdf" / PDF)) == sorted(after)


def test_the_draft_for_the_council_has_no_places(built):
    assert pdf_places(built.pdf) == [] and web_places(built.out) == {}
    assert "〔1〕" not in pdf_text(built.pdf)
