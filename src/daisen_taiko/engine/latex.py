"""From Sphinx's LaTeX sources to a PDF: upLaTeX until its auxiliary files settle, then dvipdfmx.

Passes run until the auxiliary files settle (a comparison of their contents, not latexmk's
heuristics or file times), which makes the PDF a function of the sources alone; ``SOURCE_DATE_EPOCH`` fixes its dates and trailer /ID.

After the last pass the log is read: a line wider than the text (``Overfull \\hbox``), text
running off a page (``Overfull \\vbox``) or a reference that points nowhere fails the build,
with the page and the source lines named (:func:`log_problems`).  The PDF is still written
in the LaTeX folder so the page can be looked at.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from daisen_taiko.common.errors import DaisenError
from daisen_taiko.engine.layout import rel

MAX_PASSES = 4  # 1 writes .aux/.toc/.out; later passes read them; stop once a pass changes none of them
TOLERANCE_PT = 1.0  # overfull boxes up to this are invisible in print

_OVERFULL = re.compile(r"^Overfull \\([hv])box \((\d+(?:\.\d+)?)pt too (?:wide|high)\)(.*)$")
_LINES = re.compile(r"lines? (\d+)(?:--(\d+))?")
_UNDEFINED = re.compile(
    r"LaTeX Warning: (?:Hyper r|R)eference `([^']*)' on page (\S+) undefined"
    r"(?: on input line (\d+))?"
)
# A page shipped out: TeX writes "[<\count0>" (then "]", possibly after file names) at the
# start of a line or after a space.
_SHIPOUT = re.compile(r"(?:^|(?<=\s))\[(-?\d+)(?=[\s\]<{(])", re.M)
_FONT = re.compile(r"\\[A-Z0-9]+/[^ ]+ ")  # font switches in a box listing: "\T1/qtm/m/n/10 "


class LatexError(DaisenError):
    """upLaTeX or dvipdfmx failed, or the log shows a layout fault; the message names the log."""


def tex_env() -> dict[str, str]:
    """The build's fixed SOURCE_DATE_EPOCH (the edition's date, set by the pipeline) and a fixed
    time zone and locale."""
    return dict(os.environ, FORCE_SOURCE_DATE="1", TZ="UTC", LC_ALL="C.UTF-8", max_print_line="10000")


def first_error(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    for i, line in enumerate(lines):
        if line.startswith("!"):
            return "\n".join(lines[i : i + 6])
    return "\n".join(lines[-15:])


def _box_text(listing: str) -> str:
    """The readable text of a box listing line (``[]|\\T1/qtm/m/n/10 ch1_3_2|``)."""
    text = _FONT.sub("", listing).replace("[]", "").replace("|", "").strip()
    return text if len(text) <= 40 else text[:40] + "…"


def log_problems(text: str, tex: str = "book.tex", tolerance: float = TOLERANCE_PT) -> list[str]:
    """The layout faults of an upLaTeX log (of the last pass), one Japanese line each.

    Overfull boxes wider (or taller) than ``tolerance`` points, and references to labels
    that do not exist.  The page is the PDF's page (1 = the cover) being filled when TeX
    found the fault: the fault is on it or on the next; the lines are those of ``tex``.
    """
    problems = []
    lines = text.splitlines(keepends=True)
    offset = 0
    for i, line in enumerate(lines):
        m = _OVERFULL.match(line)
        if m and float(m.group(2)) > tolerance:
            page = len(_SHIPOUT.findall(text, 0, offset)) + 1
            kind, amount, rest = m.group(1), float(m.group(2)), m.group(3)
            src = _LINES.search(rest)
            where = (
                (
                    f"{tex} の {src.group(1)}"
                    + (f"〜{src.group(2)}" if src.group(2) and src.group(2) != src.group(1) else "")
                    + " 行"
                )
                if src
                else "ページの組み上げ時"
            )
            if kind == "h":
                snippet = _box_text(lines[i + 1]) if i + 1 < len(lines) else ""
                problems.append(
                    f"行が版面から {amount:.1f}pt はみ出しています：PDF の {page} ページ目付近（{where}）"
                    + (f"「{snippet}」" if snippet else "")
                )
            else:
                problems.append(
                    f"ページの下端から {amount:.1f}pt はみ出しています：PDF の {page} ページ目付近（{where}）"
                )
        m = _UNDEFINED.search(line)
        if m:
            at = f"、{tex} の {m.group(3)} 行" if m.group(3) else ""
            problems.append(f"参照先が見つかりません：「{m.group(1)}」（{m.group(2)} ページ{at}）")
        offset += len(line)
    return problems


def auxiliary_state(latex_dir: Path, stem: str) -> dict[str, bytes]:
    """What a pass writes for the next one to read (labels and pages, 目次, bookmarks).  Passes
    stop when two in a row leave it unchanged: a decision on contents only, so the same sources
    take the same passes anywhere."""
    return {
        p.name: p.read_bytes()
        for p in sorted(latex_dir.glob(f"{stem}.*"))
        if p.suffix in (".aux", ".toc", ".out", ".lof", ".lot")
    }


def make_pdf(latex_dir: Path, tex: str = "book.tex", what: str = "PDF") -> Path:
    """Typeset ``latex_dir/tex``; return the PDF path."""
    env = tex_env()
    stem = Path(tex).stem
    log = latex_dir / f"{stem}.log"
    previous = auxiliary_state(latex_dir, stem) or None  # the last build's: one pass when nothing moved
    for _ in range(MAX_PASSES):
        proc = subprocess.run(
            ["uplatex", "-interaction=nonstopmode", "-halt-on-error", "-kanji=utf8", tex],
            cwd=latex_dir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if proc.returncode != 0:
            raise LatexError(f"{what}の組版（upLaTeX）に失敗しました。ログ: {rel(log)}\n{first_error(log)}")
        state = auxiliary_state(latex_dir, stem)
        if state == previous:  # this pass read what the one before wrote: settled
            break
        previous = state
    proc = subprocess.run(
        ["dvipdfmx", "-q", "-o", f"{stem}.pdf", f"{stem}.dvi"], cwd=latex_dir, env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise LatexError(f"{what}の出力（dvipdfmx）に失敗しました。\n{proc.stderr[-2000:]}")
    problems = log_problems(log.read_text(encoding="utf-8", errors="replace"), tex)
    if problems:
        shown = "\n".join(f"  - {p}" for p in problems[:20])
        more = f"\n  ほか {len(problems) - 20} 件" if len(problems) > 20 else ""
        raise LatexError(
            f"{what}の組版に問題があります（{len(problems)} 件）。ログ: {rel(log)}、"
            f"確認用の PDF: {rel(latex_dir / f'{stem}.pdf')}\n{shown}{more}"
        )
    return latex_dir / f"{stem}.pdf"
