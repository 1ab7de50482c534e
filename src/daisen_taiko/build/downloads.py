"""CSV and Excel files of what each figure draws, for the web edition of the 大綱.

Written after the HTML build, when Sphinx has numbered the figures: every row starts with
the figure's label as the reader sees it (「図3 大仙市の主な財政指標」), and every row
keeps its 出典 (publication) and 取得元 (where the value was read).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from ..xlsx import save

LABEL = "図表"


def label(record: dict, numbers: dict[str, str]) -> str:
    return f"{numbers.get(record['id'], '')} {record['caption'] or ''}".strip()


def write_csv(path: Path, record: dict, name: str) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([LABEL, *record["columns"]])
    w.writerows([[name, *("" if v is None else v for v in row)] for row in record["rows"]])
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))  # BOM: Excel opens it as UTF-8


def write_xlsx(path: Path, record: dict, name: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "大仙市"
    ws = wb.active
    ws.title = "データ"
    ws.append([name])
    ws.append(record["columns"])
    for row in record["rows"]:
        ws.append(row)
    save(wb, path)


def write_all(folder: Path, figures: dict[str, dict], numbers: dict[str, str]) -> list[str]:
    """One CSV and one xlsx per figure that draws data, in ``folder`` emptied first; returns the
    figure ids written."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    written = []
    for fid, record in sorted(figures.items()):
        if record["kind"] != "figure" or record["empty"] or not record["rows"] or record["citation"] != "rows":
            continue
        name = label(record, numbers)
        write_csv(folder / f"{fid}.csv", record, name)
        write_xlsx(folder / f"{fid}.xlsx", record, name)
        written.append(fid)
    return written
