"""Where every value in data/ comes from, checked without building the book.

Three checks, each a function that returns a list of problems (empty = fine):

- ``provenance_problems``: every row names its publication (publisher「title」, as a 出典 line prints
  it) apart from where the value was read (``retrieved_from``), and no publication is a web address
  or a secondary site.
- ``draft_problems``: every row read from the draft cites the draft's lines as
  ``草案（令和7年12月）<section> <N>行`` or ``… <N>〜<M>行``, and those lines of
  ``data/draft/r7-12-soan.txt`` really contain the value (in one of the draft's notations), its
  year, and, for the text files, the text.
- ``pinned_problems`` / ``reference_problems``: the official series in data/ agree with the values
  the data hunt recorded (``tests/reference/official-series/``, read here with the csv module).

The expected notations are written here from first principles on purpose: the project's own
formatting code is not imported, so a bug there cannot hide a wrong value.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from support import SECONDARY_SITES

from daisen_taiko.common.errors import InputError
from daisen_taiko.inputs.data import SCHEMAS, data_dir, load

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "reference" / "official-series"
DRAFT_FILE = Path("draft") / "r7-12-soan.txt"  # inside data/: the draft these rows cite, whatever the default edition
DRAFT_PREFIX = "草案（令和7年12月）"
DRAFT_CITE = re.compile(r"草案（令和7年12月）(?P<section>\S.*) (?P<first>\d+)(?:〜(?P<last>\d+))?行")
DRAFT_PUBLICATION = "大仙市「行政サービス改革・DX推進大綱（草案）」"
PROVENANCE = ["publication", "retrieved_from", "confidence", "note"]
FORBIDDEN_IN_PUBLICATION = ("http", "www.", *SECONDARY_SITES)

# --------------------------------------------------------------------------- notations


# (name, abbreviation, first western year).  A year in which the era changed belongs to both eras
# (2019 is 平成31年 and 令和元年; a fiscal year 2019 is printed H31 or R1).
ERAS = (("明治", "M", 1868), ("大正", "T", 1912), ("昭和", "S", 1926), ("平成", "H", 1989), ("令和", "R", 2019))


def era_years(year: int) -> list[tuple[str, str, int]]:
    out = []
    for i, (name, letter, first) in enumerate(ERAS):
        nxt = ERAS[i + 1][2] if i + 1 < len(ERAS) else None
        if first <= year and (nxt is None or year <= nxt):
            out.append((name, letter, year - first + 1))
    return out


def year_notations(year: int, month: int | None = None, day: int | None = None) -> set[str]:
    """How the draft may write a (fiscal) year, a month or a day.

    Year only: 2023, 2023年, 令和5年, 令和5年度, 令和元年; in tables R5, R 5; the end of a period
    written from its start, as in (H17~21), as ~21.  With a month or a day only the forms that
    carry them (令和6年12月, 令和7年6月13日)."""
    forms: set[str] = set()
    tail = ""
    if month is not None:
        tail = f"{month}月" + (f"{day}日" if day is not None else "")
    for name, letter, n in era_years(year):
        numbers = [str(n)] + (["元"] if n == 1 else [])
        for k in numbers:
            if tail:
                forms.add(f"{name}{k}年{tail}")
            else:
                forms |= {f"{name}{k}年", f"{name}{k}年度"}
        if not tail:
            forms |= {f"{letter}{n}", f"{letter} {n}", f"~{n}", f"～{n}"}
    if tail:
        forms.add(f"{year}年{tail}")
    else:
        forms |= {str(year), f"{year}年", f"{year}年度"}
    return forms


def _decimals(a: float) -> set[str]:
    out = set()
    for d in range(0, 4):
        s = f"{a:.{d}f}"
        if math.isclose(float(s), a, rel_tol=0, abs_tol=1e-9):
            out |= {s, f"{a:,.{d}f}"}
    return out


def _man_oku(i: int) -> set[str]:
    """12万3,158 / 12万3158 / 4万 / 1億1398万 / 1億1,398万."""
    out: set[str] = set()
    if i < 10_000:
        return out
    oku, rest = divmod(i, 100_000_000)
    man, ichi = divmod(rest, 10_000)
    head = f"{oku}億" if oku else ""
    if oku and not man and not ichi:
        out.add(head)
    if man:
        for m in {str(man), f"{man:,}"}:
            base = f"{head}{m}万"
            out |= {base} if not ichi else {f"{base}{ichi}", f"{base}{ichi:,}"}
    return out


def number_notations(value: float) -> set[str]:
    """How the draft may write a number: 91.1, 0.30, 1,469 or 1469, 12万3,158, 1億1398万, 4万, 53.5%,
    -0.04 (also ▲0.04)."""
    a = abs(value)
    forms = _decimals(a)
    if a == int(a):
        forms |= _man_oku(int(a))
    forms |= {f + pct for f in forms for pct in ("%", "％")}
    if value < 0:
        forms = {sign + f for f in forms for sign in ("-", "−", "－", "▲", "△")}
    return forms


_SIGNS = "-−－▲△"


def occurs(text: str, form: str) -> bool:
    """``form`` written in ``text`` as a whole number: not part of a longer number or of a label like
    R4, and an unsigned form not preceded by a minus sign."""
    if form[:1].isdigit():
        before = rf"(?<![0-9０-９.,．，A-Za-z{re.escape(_SIGNS)}])"  # R4 is a year, not 4
    elif form[:1] in _SIGNS:
        before = r"(?<![0-9０-９.,．，])"
    else:
        before = ""
    after = r"(?![0-9０-９]|[.,．，][0-9０-９])" if form[-1:].isdigit() else ""
    return re.search(before + re.escape(form) + after, text) is not None


def squeeze(text: str) -> str:
    """Whitespace runs as one space: a table cell's line breaks are spaces in the draft's text,
    but a space the draft has (「B P R」「無線 LAN 整備」) must stay in the data, or the data would
    correct the draft silently (corrections are rows of draft_corrections.csv)."""
    return re.sub(r"\s+", " ", text)


# --------------------------------------------------------------------------- what a draft row must show

YEAR_COLUMNS = ("year", "fiscal_year", "target_year")
DATE_COLUMNS = ("date", "start", "end")
# The main text column of the files whose rows are text taken from the draft.
TEXT_COLUMNS = {
    "glossary": ("term", "explanation"),
    "initiative_structure": ("item",),
    "earlier_plans_initiatives": ("initiative",),
    "earlier_plans_periods": ("cell",),
    "plan_framework": ("text",),
    "initiative_areas": ("description",),
    "comprehensive_plan_survey_r6": ("option",),
    "departments": ("name",),
}
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _missing(v) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v)) or (isinstance(v, str) and not v.strip())


def expectations(name: str, row: dict) -> list[tuple[str, object, set[str], bool]]:
    """(column, value, accepted forms, compare as squeezed text) for one row read from the draft."""
    out = []
    schema = SCHEMAS[name]
    kinds = {c.name: c.kind for c in schema.columns}
    v = row.get("value")
    if "value" in kinds and kinds["value"] in ("float", "int") and not _missing(v):
        unit = row.get("unit") or ""
        if str(unit).startswith("年"):  # 年(西暦), 年度(西暦): a year given as a value
            out.append(("value", v, year_notations(int(v)), False))
        else:
            out.append(("value", v, number_notations(float(v)), False))
    for col in YEAR_COLUMNS:
        if col in kinds and not _missing(row.get(col)):
            out.append((col, row[col], year_notations(int(row[col])), False))
    for col in DATE_COLUMNS:
        if col in kinds and not _missing(row.get(col)):
            m = _DATE.fullmatch(str(row[col]))
            if m:
                y, mo, d = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
                out.append((col, row[col], year_notations(y, mo or None, d or None), False))
            else:
                out.append((col, row[col], set(), False))
    for col in TEXT_COLUMNS.get(name, ()):
        out.append((col, row[col], {squeeze(str(row[col]))}, True))
    return out


# --------------------------------------------------------------------------- the checks


def _rows(name: str):
    df = load(name)
    for line, (_, rec) in zip(df.attrs["lines"], df.iterrows()):
        yield line, rec.to_dict()


# Files that record the planners' decisions, not values taken from a publication.
DECISIONS = {"draft_corrections"}


def provenance_problems() -> list[str]:
    problems = []
    for name, schema in sorted(SCHEMAS.items()):
        if name in DECISIONS:
            continue
        cols = [c.name for c in schema.columns]
        if cols[-4:] != PROVENANCE or "source" in cols:
            problems.append(f"{name}: schema must end with {PROVENANCE} and have no 'source' column: {cols}")
        try:
            rows = list(_rows(name))
        except InputError as exc:
            problems.append(f"data/{name}.csv does not load: {exc.render()}")
            continue
        if not rows and not schema.optional:
            problems.append(f"data/{name}.csv has no rows")
        for line, row in rows:
            where = f"data/{name}.csv line {line}"
            pub, ref = row.get("publication"), row.get("retrieved_from")
            if _missing(pub) or _missing(ref):
                problems.append(f"{where}: publication and retrieved_from are both required")
                continue
            low = pub.lower()
            bad = [w for w in FORBIDDEN_IN_PUBLICATION if w in low]
            if bad:
                problems.append(f"{where}: publication names an address or a secondary site ({bad}): {pub}")
            if not re.fullmatch(r"[^「」\s][^「」]*「.+」.*", pub):
                problems.append(f"{where}: publication is not of the form 発行者「題名」: {pub}")
            if re.search(r"（各年度?）", pub):
                problems.append(f"{where}: the period of a recurring publication comes from citation_period: {pub}")
    return problems


def draft_problems() -> list[str]:
    lines = (data_dir() / DRAFT_FILE).read_text(encoding="utf-8").splitlines()
    problems = []
    for name in sorted(SCHEMAS):
        try:
            rows = list(_rows(name))
        except InputError as exc:
            problems.append(f"data/{name}.csv does not load: {exc.render()}")
            continue
        for line, row in rows:
            ref = row.get("retrieved_from")
            if _missing(ref) or not ref.lstrip().startswith(("草案", "seed")):
                continue  # not read from the draft (a malformed draft citation is still checked)
            where = f"data/{name}.csv line {line}"
            m = DRAFT_CITE.fullmatch(ref)
            if not m:
                problems.append(
                    f"{where}: retrieved_from must read '草案（令和7年12月）<section> <N>行' or '… <N>〜<M>行': {ref}"
                )
                continue
            first, last = int(m["first"]), int(m["last"] or m["first"])
            if not 1 <= first <= last <= len(lines):
                problems.append(f"{where}: lines {first}–{last} are not in the draft ({len(lines)} lines): {ref}")
                continue
            cited = "\n".join(lines[first - 1 : last])
            exps = expectations(name, row)
            for col, value, forms, as_text in exps:
                found = any(f in squeeze(cited) for f in forms) if as_text else any(occurs(cited, f) for f in forms)
                if not found:
                    problems.append(f"{where}: {col}={value!r} is not written on draft lines {first}–{last} ({ref})")
            if "表" in m["section"]:
                problem = cell_problem(exps, lines[first - 1], lines[last - 1])
                if problem:
                    problems.append(f"{where}: {problem} ({ref})")
    return problems


def cell_problem(exps, header: str, row_line: str) -> str | None:
    """In a table the value must sit under its year: the first cited line is the header, the last one
    the row (the same line when the year and the value share a cell, as in 「R4 n=508」)."""
    year = next(((c, v, f) for c, v, f, _ in exps if c in YEAR_COLUMNS), None)
    value = next(((c, v, f) for c, v, f, _ in exps if c == "value"), None)
    if year is None or value is None:
        return None
    heads, cells = header.split("\t"), row_line.split("\t")
    cols_year = {i for i, cell in enumerate(heads) if any(occurs(cell, f) for f in year[2])}
    cols_value = {i for i, cell in enumerate(cells) if any(occurs(cell, f) for f in value[2])}
    if not cols_year & cols_value:
        return f"value={value[1]!r} is not in the column of {year[0]}={year[1]!r} (table columns {sorted(cols_year)})"
    return None


# Values of the publications, as read from the README tables of the data hunt
# (/work/shared/data-sources/official-series/README.md: 国勢調査 2000/2005 and the series
# [106428,105926,103564,100879,98326,93352,88301,82783]; the 社人研 令和5年推計 table for 大仙市;
# the 総務省「全市町村の主要財政指標」 table FY2012–FY2022).  Typed here by hand on purpose.
# (data file, its key, value); the reference row is found through REFERENCE_OF
PINNED = [
    ("population_census", {"year": 1980, "metric": "総人口"}, 106428),
    ("population_census", {"year": 2000, "metric": "総人口"}, 98326),
    ("population_census", {"year": 2005, "metric": "総人口"}, 93352),
    ("population_census", {"year": 2020, "metric": "総人口"}, 77657),
    ("population_projection", {"target_year": 2045, "metric": "老年人口（65歳以上）"}, 23967),
    ("population_projection", {"target_year": 2045, "metric": "生産年齢人口（15〜64歳）"}, 21933),
    ("population_projection", {"target_year": 2050, "metric": "総人口"}, 44243),
    ("population_projection", {"target_year": 2050, "metric": "老年人口（65歳以上）"}, 22337),
    ("fiscal_indicators", {"fiscal_year": 2016, "indicator": "経常収支比率"}, 92.3),
    ("fiscal_indicators", {"fiscal_year": 2017, "indicator": "経常収支比率"}, 92.1),
    ("fiscal_indicators", {"fiscal_year": 2018, "indicator": "経常収支比率"}, 90.9),
    ("fiscal_indicators", {"fiscal_year": 2019, "indicator": "経常収支比率"}, 92.9),
    ("fiscal_indicators", {"fiscal_year": 2020, "indicator": "経常収支比率"}, 90.9),
    ("fiscal_indicators", {"fiscal_year": 2021, "indicator": "経常収支比率"}, 87.0),
    ("fiscal_indicators", {"fiscal_year": 2022, "indicator": "経常収支比率"}, 90.0),
    ("fiscal_indicators", {"fiscal_year": 2022, "indicator": "財政力指数"}, 0.35),
    ("fiscal_indicators", {"fiscal_year": 2022, "indicator": "実質公債費比率"}, 11.0),
]

# data file → (reference file, {data column: reference column}, data metric → reference metric)
REFERENCE_OF = {
    "population_census": ("population_census_daisen.csv", {"year": "year"}, None),
    "population_projection": (
        "population_projection_ipss_r5_daisen.csv",
        {"target_year": "target_year", "metric": "metric"},
        {
            "総人口": "総人口",
            "年少人口（0〜14歳）": "年少人口(0〜14歳)",
            "生産年齢人口（15〜64歳）": "生産年齢人口(15〜64歳)",
            "老年人口（65歳以上）": "老年人口(65歳以上)",
        },
    ),
    "fiscal_indicators": (
        "fiscal_indicators_soumu.csv",
        {"fiscal_year": "fiscal_year", "indicator": "indicator"},
        None,
    ),
}


def reference_key(name: str, row: dict) -> tuple[str, dict[str, str]]:
    """The reference file of data file ``name`` and the key, in its columns and spelling, of ``row``."""
    ref_file, columns, metric_map = REFERENCE_OF[name]
    key = {}
    for col, ref_col in columns.items():
        v = row[col]
        key[ref_col] = metric_map[v] if (metric_map and col == "metric") else str(v)
    return ref_file, key


def reference_rows(fname: str) -> list[dict]:
    with open(REFERENCE / fname, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _same(a, b) -> bool:
    return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)


def _select(df: pd.DataFrame, key: dict) -> pd.DataFrame:
    sel = df
    for k, v in key.items():
        sel = sel[sel[k] == v]
    return sel


def pinned_problems() -> list[str]:
    problems = []
    frames: dict[str, pd.DataFrame] = {}
    for name, key, expected in PINNED:
        ref_file, ref_key = reference_key(name, key)
        if name not in frames:
            frames[name] = load(name)
        sel = _select(frames[name], key)
        if len(sel) != 1:
            problems.append(f"data/{name}.csv: expected one row for {key}, found {len(sel)}")
        elif not _same(sel["value"].iloc[0], expected):
            problems.append(f"data/{name}.csv {key}: {sel['value'].iloc[0]} ≠ the publication's {expected}")
        refs = [r for r in reference_rows(ref_file) if all(r[k] == v for k, v in ref_key.items())]
        if len(refs) != 1:
            problems.append(f"reference {ref_file}: expected one row for {ref_key}, found {len(refs)}")
        elif not _same(refs[0]["value"], expected):
            problems.append(f"reference {ref_file} {ref_key}: {refs[0]['value']} ≠ the publication's {expected}")
    return problems


def reference_problems() -> list[str]:
    """Every value of the official series in data/ (rows not read from the draft) equals the value the
    data hunt recorded."""
    problems = []
    for name, (ref_file, _, _) in REFERENCE_OF.items():
        refs = reference_rows(ref_file)
        for line, row in _rows(name):
            if row["retrieved_from"].startswith(DRAFT_PREFIX):
                continue
            _, want = reference_key(name, row)
            match = [r for r in refs if all(r[k] == v for k, v in want.items())]
            if len(match) != 1:
                problems.append(f"data/{name}.csv line {line}: no single reference row in {ref_file} for {want}")
            elif not _same(match[0]["value"], row["value"]):
                problems.append(f"data/{name}.csv line {line} {want}: {row['value']} ≠ reference {match[0]['value']}")
    return problems


CHECKS = (provenance_problems, draft_problems, pinned_problems, reference_problems)

# --------------------------------------------------------------------------- tests on the real data


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
def test_real_data_passes(check):
    problems = check()
    assert problems == [], "\n".join(problems)


def test_every_file_in_data_is_read_with_provenance():
    on_disk = {p.stem for p in data_dir().glob("*.csv")}
    required = {name for name, schema in SCHEMAS.items() if not schema.optional}
    assert on_disk <= set(SCHEMAS), on_disk - set(SCHEMAS)
    assert required <= on_disk, required - on_disk
    assert not {"population_resident_register", "figure_catalog"} & on_disk


def test_citation_periods():
    expected = {
        "population_census": "year",
        "fiscal_indicators": "fiscal_year",
        "shisei_hyoka_yobodo": "fiscal_year",
        "shisei_hyoka_digital_usability": "fiscal_year",
        "shisei_hyoka_survey_meta": "fiscal_year",
        "wellbeing_indicators": "year",
    }
    for name, schema in SCHEMAS.items():
        assert schema.citation_period == expected.get(name), name
        if schema.citation_period:
            assert schema.citation_period in [c.name for c in schema.columns]


def test_the_draft_is_the_one_received():
    digest = hashlib.sha256((data_dir() / DRAFT_FILE).read_bytes()).hexdigest()
    assert digest == "b1d0a004f4e925e50a609f76908a881ab44036660f28f1e5fde224cc4a16ef2f"


def test_the_references_are_the_ones_recorded():
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in REFERENCE.glob("*.csv")}
    assert digests == {
        "fiscal_indicators_soumu.csv": "9f69d7ff5a5e265c2c05774c37f4486311666777a5386f94dc3d48aea6180a68",
        "population_census_age5_daisen.csv": "44b2489931f0386be104a218eabdb5495b3a35ad6ce1cd564c29502695b74c50",
        "population_census_daisen.csv": "56f34abd2c6921382513b4c435f84429e5f0123bc8763b9b34451bc0e1da9f78",
        "population_projection_ipss_h30_daisen.csv": "edea1d62307aff32fe7763f9f90ae83880daf5c1acd956cd63b935c0c7b02834",
        "population_projection_ipss_r5_daisen.csv": "954ddcb994bc68fd796c2ffbbc150b126f1d62a8206ac70bae19fce8712109dd",
    }


def test_shapes_the_sections_rely_on():
    census = load("population_census")
    assert sorted(census["year"]) == [1955, 1980, 1985, 1990, 1995, 2000, 2005, 2010, 2015, 2020]
    assert set(census["metric"]) == {"総人口"} and set(census["area"]) == {"大仙市"}
    proj = load("population_projection")
    assert len(proj) == 28 and set(proj["projection"]) == {"令和5年推計"} and set(proj["area"]) == {"大仙市"}
    assert set(proj["metric"]) == {"総人口", "年少人口（0〜14歳）", "生産年齢人口（15〜64歳）", "老年人口（65歳以上）"}
    assert sorted(set(proj["target_year"])) == list(range(2020, 2051, 5))
    fiscal = load("fiscal_indicators")
    assert set(fiscal["indicator"]) == {"財政力指数", "経常収支比率", "実質公債費比率", "将来負担比率"}
    assert list(fiscal.columns) == ["fiscal_year", "indicator", "value", "unit", *PROVENANCE]
    assert min(fiscal["fiscal_year"]) == 2005 and max(fiscal["fiscal_year"]) == 2024
    row = fiscal[(fiscal["fiscal_year"] == 2024) & (fiscal["indicator"] == "経常収支比率")].iloc[0]
    assert row["value"] == 91.1 and row["publication"] == "大仙市「決算の概要」"
    structure = load("initiative_structure")
    assert list(structure.columns) == ["pillar_no", "pillar", "area_no", "area", "item_no", "item", *PROVENANCE]
    assert len(structure) == 30


# --------------------------------------------------------------------------- the notations themselves


@pytest.mark.parametrize(
    "value,form",
    [
        (123158, "12万3,158"),
        (123158, "123,158"),
        (123158, "123158"),
        (113980000, "1億1398万"),
        (40000, "4万"),
        (100000, "10万"),
        (1469, "1,469"),
        (1469, "1469"),
        (91.1, "91.1"),
        (0.3, "0.30"),
        (6.0, "6.0"),
        (-0.04, "-0.04"),
        (53.5, "53.5%"),
        (4.0, "4.0"),
    ],
)
def test_number_notations(value, form):
    assert form in number_notations(value)


@pytest.mark.parametrize(
    "year,form",
    [
        (2045, "令和27年"),
        (2000, "平成12年"),
        (2019, "令和元年"),
        (2019, "平成31年"),
        (2024, "令和6年度"),
        (2024, "R6"),
        (2016, "H28"),
        (2021, "R 3"),
        (1955, "昭和30年"),
        (2009, "~21"),
        (2023, "2023"),
    ],
)
def test_year_notations(year, form):
    assert form in year_notations(year)


def test_month_and_day_notations():
    assert "令和6年12月" in year_notations(2024, 12)
    assert "令和7年6月13日" in year_notations(2025, 6, 13)
    assert "令和7年" not in year_notations(2025, 6, 13)


@pytest.mark.parametrize(
    "text,form,hit",
    [
        ("85種類の手続き", "85", True),
        ("185種類", "85", False),
        ("85.5", "85", False),
        ("0.87\t0.87", "0.87", True),
        ("-0.04", "0.04", False),
        ("-0.04", "-0.04", True),
        ("令和4年度", "令和4年", True),
        ("R 3\tR 4", "R 3", True),
        ("1,469件", "469", False),
        ("(H17~21)", "~21", True),
        ("(H17~210)", "~21", False),
        ("R4 n=508", "4", False),
    ],
)
def test_occurs_matches_whole_numbers_only(text, form, hit):
    assert occurs(text, form) is hit


# --------------------------------------------------------------------------- each check can fail


def _rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def broken(tmp_path, monkeypatch):
    """A copy of data/ with one wrong value, one wrong official value, a bad publication, a bad draft
    citation and a changed text; DAISEN_ROOT points at the copy."""
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "data", root / "data")
    monkeypatch.setenv("DAISEN_ROOT", str(root))
    monkeypatch.delenv("DAISEN_DATA_DIR", raising=False)
    d = root / "data"
    _rewrite(
        d / "reform_results_2020_2025.csv",
        "オンライン化した行政手続数,R2-R7 (as of draft),85,",
        "オンライン化した行政手続数,R2-R7 (as of draft),58,",
    )
    _rewrite(d / "fiscal_indicators.csv", "2016,経常収支比率,92.3,", "2016,経常収支比率,93.2,")
    _rewrite(
        d / "population_projection.csv",
        "2035,大仙市,令和5年推計,総人口,60254,",
        "2035,大仙市,令和5年推計,総人口,60245,",
    )
    _rewrite(
        d / "shisei_hyoka_survey_meta.csv",
        "2012,市民による市政評価,対象者数,1005,人,大仙市「市民による市政評価」",
        "2012,市民による市政評価,対象者数,1005,人,https://paperzz.com/doc/1",
    )
    _rewrite(d / "glossary.csv", "ワンストップ窓口,ひとつの窓口で", "ワンストップ窓口,一つの窓口で")
    _rewrite(d / "national_dx_policy.csv", "草案（令和7年12月）第1章3(3) 本文 142行", "草案 142行")
    _rewrite(d / "shisei_hyoka_yobodo.csv", "2025,雇用・就労,要望度最大,1.65,", "2025,雇用・就労,要望度最大,1.56,")
    # a value of the right row but from another year's column: only the table-cell check sees it
    _rewrite(d / "shisei_hyoka_yobodo.csv", "2024,地域情報化,focus,0.40,", "2024,地域情報化,focus,0.43,")
    return root


def test_provenance_check_reports_a_bad_publication(broken):
    problems = provenance_problems()
    assert any("shisei_hyoka_survey_meta.csv line 2" in p and "paperzz" in p for p in problems), problems
    assert len(problems) == 2  # the address, and a publication without 「」


def test_draft_check_reports_wrong_values_text_and_citations(broken):
    problems = draft_problems()
    text = "\n".join(problems)
    assert "reform_results_2020_2025.csv line 2: value=58.0" in text
    assert "shisei_hyoka_yobodo.csv" in text and "value=1.56" in text
    assert "glossary.csv" in text and "explanation=" in text
    assert "national_dx_policy.csv line 2: retrieved_from must read" in text
    assert "shisei_hyoka_yobodo.csv line 10: value=0.43 is not in the column of fiscal_year=2024" in text
    assert len(problems) == 6, text  # 1.56 is also in no column of its year


def test_official_checks_report_a_changed_official_value(broken):
    pinned = pinned_problems()
    assert len(pinned) == 1 and "2016" in pinned[0] and "93.2" in pinned[0], pinned
    ref = reference_problems()
    assert len(ref) == 2, ref
    assert any("fiscal_indicators.csv" in p and "93.2" in p for p in ref)
    assert any("population_projection.csv" in p and "60245" in p for p in ref)


def test_a_blank_retrieved_from_is_reported(broken):
    _rewrite(broken / "data" / "plan_framework.csv", "草案（令和7年12月）第2章6 体系図 363行", "")
    assert any("plan_framework.csv does not load" in p for p in provenance_problems())
