"""The 推進状況報告書's pages written from a year of returns (intake_kit.year_of_returns), checked
against counts made by hand from that input; and nothing written while no year has returns."""

import re

import pytest
from intake_kit import fill, read, template, year_of_returns

from daisen_taiko.documents import progress
from daisen_taiko.inputs.params import load_edition
from daisen_taiko.plans import initiatives

# By hand from GRADES_R8 over the 30 取組 in plan order (重点取組 1: 8 取組, 2: 7, 3: 10, 4: 5).
SUMMARY = [("A", 8, "26.7"), ("B", 10, "33.3"), ("C", 4, "13.3"), ("D", 2, "6.7"), ("未報告", 6, "20.0")]
CROSS = {1: [8, 0, 0, 0, 0, 8], 2: [0, 7, 0, 0, 0, 7], 3: [0, 3, 4, 2, 1, 10], 4: [0, 0, 0, 0, 5, 5]}
NOT_REPORTED = ["3-4-2", "4-1-1", "4-2-1", "4-2-2", "4-3-1", "4-3-2"]


def cells(markdown: str) -> list[list[str]]:
    """The rows of the list-tables of a page (each row's cells, as they read: escapes undone)."""
    rows, row = [], None
    for line in re.sub(r"\\(.)", r"\1", markdown).splitlines():
        if line.startswith("* - "):
            row = [line[4:]]
            rows.append(row)
        elif line.startswith("  - ") and row is not None:
            row.append(line[4:])
    return rows


@pytest.fixture
def year(proj, blank, tmp_path):
    book = year_of_returns(blank, tmp_path / "返送.xlsx", initiatives()["id"].tolist())
    res = read(proj, book, received="2027-05-10")
    assert res.returncode == 0, res.stdout + res.stderr
    return proj


def test_no_returns_no_pages(proj):
    assert progress.build_pages(load_edition(), None) == ({}, {})


def test_summary_counts_shares_cross_table_and_the_not_reported(year):
    pages, _ = progress.build_pages(load_edition(), None)
    index = pages["index"]
    assert index.startswith("# 推進状況報告書（令和8年度実績）")
    rows = cells(index)
    for grade, n, share in SUMMARY:
        assert [grade, f"{n}件", f"{share}%"] in rows, grade
    assert ["計", "30件", "100.0%"] in rows
    assert "四捨五入" not in index  # the shares add up to 100.0
    for pillar, counts in CROSS.items():
        name = initiatives().query("pillar_no == @pillar")["pillar"].iloc[0]
        assert [name, *map(str, counts)] in rows, pillar
    listed = [r[0] for r in rows if re.fullmatch(r"\d-\d-\d", r[0])]
    assert listed == NOT_REPORTED
    assert "## 未報告の取組（6件）" in index
    assert ["令和8年度", "1,545.5"] in rows and ["累計（令和8年度）", "1,545.5"] in rows
    cited = index.split("出典：")[1].split("\n")[0].split("、")
    assert cited == sorted(
        f"大仙市 {d}「取組計画」{k}" for d in ("DX推進課", "企画課", "総務課", "総合政策課") for k in ("", "進捗報告")
    )
    for meaning in ("計画どおり進み、目標を達成した", "未着手（まだ取り組んでいない）"):
        assert meaning in index


def test_the_chart_by_pillar_draws_the_hand_counted_cross_table(year):
    import matplotlib.pyplot as plt

    from daisen_taiko.plans import charts, yearly

    ed = load_edition()
    pages, files = progress.build_pages(ed, None)
    assert "```{figure} figures/grades-by-pillar.*" in pages["index"]
    assert (
        files["figures/grades-by-pillar.svg"].startswith(b"<?xml")
        and files["figures/grades-by-pillar.pdf"][:4] == b"%PDF"
    )
    fig = charts.grades_by_pillar_chart(yearly.by_pillar(yearly.year_table(ed, yearly.report_year(ed))))
    ax = fig.axes[0]
    drawn = {bars.get_label().split()[0]: [round(b.get_width()) for b in bars] for bars in ax.containers}
    grades = [g for g, _, _ in SUMMARY]
    assert drawn == {g: [CROSS[p][j] for p in sorted(CROSS)] for j, g in enumerate(grades)}
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == [f"{p}　{n}" for p, n in initiatives().drop_duplicates("pillar_no")[["pillar_no", "pillar"]].values]
    labels = sorted(int(t.get_text()) for t in ax.texts)
    assert labels == sorted(n for row in CROSS.values() for n in row[:-1] if n)  # each part's count, no 0
    plt.close(fig)


