"""Compare freshly executed figures with the committed references in ``book/``.

nbval already compares the figures' SVG/PDF bytes (deterministic for one
matplotlib version) and the text digest of the plotted data.  This check adds
what nbval cannot: it names the figure (図N and title), and compares the
rendered images with a tolerance, so a package upgrade that moves a few
anti-aliased pixels can be told apart from a real change.
"""

from __future__ import annotations

import base64
import subprocess
import tempfile
from pathlib import Path

import nbformat

from .glued import PDF_KEY, TEXT_KEY, glued_outputs

TOLERANCE = 2.0   # RMS on 0-255 greyscale; anti-aliasing noise stays well below it


def glued_figures(nb_path: Path) -> dict[str, dict]:
    found = {}
    for name, data in glued_outputs(nbformat.read(nb_path, as_version=4)).items():
        if PDF_KEY in data:
            text = data.get(TEXT_KEY, "")
            found[name] = {"label": text.split("｜")[0].strip("'\""), "text": text,
                           "pdf": base64.b64decode(data[PDF_KEY])}
    return found


def rasterize(pdf: bytes, workdir: Path, stem: str) -> Path:
    src = workdir / f"{stem}.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-gray", str(src), str(workdir / stem)],
                   check=True)
    return workdir / f"{stem}.png"


def compare_notebooks(reference: Path, fresh: Path, tol: float = TOLERANCE) -> list[str]:
    """Japanese problem lines; empty when every figure of ``reference`` reproduces."""
    from matplotlib.testing.compare import compare_images

    ref, new = glued_figures(reference), glued_figures(fresh)
    problems = []
    for name in sorted(set(ref) | set(new)):
        if name not in new:
            problems.append(f"{ref[name]['label']}（{name}）: 再実行した結果に図がありません")
            continue
        if name not in ref:
            problems.append(f"{new[name]['label']}（{name}）: 基準（コミット済みノートブック）に無い図です")
            continue
        label = ref[name]["label"]
        if ref[name]["text"] != new[name]["text"]:
            problems.append(f"{label}（{name}）: 描画データが基準と異なります")
        with tempfile.TemporaryDirectory() as tmp:
            a = rasterize(ref[name]["pdf"], Path(tmp), "ref")
            b = rasterize(new[name]["pdf"], Path(tmp), "new")
            result = compare_images(str(a), str(b), tol, in_decorator=True)
            if result is not None:
                problems.append(f"{label}（{name}）: 画像が基準と異なります（RMS {result['rms']:.2f} > 許容 {tol}）")
    return problems
