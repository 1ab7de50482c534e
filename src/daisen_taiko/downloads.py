"""CSV and Excel downloads of the data each figure draws (web edition only).

After the notebooks ran, the driver writes ``downloads/<figure>.csv`` / ``.xlsx``
beside the executed notebooks and adds HTML-only download links under each
``{glue:figure}``.  Both files are byte-deterministic (fixed dates in the xlsx).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import nbformat

from .glued import TEXT_KEY, glued_outputs

FIXED = dt.datetime(2025, 12, 1)


def figure_data(nb: nbformat.NotebookNode) -> dict[str, dict]:
    return {name[: -len("__data")]: json.loads(data[TEXT_KEY]) for name, data in glued_outputs(nb).items()
            if name.endswith("__data") and TEXT_KEY in data}


def write_csv(path: Path, table: dict) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(table["columns"])
    w.writerows([["" if v is None else v for v in row] for row in table["rows"]])
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))   # BOM: Excel opens it as UTF-8


def write_xlsx(path: Path, table: dict) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "データ"
    ws.append([table["label"]])
    ws.append(table["columns"])
    for row in table["rows"]:
        ws.append(row)
    wb.properties.creator = "大仙市"
    wb.properties.created = wb.properties.modified = FIXED
    raw = io.BytesIO()
    wb.save(raw)
    # rewrite the zip with fixed entry dates so rebuilds are byte-identical
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            data = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                          b'<dcterms:modified xsi:type="dcterms:W3CDTF">2025-12-01T00:00:00Z</dcterms:modified>', data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())


_FIGURE = re.compile(r"```\{glue:figure\}\s+(\S+)")


def add_downloads(book_dir: Path) -> int:
    """Write the files and link them under each figure of the executed notebooks in ``book_dir``."""
    count = 0
    for nb_path in sorted(book_dir.glob("*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        tables = figure_data(nb)
        if not tables:
            continue
        folder = book_dir / "downloads"
        folder.mkdir(exist_ok=True)
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            names = [n for n in _FIGURE.findall(cell.source) if n in tables]
            for name in names:
                write_csv(folder / f"{name}.csv", tables[name])
                write_xlsx(folder / f"{name}.xlsx", tables[name])
                cell.source += ("\n\n```{only} html\n:::{div} figure-downloads\n"
                                f"{tables[name]['label']} のデータ：{{download}}`CSV <downloads/{name}.csv>`　"
                                f"{{download}}`Excel <downloads/{name}.xlsx>`\n:::\n```\n")
                count += 1
        nbformat.write(nb, nb_path)
    return count