def test_per_initiative_tables_and_no_rate_for_a_smaller_is_better_indicator(year):
    pages, _ = progress.build_pages(load_edition(), None)
    assert sorted(pages) == ["index", "pillar-1", "pillar-2", "pillar-3", "pillar-4"]
    first = pages["pillar-1"]
    section = first[first.index("## 1-1-1") : first.index("## 1-1-2")]
    rows = dict(r for r in cells(section) if len(r) == 2)
    assert rows["担当課"] == "総務課" and rows["指標（単位）"] == "取組1-1-1の実施件数（件）"
    assert rows["基準値（年度）"] == "10（令和6年度）" and rows["目標値（令和8年度）"] == "20"
    assert rows["実績値"] == "20" and rows["達成率"] == "100.0%" and rows["評価"] == "A"
    assert rows["財政効果額（千円）"] == "1,200" and rows["次年度の方向性"] == "対象を広げる"
    smaller = first[first.index("## 1-2-1") : first.index("## 1-2-2")]
    rows = dict(r for r in cells(smaller) if len(r) == 2)
    assert rows["実績値"] == "420" and rows["目標値（令和8年度）"] == "400"
    assert rows["達成率"] == "減少を目指す指標" and "105" not in smaller
    owners = {r[1] for page in pages.values() for r in cells(page) if r[0] == "担当課"}
    assert owners == {"総務課", "DX推進課", "企画課", "総合政策課"}  # one name per department


def test_a_change_of_the_plan_is_listed_with_its_reason(year, tmp_path):
    book = fill(
        template(year),
        tmp_path / "変更.xlsx",
        plan={"1-1-1": {"令和10年度": "準備", "変更理由": "国の標準化に合わせるため"}},
    )
    res = read(year, book, received="2027-06-01")
    assert res.returncode == 0, res.stdout + res.stderr
    pages, _ = progress.build_pages(load_edition(), None)
    rows = cells(pages["changes"])
    assert rows[1] == [
        "1-1-1　" + initiatives()["item"].iloc[0],
        "段階（令和10年度）",
        "{del}``実施``",
        "{ins}``準備``",
        "国の標準化に合わせるため",
    ]
    assert "出典：大仙市 総務課「取組計画」" in pages["changes"]


def test_the_working_report_says_which_returns_are_awaited(proj):
    from daisen_taiko.documents.report import plans

    text = plans.page(load_edition()).text
    section = text[text.index("## 推進状況報告書") :]
    assert "推進状況報告書は作成していません（公開するものはありません）" in section
    assert "令和8年度の進捗（実績値・評価）の返送を待っている取組は次のとおりです（30件）" in section
    assert ["未定（30件）", "、".join(initiatives()["id"])] in cells(section)


def test_the_working_report_lists_the_not_reported_of_the_year_by_department(year):
    from daisen_taiko.documents.report import plans

    section = plans.page(load_edition()).text.split("## 推進状況報告書")[1].split("\n## ")[0].split("\n### ")[0]
    assert "令和8年度実績の推進状況報告書を作成しました" in section and "（6件）" in section
    assert cells(section)[1:] == [
        ["DX推進課（3件）", "3-4-2、4-2-1、4-3-2"],
        ["企画課（1件）", "4-2-2"],
        ["総務課（1件）", "4-1-1"],
        ["総合政策課（1件）", "4-3-1"],
    ]


