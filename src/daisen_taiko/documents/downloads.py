"""CSV and Excel files of what each figure draws, for the web editions of both documents.

Written after the HTML build, when Sphinx has numbered the figures: every row starts with
the figure's label as the reader sees it (「図3 大仙市の主な財政指標」).  The 大綱's files are
the city's open data: every row keeps its 出典 (publication), and where each value was read
(:data:`RETRIEVAL`: 取得元, 確度) is left out; the 作業レポート's files keep every column.
Numbers are written with the decimal places their series shows (:func:`places`): a count as
108, not 108.0.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from daisen_taiko.common.records import PROVENANCE, RETRIEVAL, Figure
from daisen_taiko.common.xlsx import save

LABEL = "図表"


def shown_places(v: float) -> int:
    """Decimal places of ``v`` as Python writes it shortest: 87.0 → 0, 92.3 → 1, -0.04 → 2."""
    text = repr(v)
    if v == int(v) or "e" in text:
        return 0
    return len(text.split(".")[1])


def places(record: Figure) -> list[list[int | None]]:
    """The decimal places to write each number of ``record`` with (None for other cells): the most
    any number of its column shows in its series (the rows with the same texts, provenance aside).
    A count stays 108; a ratio published as 87.0 beside 92.3 stays 87.0; 0.00 beside −0.04 stays 0.00."""
    columns = record.columns

    def series(row: list) -> tuple:
        return tuple(v for c, v in zip(columns, row) if c not in PROVENANCE and isinstance(v, str))

    keys = [series(row) for row in record.rows]
    most: dict[tuple, int] = {}
    for key, row in zip(keys, record.rows):
        for j, v in enumerate(row):
            if isinstance(v, float):
                most[key, j] = max(most.get((key, j), 0), shown_places(v))
    return [
        [most[key, j] if isinstance(v, float) else None for j, v in enumerate(row)]
        for key, row in zip(keys, record.rows)
    ]


def csv_cell(v: object, p: int | None) -> object:
    if v is None:
        return ""
    return f"{v:.{p}f}" if p is not None else v


def label(record: Figure, numbers: dict[str, str]) -> str:
    return f"{numbers.get(record.id, '')} {record.caption or ''}".strip()


def write_csv(path: Path, record: Figure, name: str) -> None:
    path.write_bytes(csv_bytes(record, name))


def csv_bytes(record: Figure, name: str) -> bytes:
    """The CSV of ``record``, every row led by ``name`` (UTF-8 with a BOM: Excel opens it as UTF-8)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([LABEL, *record.columns])
    w.writerows(
        [name, *(csv_cell(v, p) for v, p in zip(row, row_places))]
        for row, row_places in zip(record.rows, places(record))
    )
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def write_xlsx(path: Path, record: Figure, name: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "大仙市"
    ws = wb.active
    ws.title = "データ"
    ws.append([name])
    ws.append(record.columns)
    for row, row_places in zip(record.rows, places(record)):
        ws.append(row)
        for j, p in enumerate(row_places, 1):
            if p is not None:
                ws.cell(ws.max_row, j).number_format = "0." + "0" * p if p else "0"
    save(wb, path)


def downloadable(figures: dict[str, Figure]) -> list[str]:
    """The ids of the figures that draw data from rows (those with downloads), sorted."""
    return [
        fid
        for fid, record in sorted(figures.items())
        if record.kind == "figure" and not record.empty and record.rows and record.citation == "rows"
    ]


def write_all(
    folder: Path, figures: dict[str, Figure], numbers: dict[str, str], *, leave_out: tuple[str, ...]
) -> list[str]:
    """One CSV and one xlsx per figure that draws data, without the columns ``leave_out`` names
    (:data:`RETRIEVAL` for the 大綱, none for the 作業レポート), in ``folder`` emptied first;
    returns the figure ids written."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    written = downloadable(figures)
    for fid in written:
        record = figures[fid].without(leave_out)
        name = label(record, numbers)
        write_csv(folder / f"{fid}.csv", record, name)
        write_xlsx(folder / f"{fid}.xlsx", record, name)
    return written


def write_for(folder: Path, figures: dict[str, Figure], numbers: dict[str, str], *, public: bool) -> Path:
    """The downloads of one document in ``folder``: a public document's without :data:`RETRIEVAL`
    (the city's open data: 出典 only), an internal one's with every column; returns ``folder``."""
    write_all(folder, figures, numbers, leave_out=RETRIEVAL if public else ())
    return folder
