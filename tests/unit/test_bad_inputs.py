"""A corpus of bad planner input: each case must stop the build with a Japanese message
naming file, row, column and what is wrong, and leave the published book byte for byte as
it was.  The build is run through the real command-line entry point, in-process.

Each case is a mutation of the real files (``edit``) and the fragments the message must
contain.  Forms that are *accepted* after normalisation are tested in test_data.py (BOM,
CP932, full-width digits, thousands separators, 和暦).
"""

import shutil

import pytest
from support import DEFAULT, ROOT, tree_bytes

from daisen_taiko.engine.cli import main
from daisen_taiko.inputs.params import load_edition

FISCAL = "data/fiscal_indicators.csv"
CENSUS = "data/population_census.csv"
YOBODO = "data/shisei_hyoka_yobodo.csv"
# The parameter cases edit the default edition's file (the one the build reads) and are written
# from its own values, so they hold for whichever edition parameters/DEFAULT names.
PARAMS = f"parameters/{DEFAULT}.yaml"
ED = load_edition(DEFAULT)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def line_of(key: str) -> int:
    """The line of ``key`` in the default edition's parameter file, counted from 1."""
    lines = (ROOT / PARAMS).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


def rewrite(path, fn):
    """The file's text passed through ``fn``: a ``str`` result is written as UTF-8, ``bytes`` as they are."""

    def edit(project):
        f = project / path
        out = fn(f.read_text(encoding="utf-8"))
        f.write_bytes(out if isinstance(out, bytes) else out.encode("utf-8"))

    return edit


def replace(path, old, new, count=1):
    def fn(text):
        assert old in text, (path, old)
        return text.replace(old, new, count)

    return rewrite(path, fn)


def write_bytes(path, data):
    def edit(project):
        (project / path).write_bytes(data)

    return edit


def line_edit(path, index, fn):
    def edit_line(text):
        lines = text.split("\n")
        lines[index] = fn(lines[index])
        return "\n".join(lines)

    return rewrite(path, edit_line)


def append_line(path, index_of_copy):
    def append(text):
        lines = text.rstrip("\n").split("\n")
        return "\n".join(lines + [lines[index_of_copy]]) + "\n"

    return rewrite(path, append)


def delete(path):
    def edit(project):
        (project / path).unlink()

    return edit


def copy_as(path, new_name):
    def edit(project):
        shutil.copy2(project / path, project / new_name)

    return edit


