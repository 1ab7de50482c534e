"""The 概要版's words are the draft's: book/summary.yml selects headings, sentences and list items,
each found character for character in the edition's draft (a ``{name}`` standing for a value the
本編 glues); an entry not found there, a figure not in book/figures.yml or a block of an unknown
kind is refused, every problem at once, naming the page and the entry."""

from __future__ import annotations

import re

import pytest
import yaml
from support import replace_once

from daisen_taiko.common.errors import InputError
from daisen_taiko.documents import summary
from daisen_taiko.inputs.corrections import correct
from daisen_taiko.inputs.params import load_edition
from daisen_taiko.inputs.paths import draft_path


def test_every_excerpt_is_the_drafts_and_the_pages_are_four(project):
    ed = load_edition(None)
    pages = summary.read(ed)
    assert len(pages) == summary.SIDES == 4
    draft = draft_path(ed.edition).read_text(encoding="utf-8")
    excerpts = [e for _, blocks in pages for b in blocks for e in summary.excerpts(b)]
    assert len(excerpts) >= 20
    for excerpt in [t for t, _ in pages] + excerpts:  # found by an independent search of the raw draft
        rx = "".join(re.escape(p) if i % 2 == 0 else ".+?" for i, p in enumerate(re.split(r"\{\w+\}", excerpt)))
        assert re.search(rx, draft), excerpt
    kinds = [b.kind for _, blocks in pages for b in blocks]
    assert kinds.count("figure") == 2 and "framework" in kinds and "priorities" in kinds


def test_a_changed_character_an_unknown_figure_and_kind_are_refused_at_once(project):
    path = project / "book" / "summary.yml"
    replace_once(path, "本大綱の推進期間は、", "本大綱の計画期間は、")  # one word not the draft's
    replace_once(path, "figure: fig-fiscal", "figure: fig-fiscals")
    replace_once(path, "      - framework: true", "      - diagram: true")
    before = path.read_bytes()
    with pytest.raises(InputError) as err:
        summary.read(load_edition(None))
    text = err.value.render()
    assert "3件の問題" in text and "book/summary.yml" in text
    assert "1ページ目の 7番目" in text and "本大綱の計画期間は、" in text and "一字一句同じ文字列がありません" in text
    assert "草案で最も近い行:「本大綱の推進期間は、" in text  # where to copy it from
    assert "2ページ目の 5番目: book/figures.yml にない図です。" in text and "fig-fiscals" in text
    assert "3ページ目の 4番目: 書けるのは heading・text・list・figure・framework・priorities のどれか一つです。" in text
    assert path.read_bytes() == before


def test_a_page_more_or_less_is_refused(project):
    path = project / "book" / "summary.yml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    spec["pages"] = spec["pages"][:3]
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="pages に 4ページ分の内容を並べてください"):
        summary.read(load_edition(None))


def test_an_approved_correction_applies_to_the_summarys_words_as_to_the_taikos(project):
    """A sentence is chosen in the draft's words; the 概要版 prints it with the approved corrections."""
    sentence = "本大綱の推進期間は、{plan_period}とします。"
    path = project / "data" / "draft_corrections.csv"
    row = "ch2_policy,本大綱の推進期間は,本大綱の推進期間は（試験）,試験のための訂正,{by},{on},,\n"
    path.write_text(path.read_text(encoding="utf-8") + row.format(by="", on=""), encoding="utf-8")
    ed = load_edition(None)
    assert correct(sentence, summary.corrections_of(ed)) == sentence  # pending: the draft's words
    path.write_text(
        path.read_text(encoding="utf-8").replace(row.format(by="", on=""), row.format(by="DX推進課", on="2026-12-01")),
        encoding="utf-8",
    )
    assert correct(sentence, summary.corrections_of(ed)) == "本大綱の推進期間は（試験）、{plan_period}とします。"


def test_an_edition_without_its_draft_text_is_told_which_file_to_place(project, monkeypatch):
    ed = load_edition(None)
    draft_path(ed.edition).unlink()
    with pytest.raises(InputError) as err:
        summary.read(ed)
    text = err.value.render()
    assert f"ファイル: data/draft/{ed.edition}.txt" in text and "このファイル名で置いてください" in text
