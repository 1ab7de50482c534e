"""The structure a reviewer relies on: no code anywhere, and under every figure and table its
own 出典 line (anchored at its caption), for exactly the figures and tables of the draft."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from daisen_taiko.inputs import registry

CODE_MARKERS = ("cell_input", "highlight-ipython", "highlight-python", "sphinxVerbatim")


def pages(built):
    return sorted(p for p in (built.html / "book").glob("*.html"))


def test_no_html_page_shows_code(built):
    for page in pages(built) + sorted((built.report_html / "report").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        assert not article.select("div.cell_input, div.highlight, pre"), page.name


def test_the_pdf_sources_show_no_code(built):
    for tex in (
        built.work / "sphinx" / "taiko" / "_build" / "latex" / "book.tex",
        built.work / "sphinx" / "report" / "_build" / "latex" / "report.tex",
    ):
        text = tex.read_text(encoding="utf-8")
        assert not [m for m in CODE_MARKERS if m in text], tex.name


def captions(built) -> list[tuple[str, str, str]]:
    """(number, caption, the text of the blocks after it up to the next caption or heading)."""
    out = []
    for page in pages(built):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for cap in soup.select("article figure figcaption, article table caption"):
            holder = cap.find_parent("figure") or cap.find_parent("table")
            number = cap.select_one(".caption-number").get_text(strip=True)
            text = cap.select_one(".caption-text").get_text(strip=True)
            out.append((number, text, following_text(holder)))
    return out


def following_text(holder) -> str:
    """What follows a figure or table until the next figure, table or heading."""
    parts = []
    for sib in holder.find_all_next():
        if sib.name in ("figure", "table", "h1", "h2", "h3", "h4") or (
            sib.name == "div" and "pst-scrollable-table-container" in (sib.get("class") or [])
        ):
            break
        if sib.name == "div" and {"source", "draft-note"} & set(sib.get("class") or []):
            parts.append(sib.get_text(" ", strip=True))
    return " ".join(parts)


def source_of(text: str) -> str | None:
    m = re.search(r"(出典：\S.*|※ デジタル庁「地域幸福度.*より抜粋)", text)
    return m[1] if m else None


def test_every_figure_and_table_of_the_draft_is_numbered_once(built):
    found = [(n, c) for n, c, _ in captions(built)]
    figures = [n for n, _ in found if n.startswith("(図")]
    tables = [n for n, _ in found if n.startswith("(表")]
    assert figures == [f"(図{i})" for i in range(1, 11)]  # the draft's form: (図1) 大仙市の将来推計人口
    assert tables == ["(表1)", "(表2)"]
    numbered = [i for i in registry.items().values() if i.numbered]
    assert sorted(c for _, c in found) == sorted(i.caption for i in numbered)


def blocks(built) -> list[tuple[str, str]]:
    """(label, what follows) for every figure and table of the 大綱 that draws data: numbered ones by
    their number and caption, unnumbered tables by their id."""
    import json

    drawn = json.loads((built.out / "snapshot.json").read_text(encoding="utf-8"))["figures"]
    out = [(f"{n} {c}", after) for n, c, after in captions(built)]
    for fid, rec in drawn.items():
        if rec["caption"] is None and rec["rows"]:
            page = BeautifulSoup((built.html / f"{rec['page']}.html").read_text(encoding="utf-8"), "html.parser")
            table = page.find(id=fid) or page.find(id=fid.replace("_", "-"))
            assert table is not None, fid
            out.append((fid, following_text(table if table.name == "table" else table.find("table"))))
    return out


def test_each_figure_and_table_with_data_is_followed_by_its_own_source_line(built):
    """Whatever draws data from a publication carries a 出典 line right after it (a figure still
    waiting for its data, drawn as an empty frame, cites nothing).  The rule reads what the
    figure draws, not the registry's own wish."""
    import json

    drawn = {
        r["caption"]: r
        for r in json.loads((built.out / "snapshot.json").read_text(encoding="utf-8"))["figures"].values()
    }
    found = blocks(built)
    assert "tbl-yobodo" in [label for label, _ in found]  # the unnumbered 要望度 table
    problems = []
    for label, after in found:
        caption = label.split(" ", 1)[1] if label.startswith(("(図", "(表")) else None
        rec = drawn.get(caption) if caption else {"empty": False}
        if not rec["empty"] and source_of(after) is None:
            problems.append(f"{label}: no 出典 after it")
    assert problems == []


def test_the_source_check_fails_when_one_source_line_is_deleted(built, tmp_path):
    import shutil

    html = tmp_path / "html"
    shutil.copytree(built.html, html)
    page = html / "book" / "ch1_3_4_wellbeing.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    first = soup.select_one("div.source")
    assert "地域幸福度" in first.get_text()
    first.decompose()
    page.write_text(str(soup), encoding="utf-8")

    class Copy:
        out = built.out
        root = built.root

    copy = Copy()
    copy.html = html
    with pytest.raises(AssertionError, match=r"\(図6\) 地域幸福度"):
        test_each_figure_and_table_with_data_is_followed_by_its_own_source_line(copy)


def publishers_cited_otherwise(built) -> list[str]:
    """Pages where a 出典 line names a publisher's work in another form than the draft's own ※
    line on the same page (「※ デジタル庁「…の活用サイト」より抜粋」 under 表1): one source, one form."""
    out = []
    for page in pages(built):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        drafts = [d.get_text(" ", strip=True) for d in soup.select("article div.draft-note")]
        forms = dict(re.findall(r"※\s*(\S+?)(「[^」]+」)より", " ".join(drafts)))
        for line in soup.select("article div.source"):
            for publisher, title in re.findall(r"([^：、\s（）]+?)(「[^」]+」)", line.get_text(" ", strip=True)):
                if publisher in forms and title != forms[publisher]:
                    out.append(
                        f"{page.stem}: 出典 {publisher}{title}, the draft's ※ line {publisher}{forms[publisher]}"
                    )
    return out


def test_a_source_the_draft_cites_is_cited_in_the_drafts_form_on_its_page(built):
    assert "ch1_3_4_wellbeing" in [p.stem for p in pages(built)]
    assert publishers_cited_otherwise(built) == []


def test_the_one_form_check_fails_on_the_form_used_before(built, tmp_path):
    import shutil

    html = tmp_path / "html"
    shutil.copytree(built.html, html)
    page = html / "book" / "ch1_3_4_wellbeing.html"
    text = page.read_text(encoding="utf-8")
    form = "デジタル庁「地域幸福度 (Well-Being) 指標の活用サイト」（"
    assert text.count(form) == 1  # in 図6's 出典 line (the ※ line ends with より抜粋)
    page.write_text(text.replace(form, "デジタル庁「地域幸福度（Well-Being）指標」（"), encoding="utf-8")

    class Copy:
        pass

    copy = Copy()
    copy.html = html
    assert len(publishers_cited_otherwise(copy)) == 1
