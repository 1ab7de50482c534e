"""Excel workbooks written byte-identically on every run (fixed dates, fixed zip entry times)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

FIXED = dt.datetime(2025, 12, 1)
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>")


def fixed_bytes(wb) -> bytes:
    """The workbook as bytes with fixed dates, so identical content gives identical bytes."""
    wb.properties.created = wb.properties.modified = FIXED
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = _MODIFIED.sub(
                b'<dcterms:modified xsi:type="dcterms:W3CDTF">2025-12-01T00:00:00Z</dcterms:modified>',
                src.read(info.filename),
            )
            dst.writestr(
                zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()


def save(wb, path: Path) -> Path:
    """Save deterministically and atomically (temp file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_bytes(fixed_bytes(wb))
    os.replace(tmp, path)
    return path
