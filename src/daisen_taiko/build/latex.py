"""From Sphinx's LaTeX sources to a PDF: upLaTeX, a fixed number of passes, then dvipdfmx.

A fixed number of passes (not latexmk's rerun heuristics) makes the PDF a function of
the sources alone; ``SOURCE_DATE_EPOCH`` fixes its dates and trailer /ID.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .layout import rel

PASSES = 3   # 1: write .aux/.toc/.out, 2: 目次 and bookmarks, 3: page numbers settled after the 目次


class LatexError(Exception):
    """upLaTeX or dvipdfmx failed; the message names the log and the first TeX error."""


def tex_env() -> dict[str, str]:
    """The build's fixed SOURCE_DATE_EPOCH (the edition's date, set by the pipeline) and a fixed
    time zone and locale."""
    return dict(os.environ, FORCE_SOURCE_DATE="1", TZ="UTC", LC_ALL="C.UTF-8", max_print_line="10000")


def first_error(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    for i, line in enumerate(lines):
        if line.startswith("!"):
            return "\n".join(lines[i:i + 6])
    return "\n".join(lines[-15:])


def make_pdf(latex_dir: Path, tex: str = "book.tex", what: str = "PDF") -> Path:
    """Typeset ``latex_dir/tex``; return the PDF path."""
    env = tex_env()
    stem = Path(tex).stem
    for _ in range(PASSES):
        proc = subprocess.run(["uplatex", "-interaction=nonstopmode", "-halt-on-error", "-kanji=utf8", tex],
                              cwd=latex_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if proc.returncode != 0:
            log = latex_dir / f"{stem}.log"
            raise LatexError(f"{what}の組版（upLaTeX）に失敗しました。ログ: {rel(log)}\n{first_error(log)}")
    proc = subprocess.run(["dvipdfmx", "-q", "-o", f"{stem}.pdf", f"{stem}.dvi"], cwd=latex_dir, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise LatexError(f"{what}の出力（dvipdfmx）に失敗しました。\n{proc.stderr[-2000:]}")
    return latex_dir / f"{stem}.pdf"
