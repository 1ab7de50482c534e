"""No quantity is typed into the prose: every number a reader sees in a Markdown cell
comes from data through ``{glue:text}``.

The rule: after removing what is allowed, no digit (ASCII or full-width, or a
kanji numeral used as a quantity such as 三つ) may remain in a Markdown cell or
page of ``book/``.  Allowed, because they are not quantities taken from data:
- glue roles and directive option lines (``:name:``, ``:alt:`` …), link targets;
- heading numbering and list markers of the draft: ``第1章``, ``1.``, ``(1)``, ``①``;
- note markers ``※1``;
- proper names that contain numbers: the names of plans and laws listed in NAMES;
- statistical definitions, not measurements: the age bands of 年齢3区分 (DEFINITIONS);
- counts of items that the same sentence names one by one (「質の改革」と「量の改革」
  という2つの視点): the count is read off the sentence, not off data (ENUMERATIONS).
Dates of events are not exempt: they must come from a data file (plan_timeline.csv,
national_dx_policy.csv …) through glue.
"""

import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NAMES = [
    "Society 5.0",
    "地方創生2.0",
    "Well-Being",
    "SDGs",
    "第3次大仙市総合計画",
    "第3次総合計画",
    "第4.0版",
    "5 地域と共に創る、未来に続く持続可能なまち",
    "5-4 行財政運営の効率化",
    "視点1 DXの推進",
    "e-Japan",
    "GX",
    "G X",
    "D X",
    "L-Q R",
    "eL-QR",
    "e L-Q R",
    "IT基本法",
    "ICT",
    "RPA",
    "AI",
]

DEFINITIONS = [
    "15歳以上64歳以下",
    "65歳以上",
    "0〜14歳",
    "15〜64歳",
    "年齢3区分",
    "一人ひとり",
    "誰一人",
    "一人当たり",
    "一体的",
    "一本化",
    "二次利用",
    "一貫して",
    "一層",
    "一定",
    "一致",
    "十分",
    "万全",
    "一元管理",
    "一部",
]

# "N つの" immediately followed by the list of the N named items in the draft's sentence
ENUMERATIONS = [
    "2つの計画",  # 「行政サービス改革大綱」及び「DX推進ビジョン」
    "2つの視点",  # 「行政改革」と「デジタル変革」
    "3つの基本方針",  # 「地域価値創造」「行政サービス向上」「行政運営効率化」
    "2因子",  # 「地域行政」「デジタル生活」
    "4つの設問と3つの因子群",  # as defined by デジタル庁's indicator (図6)
]

# The draft's own words that contain a number but no quantity from data.
DRAFT_WORDS = [
    "(図1を参照)",  # the draft's cross-reference (wrong number; a pending row of data/draft_corrections.csv)
]

ALLOWED = [
    r"\{glue(:\w+)?\}`[^`]*`",  # glue roles (also doc::key:s from another page)
    r"\{noteref\}`[^`]*`",  # ※ marks linked to their note
    r"(?m)^:::\{notes\}.*$",  # ※ note blocks (their text comes from data/glossary.csv)
    r"```\{glue:figure\}[^\n]*",  # glue figure directive line
    r"(?m)^:[\w-]+:.*$",  # directive options
    r"(?m)^#+\s*(第\d+章\s*)?(\d+\.|[(（]\d+[)）])?",  # heading numbering
    r"(?m)^\s*[-*]?\s*[①-⑳]",  # list markers ①
    r"[①-⑳]",  # circled references to draft lists
    r"第\d+章",
    r"\(#[\w-]+\)|\{numref\}`[^`]*`|\{ref\}`[^`]*`",
]

KANJI_COUNT = r"[〇一二三四五六七八九十百千万億]+(?:つ|か|ヶ|年|人|件|次|の|種類|項目|施策|分類|%|％)"
DIGITS = re.compile(r"[0-9]|" + KANJI_COUNT)


def prose_cells():
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        book = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(book["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{path.name} セル{i}", "".join(cell["source"])
    for path in sorted((ROOT / "book").glob("*.md")):
        yield path.name, path.read_text(encoding="utf-8")


def typed_numbers(text: str) -> list[str]:
    text = re.sub(r"[①-⑳]", " ", text)  # list markers of the draft, before NFKC turns them into digits
    text = unicodedata.normalize("NFKC", text)
    for name in NAMES + DEFINITIONS + ENUMERATIONS + DRAFT_WORDS:
        text = text.replace(unicodedata.normalize("NFKC", name), " ")
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text)
    return [text[max(0, m.start() - 12) : m.end() + 12].replace("\n", " ") for m in DIGITS.finditer(text)]


def test_rule_catches_typed_numbers():
    assert typed_numbers("本市の人口は12万3,158人です。")
    assert typed_numbers("経常収支比率は91.1%です")
    assert typed_numbers("平成12年に10万人を下回り")
    assert typed_numbers("四つの重点取組") != []
    assert typed_numbers("4つの重点取組") != []
    assert typed_numbers("令和2年4月には") != []
    assert typed_numbers("（85）種類の手続き") != []
    assert typed_numbers("十三の施策") != []
    assert typed_numbers("三次に渡り") != []
    assert typed_numbers("# (1) 人口減少と財政状況") == []
    assert typed_numbers("# 1. 大綱策定にあたって\n\n{glue:text}`pop_peak`人 {noteref}`ch1_1:1` ①") == []


def test_no_number_is_typed_into_prose():
    offenders = [(where, hit) for where, text in prose_cells() for hit in typed_numbers(text)]
    assert offenders == [], "\n".join(f"{w}: …{h}…" for w, h in offenders)
