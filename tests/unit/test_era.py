import pytest

from daisen_taiko.common.era import short, wareki, western_from_wareki


@pytest.mark.parametrize(
    "year,fiscal,western,expected",
    [
        (2026, True, True, "令和8（2026）年度"),
        (2030, True, False, "令和12年度"),
        (2019, True, False, "令和元年度"),  # FY2019: the government names it 令和元年度 (era changed 2019-05-01)
        (1988, True, False, "昭和63年度"),  # FY1988 ends in 平成 but is 昭和63年度
        (1989, True, False, "平成元年度"),
        (2019, False, False, "令和元年"),  # the calendar year ends in 令和
        (2020, True, False, "令和2年度"),
        (1955, False, False, "昭和30年"),
        (2000, False, False, "平成12年"),
        (1989, False, False, "平成元年"),
    ],
)
def test_wareki_labels(year, fiscal, western, expected):
    assert wareki(year, fiscal=fiscal, western=western) == expected


def test_short_labels_match_the_draft_tables():
    assert [short(y) for y in (2021, 2025, 2016)] == ["R3", "R7", "H28"]


@pytest.mark.parametrize(
    "label,year",
    [
        ("令和6年度", 2024),
        ("令和元年", 2019),
        ("R6", 2024),
        ("Ｒ６", 2024),
        ("平成28年度", 2016),
        ("H28", 2016),
        ("昭和30年", 1955),
        (" 令和 7 年度 ", 2025),
    ],
)
def test_western_from_wareki(label, year):
    assert western_from_wareki(label) == year


@pytest.mark.parametrize("label", ["2024", "令和", "令和六年度", "X6", ""])
def test_western_from_wareki_rejects_non_era_text(label):
    assert western_from_wareki(label) is None


@pytest.mark.parametrize(
    "first,last,fiscal,expected",
    [
        (2021, 2025, True, "令和3〜7年度"),
        (2016, 2024, True, "平成28〜令和6年度"),
        (2020, 2020, False, "令和2年"),
        (1960, 1975, False, "昭和35〜50年"),
    ],
)
def test_spans_as_a_document_writes_them(first, last, fiscal, expected):
    from daisen_taiko.common.era import wareki_span

    assert wareki_span(first, last, fiscal) == expected
