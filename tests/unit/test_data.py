import pytest

from daisen_taiko.common.errors import InputError
from daisen_taiko.inputs.data import SCHEMAS, load, parse_number, validate_all


def test_every_shipped_data_file_validates():
    assert len(validate_all()) == len(SCHEMAS)


@pytest.mark.parametrize(
    "text,value",
    [
        ("123158", 123158),
        ("123,158", 123158),
        ("１２３，１５８", 123158),
        (" 91.1 ", 91.1),
        ("９１．１", 91.1),
        ("▲1.8", -1.8),
        ("△1.8", -1.8),
        ("-1.8", -1.8),
        ("53.5%", 53.5),
    ],
)
def test_parse_number_accepts_planner_forms(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["12,31,58", "1.2.3", "abc", "91.1点", "1,0"])
def test_parse_number_rejects_ambiguous_forms(text):
    assert parse_number(text) is None


def fiscal(project):
    return project / "data" / "fiscal_indicators.csv"


def load_error(name="fiscal_indicators"):
    with pytest.raises(InputError) as exc:
        load(name)
    return exc.value.render()


def test_excel_forms_are_read_identically(project):
    path = fiscal(project)
    original = load("fiscal_indicators")
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8") + b"\r\n,,,,\r\n\r\n")
    assert load("fiscal_indicators").equals(original)
    path.write_bytes(text.encode("cp932"))
    assert load("fiscal_indicators").equals(original)


def test_a_file_read_twice_is_parsed_once_and_an_edit_is_seen(project):
    """load() keeps one parsed copy per file content: callers get their own frame, and a file
    changed in between is read again."""
    first = load("fiscal_indicators")
    first.loc[0, "value"] = -1.0  # a caller's change stays its own
    again = load("fiscal_indicators")
    assert again.loc[0, "value"] != -1.0 and again.attrs["name"] == "fiscal_indicators"
    _edit_line(project, "2012,経常収支比率", ",89.8,", ",89.7,")
    edited = load("fiscal_indicators")
    row = (edited["fiscal_year"] == 2012) & (edited["indicator"] == "経常収支比率")
    assert edited.loc[row, "value"].tolist() == [89.7]


def _edit_line(project, starts: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` on the line of fiscal_indicators.csv starting with ``starts``;
    return that line's number as Excel shows it."""
    path = fiscal(project)
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith(starts))
    assert old in lines[n]
    lines[n] = lines[n].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n + 1


def test_text_in_a_number_column_names_file_row_column(project):
    row = _edit_line(project, "2012,経常収支比率", ",89.8,", ",八九.八,")
    msg = load_error()
    assert "data/fiscal_indicators.csv" in msg and f"{row}行目" in msg and "列「value」" in msg and "八九.八" in msg


def test_all_problems_of_a_file_are_reported_together(project):
    rows = [
        _edit_line(project, "2012,経常収支比率", ",89.8,", ",abc,"),
        _edit_line(project, "2013,経常収支比率", "2013,", "20x3,"),
        _edit_line(project, "2014,経常収支比率", ",88.9,", ",288.9,"),
    ]
    msg = load_error()
    assert "3件の問題" in msg
    assert all(f"{r}行目" in msg for r in rows)
    assert "0〜200" in msg


def test_misspelt_header_is_named(project):
    path = fiscal(project)
    text = path.read_text(encoding="utf-8").replace("indicator,", "indicater,", 1)
    path.write_text(text, encoding="utf-8")
    msg = load_error()
    assert "列「indicator」がありません" in msg and "想定外の列「indicater」" in msg


def test_duplicate_key_is_rejected(project):
    path = fiscal(project)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[2]]) + "\n", encoding="utf-8")
    msg = load_error()
    assert "重複" in msg and "3行目" in msg and f"{len(lines) + 1}行目" in msg


def test_wareki_year_is_normalised(project):
    path = fiscal(project)
    text = path.read_text(encoding="utf-8").replace("\n2024,経常収支比率,", "\n令和6年度,経常収支比率,")
    path.write_text(text, encoding="utf-8")
    df = load("fiscal_indicators")
    assert 2024 in set(df["fiscal_year"])


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("2025-06-13", "2025-06-13"),
        ("2025/6/13", "2025-06-13"),  # how Excel writes a date into a CSV
        ("令和7年6月13日", "2025-06-13"),
        ("令和７年６月", "2025-06"),
        ("2025", "2025"),
    ],
)
def test_a_date_is_read_in_the_forms_planners_type(project, typed, stored):
    path = project / "data" / "national_dx_policy.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2025-06-13,", f",{typed},"), encoding="utf-8")
    df = load("national_dx_policy")
    assert df.loc[df["key"] == "regional_revitalization_2_plan", "date"].item() == stored


def test_a_category_in_other_widths_is_read_as_the_books_own(project):
    path = project / "data" / "population_projection.csv"
    original = load("population_projection")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",老年人口（65歳以上）,", ",老年人口(65歳以上),"), encoding="utf-8")
    assert load("population_projection").equals(original)
