"""The figure downloads write each number with the decimal places of its series; the public
ones leave out where each value was read (取得元, 確度), the 作業レポート's keep it."""

from __future__ import annotations

from daisen_taiko.common.records import Figure
from daisen_taiko.documents.downloads import RETRIEVAL, places, write_all, write_csv, write_xlsx

COLUMNS = ["公開年", "指標", "値", "出典", "取得元"]
ROWS = [
    [2023, "回答者数(n)", 108.0, "デジタル庁「地域幸福度（Well-Being）指標」", "草案 175行"],
    [2023, "生活満足度", 6.0, "デジタル庁「地域幸福度（Well-Being）指標」", "草案 176行"],
    [2024, "回答者数(n)", 101.0, "デジタル庁「地域幸福度（Well-Being）指標」", "草案 175行"],
    [2024, "生活満足度", 5.7, "デジタル庁「地域幸福度（Well-Being）指標」", "草案 176行"],
    [2024, "要望度", -0.04, "大仙市「市民による市政評価」", "草案 193行"],
    [2025, "要望度", 0.0, "大仙市「市民による市政評価」", "草案 193行"],
    [2025, "要望度", None, "大仙市「市民による市政評価」", "草案 193行"],
]
RECORD = Figure("fig-x", "figure", "地域幸福度", "rows", COLUMNS, ROWS, [], False)


def test_places_follow_the_series_not_the_column():
    assert [row[2] for row in places(RECORD)] == [0, 1, 0, 1, 2, 2, None]
    assert all(row[0] is None for row in places(RECORD))  # integers (years) are written as they are


def test_the_csv_and_the_workbook_show_the_same_digits(tmp_path):
    from openpyxl import load_workbook

    write_csv(tmp_path / "f.csv", RECORD, "図6")
    lines = (tmp_path / "f.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[3] for line in lines[1:]] == ["108", "6.0", "101", "5.7", "-0.04", "0.00", ""]
    write_xlsx(tmp_path / "f.xlsx", RECORD, "図6")
    ws = load_workbook(tmp_path / "f.xlsx").active
    cells = [ws.cell(r, 3) for r in range(3, 3 + len(ROWS))]
    assert [c.value for c in cells[:3]] == [108, 6.0, 101]  # still numbers in Excel
    assert [c.number_format for c in cells[:6]] == ["0", "0.0", "0", "0.0", "0.00", "0.00"]


def test_public_downloads_leave_out_where_each_value_was_read(tmp_path):
    from openpyxl import load_workbook

    record = Figure(
        "fig-x", "figure", "地域幸福度", "rows", [*COLUMNS, "確度"], [[*row, "high"] for row in ROWS], [], False
    )
    figures, numbers = {"fig-x": record}, {"fig-x": "図6"}
    for folder, leave_out, header in [
        (tmp_path / "public", RETRIEVAL, ["図表", "公開年", "指標", "値", "出典"]),
        (tmp_path / "report", (), ["図表", "公開年", "指標", "値", "出典", "取得元", "確度"]),
    ]:
        assert write_all(folder, figures, numbers, leave_out=leave_out) == ["fig-x"]
        lines = (folder / "fig-x.csv").read_text(encoding="utf-8-sig").splitlines()
        assert lines[0].split(",") == header
        assert [line.split(",")[3] for line in lines[1:]] == ["108", "6.0", "101", "5.7", "-0.04", "0.00", ""]
        ws = load_workbook(folder / "fig-x.xlsx").active
        assert [c.value for c in ws[2]] == header[1:]
        assert [ws.cell(r, 3).number_format for r in range(3, 9)] == ["0", "0.0", "0", "0.0", "0.00", "0.00"]
    assert set(RETRIEVAL) == {"取得元", "確度"}
