"""A section's part of a 意見募集版 place, as the draft numbers its headings (issue 30)."""

from __future__ import annotations

import pytest

from daisen_taiko.sphinx_extensions.places import section_token


@pytest.mark.parametrize(
    ("title", "token"),
    [
        ("第1章 大綱策定の背景", ("第1章", "1")),
        ("3. 市の状況", ("3", "3")),
        ("(1) 人口減少と財政状況", ("(1)", "1")),
        ("（3）サービス向上と業務効率化を目指すオフィス改革", ("（3）", "3")),  # the draft's full-width brackets
        ("②分かりやすい窓口の推進", ("②", "2")),
        ("各種取組計画", ("各種取組計画", "plans")),  # not numbered: its title, and the anchor given
    ],
)
def test_the_number_a_heading_gives_its_places(title, token):
    assert section_token(title, "plans") == token