CASES = {
    # ---- data files: values
    "text-in-number": (replace(FISCAL, ",89.8,%,", ",abc,%,"), [FISCAL, "28行目", "列「value」", "値「abc」", "数値"]),
    "ambiguous-grouping": (replace(CENSUS, ",123158,", ',"12,31,58",'), [CENSUS, "2行目", "列「value」", "12,31,58"]),
    "decimal-comma": (replace(FISCAL, ",89.8,%,", ',"89,8",%,'), [FISCAL, "28行目", "89,8"]),
    "formula-text": (replace(FISCAL, ",89.8,%,", ",=SUM(A1:A3),%,"), [FISCAL, "28行目", "=SUM(A1:A3)"]),
    "number-with-unit-word": (replace(CENSUS, ",123158,", ",123158人,"), [CENSUS, "2行目", "123158人"]),
    "year-not-a-year": (
        replace(FISCAL, "2012,財政力指数", "20x2,財政力指数"),
        [FISCAL, "27行目", "列「fiscal_year」", "20x2"],
    ),
    "year-out-of-range": (replace(FISCAL, "2012,財政力指数", "1812,財政力指数"), [FISCAL, "27行目", "範囲外", "1812"]),
    "year-kanji-numerals": (
        replace(FISCAL, "2012,財政力指数", "令和六年度,財政力指数"),
        [FISCAL, "27行目", "令和六年度"],
    ),
    "percent-over-100": (replace(FISCAL, ",89.8,%,", ",289.8,%,"), [FISCAL, "28行目", "0〜200"]),
    "negative-count": (replace(CENSUS, ",123158,", ",-123158,"), [CENSUS, "2行目", "0 以上"]),
    "yobodo-out-of-range": (replace(YOBODO, ",0.87,", ",8.7,"), [YOBODO, "2行目", "範囲外", "8.7"]),
    "rank-not-integer": (
        replace(
            "data/comprehensive_plan_survey_r6.csv", ",申請などの手続きの簡素化,1,", ",申請などの手続きの簡素化,1.5,"
        ),
        ["comprehensive_plan_survey_r6.csv", "2行目", "列「rank」", "小数は不可"],
    ),
    "pillar-zero": (
        replace("data/initiative_structure.csv", "\n1,市民に寄り添い", "\n0,市民に寄り添い"),
        ["initiative_structure.csv", "2行目", "列「pillar_no」"],
    ),
    "empty-required-text": (replace(FISCAL, "2012,財政力指数", "2012,"), [FISCAL, "27行目", "「indicator」が空"]),
    "empty-publication": (
        line_edit(CENSUS, 1, lambda line: line.split(",総務省")[0] + ",,草案 99行,high,"),
        [CENSUS, "2行目", "「publication」が空", "出典の刊行物名（例 総務省「国勢調査」）"],
    ),
    # a typo in a value the book selects rows by would leave the row out of its figure unseen
    "indicator-typo": (
        replace(FISCAL, "\n2016,経常収支比率,", "\n2016,経常収支比律,"),
        [
            FISCAL,
            "44行目",
            "列「indicator」",
            "値「経常収支比律」",
            "財政力指数・経常収支比率・実質公債費比率・将来負担比率",
        ],
    ),
    "age-group-typo": (
        replace("data/population_projection.csv", ",老年人口（65歳以上）,", ",老人人口（65歳以上）,"),
        ["population_projection.csv", "5行目", "列「metric」", "値「老人人口（65歳以上）」", "綴り"],
    ),
    "yobodo-role-typo": (replace(YOBODO, ",focus,", ",focsu,"), [YOBODO, "2行目", "列「role」", "値「focsu」"]),
    "date-impossible": (
        replace("data/national_dx_policy.csv", ",2025-06-13,", ",令和7年13月,"),
        ["national_dx_policy.csv", "1件の問題", "12行目", "列「date」", "値「令和7年13月」", "日付（例 2025-06-13"],
    ),
    "date-words": (
        replace("data/plan_timeline.csv", ",2006-03,年月,2006-03,", ",2006-03,年月,3月ごろ,"),
        ["plan_timeline.csv", "2行目", "列「date」", "値「3月ごろ」"],
    ),
    "duplicate-row": (append_line(FISCAL, 2), [FISCAL, "重複", "3行目"]),
    "unquoted-comma": (
        line_edit(CENSUS, 1, lambda line: line.replace("123158", "123,158")),
        [CENSUS, "2行目", "列の数"],
    ),
    "unclosed-quote": (line_edit(CENSUS, 2, lambda line: line + ',"'), [CENSUS, "CSV として読めません"]),
    "several-problems-at-once": (
        lambda p: [replace(FISCAL, ",89.8,%,", ",abc,%,")(p), replace(FISCAL, ",92.3,%,", ",292.3,%,")(p)],
        [FISCAL, "2件の問題", "28行目", "44行目", "0〜200"],
    ),
    # ---- data files: structure and file format
    "header-typo": (
        replace(FISCAL, "indicator,", "indicater,"),
        [FISCAL, "列「indicator」がありません", "想定外の列「indicater」"],
    ),
    "duplicate-header": (
        replace(FISCAL, "unit,publication", "unit,unit"),
        [FISCAL, "列「publication」がありません", "2回以上"],
    ),
    "tab-separated": (
        rewrite(FISCAL, lambda text: text.replace(",", "\t")),
        [FISCAL, "タブ"],
    ),
    "xlsx-under-csv-name": (
        write_bytes(FISCAL, b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40),
        [FISCAL, "xlsx", "CSV UTF-8"],
    ),
    "utf16-unicode-text": (
        rewrite(FISCAL, lambda text: text.encode("utf-16")),
        [FISCAL, "UTF-16"],
    ),
    "undecodable-bytes": (write_bytes(FISCAL, b"fiscal_year,\x81\x20\n"), [FISCAL, "文字コード"]),
    "empty-file": (write_bytes(FISCAL, b""), [FISCAL, "空です"]),
    "header-only": (
        rewrite(FISCAL, lambda text: text.split("\n")[0] + "\n"),
        [FISCAL, "データ行がありません"],
    ),
    "missing-file": (delete(CENSUS), [CENSUS, "データファイルがありません"]),
    "excel-copy-left-in-data": (
        copy_as(FISCAL, "data/fiscal_indicators - コピー.csv"),
        ["fiscal_indicators - コピー.csv", "スキーマが定義されていない"],
    ),
    # ---- parameter files
    "param-unknown-key": (
        replace(PARAMS, "plan_end:", "plan_edn:"),
        [
            PARAMS,
            "1件の問題",
            f"{line_of('plan_end')}行目、キー「plan_edn」",
            "未知のキー「plan_edn」",
            "「plan_end」の誤り",
        ],
    ),
    "param-wrong-type": (
        replace(PARAMS, f"fiscal_year: {ED.fiscal_year}", "fiscal_year: 令和7年度"),
        [PARAMS, "「fiscal_year」", "令和7年度"],
    ),
    "param-fullwidth-digits": (
        replace(PARAMS, f"plan_start: {ED.plan_start}", f"plan_start: {str(ED.plan_start).translate(FULL_WIDTH)}"),
        [PARAMS, "「plan_start」", str(ED.plan_start).translate(FULL_WIDTH)],
    ),
    "param-impossible-year": (
        replace(PARAMS, f"plan_end: {ED.plan_end}", "plan_end: 3030"),
        [PARAMS, "3030 はありえない値"],
    ),
    "param-period-reversed": (
        replace(PARAMS, f"plan_start: {ED.plan_start}", f"plan_start: {ED.plan_end + 1}"),
        [PARAMS, "plan_start", "より後"],
    ),
    "param-bad-status": (
        replace(PARAMS, f"status: {ED.status}", "status: draft"),
        [PARAMS, "「status」", "draft"],
    ),
    "param-bad-issued": (
        replace(PARAMS, f"issued: {ED.issued}", f"issued: {ED.issued.replace('-', '/')}"),
        [PARAMS, "YYYY-MM", ED.issued.replace("-", "/")],
    ),
    "param-issued-other-fiscal-year": (
        replace(PARAMS, f"issued: {ED.issued}", f"issued: {int(ED.issued[:4]) + 1}{ED.issued[4:]}"),
        [PARAMS, f"{ED.fiscal_year + 1} 年度", "一致しません"],
    ),
    "param-missing-key": (
        line_edit(PARAMS, line_of("status") - 1, lambda line: "# " + line),
        [PARAMS, "必須のキー「status」"],
    ),
    "param-yaml-syntax": (
        replace(PARAMS, f"title: {ED.title}", f"title: [{ED.title}"),
        [PARAMS, "YAML の書式", "行目"],
    ),
    "param-tab-indent": (replace(PARAMS, f"status: {ED.status}", f"\tstatus: {ED.status}"), [PARAMS, "YAML の書式"]),
    "param-shift-jis": (
        rewrite(PARAMS, lambda text: text.encode("cp932")),
        [PARAMS, "UTF-8 ではありません"],
    ),
    "param-timeout-zero": (
        rewrite(PARAMS, lambda text: text + "execution_timeout: 0\n"),
        [PARAMS, "「execution_timeout」は1つのセルの実行時間の上限（1〜3600 の秒数、省略時は 300）で指定"],
    ),
    # a 担当課 of the 取組計画 (as make intake writes it, edited by hand) that the city's list lacks
    "plan-owner-not-a-department": (
        write_bytes(
            "data/initiative_plans.csv",
            (
                "id,owner_dept,content,indicator,unit,baseline,baseline_fy,target_final,publication,retrieved_from,confidence,note\n"
                "1-1-1,DX推進課,,,,,,,大仙市 DX推進課「取組計画」,取組計画_DX推進課.xlsx,,\n"
                "1-1-2,DX推進室,,,,,,,大仙市 DX推進課「取組計画」,取組計画_DX推進課.xlsx,,\n"
            ).encode(),
        ),
        [
            "data/initiative_plans.csv",
            "3行目",
            "列「owner_dept」",
            "値「DX推進室」",
            "data/departments.csv の「name」にない値",
            "「DX推進課」",
        ],
    ),
    "param-edition-mismatch": (
        replace(PARAMS, f"edition: {DEFAULT}", f"edition: {DEFAULT}-x"),
        [PARAMS, f"ファイル名と同じ「{DEFAULT}」"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_named_and_the_published_book_is_unchanged(case, project, capsys):
    edit, fragments = CASES[case]
    published = project / "_build" / DEFAULT
    published.mkdir(parents=True)
    (published / "marker.txt").write_text("前回の本", encoding="utf-8")
    before = tree_bytes(project / "_build")
    edit(project)
    code = main(["build"])
    out = capsys.readouterr().out
    assert code == 2, out
    for fragment in fragments:
        assert fragment in out, (fragment, out)
    assert "ノートブックを実行" not in out
    assert "公開済みの本（_build/）は変更していません" in out
    assert tree_bytes(project / "_build") == before


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