def test_the_download_equals_the_data_with_its_publication_only(year):
    import csv
    import io

    pages, files = progress.build_pages(load_edition(), None)
    (name,) = [f for f in files if f.endswith(".csv")]
    assert f"<{name}>`" in pages["index"] and ":::{only} html" in pages["index"]
    assert files[name].startswith(b"\xef\xbb\xbf")
    got = {r["ID"]: r for r in csv.DictReader(io.StringIO(files[name].decode("utf-8-sig")))}
    assert len(got) == 30 and "取得元" not in next(iter(got.values())) and "確度" not in next(iter(got.values()))
    with open(year / "data" / "initiative_progress.csv", encoding="utf-8") as fh:
        data = {r["id"]: r for r in csv.DictReader(fh) if r["fiscal_year"] == "2026"}
    for ident, r in got.items():
        d = data.get(ident)
        if d is None:
            assert (r["評価"], r["実績値"]) == ("未報告", ""), ident
            continue
        assert (r["評価"], r["取組状況"], r["次年度の方向性"]) == (d["rating"], d["comment"], d["next_step"]), ident
        assert float(r["実績値"]) == float(d["actual"]) and r["出典"] == d["publication"], ident
        assert (r["財政効果額（千円）"] and float(r["財政効果額（千円）"])) == (
            d["fiscal_effect"] and float(d["fiscal_effect"])
        )
    assert got["1-2-1"]["達成率（%）"] == "" and got["1-2-1"]["備考"] == "減少を目指す指標"
    assert float(got["1-1-1"]["達成率（%）"]) == 100.0 and got["1-1-1"]["基準年度"] == "令和6年度"


def test_the_working_report_lists_what_to_check_before_publishing(proj, blank, tmp_path):
    """Each rule on one 取組, the expected list written by hand from the values below."""
    from daisen_taiko.documents.report import plans

    def planned(target):
        return {"担当課": "総務課", "令和8年度": "実施", "指標": "件数", "単位": "件", "目標値（令和8年度）": target}

    book = fill(
        blank,
        tmp_path / "返送.xlsx",
        plan={
            "1-1-1": {"担当課": "総務課", "令和8年度": "実施"},  # no 指標, no 目標
            "1-1-2": planned(10),
            "1-1-3": planned(10),
            "1-2-1": planned(10),
            "1-2-2": planned(10),
        },
        progress={
            ("1-1-1", "令和8年度"): {"実績値": 5, "評価": "B"},
            ("1-1-2", "令和8年度"): {"実績値": 25, "評価": "A"},  # 250 %
            ("1-1-3", "令和8年度"): {"実績値": 5, "評価": "A"},  # 50 % graded A
            ("1-2-1", "令和8年度"): {"実績値": 12, "評価": "D"},  # 120 % graded D
            ("1-2-2", "令和8年度"): {"実績値": 10, "評価": "A"},  # 100 %, A: nothing to check
        },
    )
    res = read(proj, book)
    assert res.returncode == 0, res.stdout + res.stderr
    section = plans.page(load_edition()).text.split("### 公表の前に担当課に確認すること")[1].split("\n## ")[0]
    assert section.startswith("（5件）")
    assert [(r[0], r[3]) for r in cells(section)[1:]] == [
        ("1-1-1", "実績値がありますが、取組計画に指標がありません"),
        ("1-1-1", "実績値がありますが、この年度の目標値がありません（達成率を出せません）"),
        ("1-1-2", "達成率が250%です（実績値・目標値・単位の誤りがないか）"),
        ("1-1-3", "評価 A（目標を達成した）ですが、達成率は50%です"),
        ("1-2-1", "評価 Dですが、達成率は120%です"),
    ]


