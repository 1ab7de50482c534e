import pytest

from daisen_taiko.common.text import approx, comma, kanji_number, man


@pytest.mark.parametrize(
    "n,expected",
    [
        (123158, "12万3,158"),
        (113980000, "1億1398万"),
        (100000, "10万"),
        (999, "999"),
        (0, "0"),
        (-5000, "▲5,000"),
    ],
)
def test_man_notation_as_in_the_draft(n, expected):
    assert man(n) == expected


def test_approx_rounds_to_significant_digits():
    assert approx(1064.4) == "1,000"
    assert approx(1550) == "2,000"
    assert approx(1550, sig=2) == "1,600"


def test_comma():
    assert comma(123158) == "123,158"
    assert comma(91.1, 1) == "91.1"


def test_kanji_numbers_for_small_counts():
    assert [kanji_number(n) for n in (1, 3, 9)] == ["一", "三", "九"]
    with pytest.raises(ValueError):
        kanji_number(10)
