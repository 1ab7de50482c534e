"""Comparing figure images with a tolerance, in colour.

nbval compares the committed SVG/PDF bytes exactly.  After an upgrade of matplotlib or its
fonts the bytes may change while the picture does not: ``DAISEN_FIGURE_TOLERANT=1 make test``
then skips the byte comparison, and tests/acceptance/test_figures.py compares the pictures.
Two measures, both over the RGB channels (a hue change of equal brightness counts):
the RMS difference (0–255 scale) and the share of pixels whose colour changed noticeably.
"""

from __future__ import annotations

import base64
import subprocess

import nbformat
import numpy as np

from daisen_taiko.common import records

RMS_TOLERANCE = 2.0  # 0–255
CHANGED_TOLERANCE = 0.001  # share of pixels whose largest channel difference exceeds CHANGED_LEVEL
CHANGED_LEVEL = 48


def committed_parameters(nb_path) -> dict:
    """The edition parameters an executed notebook was run with (its injected cell, written by
    papermill as ``edition_params = {...}``): the edition its figures are the figures of."""
    import ast

    for cell in nbformat.read(nb_path, as_version=4).cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            return ast.literal_eval(cell.source.split("edition_params = ", 1)[1])
    raise ValueError(f"{nb_path}: no injected parameters (not executed by papermill)")


def figures_of(nb_path) -> dict[str, bytes]:
    """Figure id → PDF bytes of every glued figure of an executed notebook."""
    bundles = records.outputs(nbformat.read(nb_path, as_version=4))
    return {name: base64.b64decode(b["application/pdf"]) for name, b in bundles.items() if "application/pdf" in b}


def render(pdf: bytes, dpi: int = 72) -> np.ndarray:
    import tempfile
    from pathlib import Path

    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "figure.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(src), str(Path(tmp) / "page")], check=True
        )
        return np.asarray(Image.open(Path(tmp) / "page.png").convert("RGB"), dtype=float)


def difference(a: bytes, b: bytes) -> tuple[float, float]:
    """(RMS over RGB, share of noticeably changed pixels); (inf, 1) when the sizes differ."""
    x, y = render(a), render(b)
    if x.shape != y.shape:
        return float("inf"), 1.0
    d = np.abs(x - y)
    return float(np.sqrt((d**2).mean())), float((d.max(axis=2) > CHANGED_LEVEL).mean())


def same_picture(a: bytes, b: bytes) -> bool:
    rms, changed = difference(a, b)
    return rms <= RMS_TOLERANCE and changed <= CHANGED_TOLERANCE