def test_the_planners_summary_is_printed_first_as_written_and_asked_for_when_missing(year):
    from daisen_taiko.documents.report import plans

    assert "## 総括" not in progress.build_pages(load_edition(), None)[0]["index"]
    assert "総括が data/progress_summary.csv にありません" in plans.page(load_edition()).text
    # test data only, in the project copy: two paragraphs the planners might write
    paragraphs = ["令和8年度は、30の取組のうち24の取組で評価が報告された。", "未報告の取組は、次年度に確認する。"]
    with open(year / "data" / "progress_summary.csv", "w", encoding="utf-8") as fh:
        fh.write("fiscal_year,paragraph,text,publication,retrieved_from,confidence,note\n")
        for n, text in reversed(list(enumerate(paragraphs, 1))):
            fh.write(f"令和8年度,{n},{text},テスト「総括」,tests,test,\n")
    index = progress.build_pages(load_edition(), None)[0]["index"]
    first = index.index("## 総括")
    assert first < index.index("## 評価の区分")
    assert index[first:].split("\n\n")[1:3] == paragraphs  # in paragraph order, word for word
    assert "総括が data/progress_summary.csv にありません" not in plans.page(load_edition()).text


def test_from_the_second_year_each_initiative_shows_its_years_so_far(year, tmp_path):
    second = fill(
        template(year),
        tmp_path / "令和9年度.xlsx",
        plan={"1-1-1": {"目標値（令和9年度）": 30}},  # a first 目標 for 令和9年度: no change of the plan
        progress={("1-1-1", "令和9年度"): {"実績値": "２８", "評価": "B"}},
    )
    res = read(year, second, received="2028-05-10")
    assert res.returncode == 0, res.stdout + res.stderr
    pages, _ = progress.build_pages(load_edition(), None)
    assert pages["index"].startswith("# 推進状況報告書（令和9年度実績）")
    assert ["未報告", "29件", "96.7%"] in cells(pages["index"])
    first = pages["pillar-1"]
    rows = dict(r for r in cells(first[first.index("## 1-1-1") : first.index("## 1-1-2")]) if len(r) == 2)
    assert rows["実績値の推移（目標値）"] == "令和8年度 20（20）、令和9年度 28（30）"
    assert rows["評価の推移"] == "令和8年度 A、令和9年度 B"
    rows = dict(r for r in cells(first[first.index("## 1-1-2") : first.index("## 1-1-3")]) if len(r) == 2)
    assert "評価の推移" not in rows  # one year returned: nothing to follow yet


def test_in_the_final_year_the_whole_period_is_summed_up(year, tmp_path):
    ed = load_edition()
    assert "period" not in progress.build_pages(ed, None)[0]  # 令和8年度: not the final year
    final = fill(
        template(year),
        tmp_path / "令和12年度.xlsx",
        progress={
            ("1-1-1", "令和12年度"): {"実績値": 52, "評価": "A", "財政効果額（千円）": 100},
            ("1-1-2", "令和12年度"): {"実績値": 30, "評価": "C"},
        },
    )
    res = read(year, final, received="2031-05-10")
    assert res.returncode == 0, res.stdout + res.stderr
    pages, _ = progress.build_pages(ed, None)
    page = pages["period"]
    assert page.startswith("# 推進期間の総括（令和8〜12年度）")
    rows = cells(page)
    # by hand: 令和8年度 as SUMMARY; nothing returned for 令和9〜11年度; 令和12年度 one A and one C
    assert ["令和8年度", *(f"{n}件" for _, n, _ in SUMMARY), "30件"] in rows
    for fy in ("令和9年度", "令和10年度", "令和11年度"):
        assert [fy, "0件", "0件", "0件", "0件", "30件", "30件"] in rows
    assert ["令和12年度", "1件", "0件", "1件", "0件", "28件", "30件"] in rows
    assert ["令和12年度", "100", "1,645.5"] in rows  # 1,545.5 千円 in 令和8年度 + 100
    first = next(r for r in rows if r[0] == "1-1-1")
    assert first[2:] == ["50件", "52件", "A", "未報告", "未報告", "未報告", "A"]
    second = next(r for r in rows if r[0] == "1-1-2")
    assert second[-5:] == ["A", "未報告", "未報告", "未報告", "C"]
