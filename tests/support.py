"""Helpers the tests share: private copies of the project, the CLI, tree snapshots, PDF text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from daisen_taiko.inputs.params import default_edition
from daisen_taiko.inputs.paths import PROJECT_INPUTS

ROOT = Path(__file__).resolve().parents[1]
# The edition ``make book`` builds (parameters/DEFAULT, read as the build reads it): tests name
# this, never this year's edition, so that they hold after ``make edition`` switches it.
DEFAULT = default_edition()
# The edition ``make edition`` would start after it (r7-12-soan → r8-12-soan).
NEXT = re.sub(r"^r(\d+)", lambda m: f"r{int(m[1]) + 1}", DEFAULT)
# Sites where values were once read second-hand: never a publication, never in the 大綱.
SECONDARY_SITES = (
    "paperzz",
    "healthy-map",
    "expydoc",
    "kotobank",
    "goo.ne.jp",
    "shibutani",
    "vdocuments",
    "jinkoulab",
    "nicdude",
)


def copy_project(dst: Path, with_src: bool = False) -> Path:
    """The project's inputs (and, when asked, its package code) copied to ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_INPUTS + (("src",) if with_src else ()):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(
                src,
                dst / name,
                ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.tmp.ipynb", "__pycache__", "*.egg-info"),
            )
        else:
            shutil.copy2(src, dst / name)
    return dst


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a file of a project copy: ``old`` must occur exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


BPR_ROW = "（原稿の文字間隔が残ったもの）,,,草案（令和7年12月）154・159行"  # the 「B P R → BPR」 correction's tail


def first_ratio_drawn(params: dict | None = None) -> tuple[int, str]:
    """(年度, value as data/fiscal_indicators.csv writes it) of the first 経常収支比率 that 図3
    draws for the edition parameters ``params`` (the default edition's when None): the value the
    tests change to see the figure, the 大綱 and the report change (平成28年度 92.3 in the
    令和7年度版, 平成29年度 92.1 in the next)."""
    from daisen_taiko.inputs.registry import get

    params = params or edition_params()
    first = get("fig-fiscal").needs[0].years(params["fiscal_year"])[0]
    row = ratio_row(first, params)
    assert "verified-in-source" in row or "confirmed (" in row, row  # drawn, not left out as 確認中
    return first, row.split(",")[2]


def ratio_row(year: int, params: dict | None = None) -> str:
    """The line of data/fiscal_indicators.csv (the edition's) holding 経常収支比率 of ``year``."""
    rows = ratio_file(ROOT, params or edition_params()).read_text(encoding="utf-8").splitlines()
    return next(r for r in rows if r.startswith(f"{year},経常収支比率,"))


def edition_params(edition: str = DEFAULT) -> dict:
    from daisen_taiko.inputs.params import load_edition

    return load_edition(edition).as_dict()


def ratio_file(project: Path, params: dict) -> Path:
    """The fiscal_indicators.csv that an edition of ``params`` reads in ``project`` (data/, or the
    folder its ``data_dir`` names)."""
    return project / (params.get("data_dir") or "data") / "fiscal_indicators.csv"


def change_first_ratio(project: Path, new: str, params: dict | None = None) -> str:
    """Write ``new`` for the first 経常収支比率 that 図3 draws for ``params`` (the default
    edition's when None), in the copy ``project``; returns the value it replaced."""
    params = params or edition_params()
    year, _ = first_ratio_drawn(params)
    path = ratio_file(project, params)
    current = re.search(rf"^{year},経常収支比率,([^,]+),", path.read_text(encoding="utf-8"), flags=re.M)[1]
    replace_once(path, f"\n{year},経常収支比率,{current},", f"\n{year},経常収支比率,{new},")
    return current


def approve_bpr(project: Path) -> None:
    """Approve the pending correction 「B P R」 → 「BPR」 of data/draft_corrections.csv."""
    replace_once(project / "data" / "draft_corrections.csv", BPR_ROW, BPR_ROW.replace(",,,", ",DX推進課,2026-12-01,"))


def project_env(project: Path, **extra: str) -> dict:
    env = dict(os.environ, DAISEN_ROOT=str(project), **extra)
    if (project / "src").is_dir():
        env["PYTHONPATH"] = str(project / "src")
    return env


def run_intake(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The intake command (``python -m daisen_taiko.intake``) run on ``project``."""
    return subprocess.run(
        [sys.executable, "-m", "daisen_taiko.intake", *args],
        cwd=project,
        env=project_env(project),
        capture_output=True,
        text=True,
        timeout=300,
    )


# Whether the test running now may build its own copy through to typesetting: only a test marked
# ``builds`` (make test-builds) may; tests/conftest.py sets this around each test's call.
MAY_BUILD = True


def run_cli(project: Path, *args: str, timeout: int = 900, **env: str) -> subprocess.CompletedProcess:
    res = subprocess.run(
        [sys.executable, "-m", "daisen_taiko", *args],
        cwd=project,
        env=project_env(project, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    # a build's step of a document (「[4/10] 大綱の Web 版と PDF を作成しています…」), whatever its number
    typeset = args[0] == "verify" or (
        args[0] == "build" and re.search(r"^\[\d+/\d+\] .+を作成しています", res.stdout, re.M)
    )
    assert MAY_BUILD or not typeset, (
        f"this test ran `{' '.join(args)}` on its own copy as far as typesetting: mark it "
        "@pytest.mark.builds so that make test-builds runs it, not make test (CONTRIBUTING: Two tiers of tests)"
    )
    return res


def processes_of(project: Path) -> list[int]:
    """The processes started for ``project`` that are still alive: every process whose environment
    names it as DAISEN_ROOT (the CLI, the zygote and the kernels forked from it, what they started)."""
    names = {f"DAISEN_ROOT={p}".encode() + b"\0" for p in (project, project.resolve())}
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            environ = (proc / "environ").read_bytes()
        except OSError:  # gone meanwhile, or not ours
            continue
        if any(name in environ for name in names):
            found.append(int(proc.name))
    return found


def tree_bytes(path: Path) -> dict:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


class Built:
    """The default edition built once in a private copy (the user's _build/ is left alone)."""

    def __init__(self, root: Path, log: str):
        self.root = root
        self.log = log
        self.out = root / "_build" / DEFAULT
        self.html = self.out / "html"
        self.pdf = next((self.out / "pdf").glob("*.pdf"))
        self.report_html = self.out / "report" / "html"
        self.report_pdf = next((self.out / "report" / "pdf").glob("*.pdf"))
        self.work = root / ".work" / DEFAULT


def pdf_info(pdf: Path) -> dict[str, str]:
    """The fields ``pdfinfo`` prints (Title, Author, Pages, Page size …), values stripped."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def paper_of(pdf: Path) -> tuple[float, float]:
    """Width and height of its pages in PDF points (A4 portrait: 595 × 842)."""
    w, h = map(float, re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info(pdf)["Page size"]).groups())
    return w, h


def assert_a4_with_every_font_embedded(pdf: Path) -> None:
    w, h = paper_of(pdf)
    assert abs(w - 595) < 1.5 and abs(h - 842) < 1.5
    assert_every_font_embedded(pdf)


def assert_every_font_embedded(pdf: Path) -> None:
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), rows


def pdf_text(pdf: Path, *args: str, layout: bool = True) -> str:
    """The text of a PDF (``layout``: keep the page layout; otherwise reading order)."""
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), *args, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


# ---- printed characters: their size at print, their font, where on the page (pdfplumber)

FIGURE_FONTS = ("IPAex", "DejaVu")  # the fonts matplotlib embeds; TeX sets Harano Aji and TeX Gyre


@dataclass(frozen=True)
class Char:
    text: str
    size: float  # the printed size: the font size times the scale of the text and of the figure
    font: str
    x: float = 0.0  # the centre of its box, from the top left of the page
    y: float = 0.0


def _printed_size(c: dict) -> float:
    a, b, cc, d = c["matrix"][:4]
    if abs(b) < 1e-3 and abs(cc) < 1e-3:  # upright (pdfminer's height is the size times the scale)
        return c["height"]
    assert abs(a) < 1e-3 and abs(d) < 1e-3, c["matrix"]  # turned a quarter (a vertical axis title)
    return c["width"]


def page_chars(pdf: Path) -> list[list[Char]]:
    """The characters of each page in content order, figures' (form XObjects) included."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [
            [
                Char(
                    c["text"],
                    round(_printed_size(c), 2),
                    c["fontname"].split("+")[-1],
                    (c["x0"] + c["x1"]) / 2,
                    (c["top"] + c["bottom"]) / 2,
                )
                for c in page.chars
            ]
            for page in doc.pages
        ]


def is_figure(c: Char) -> bool:
    return c.font.startswith(FIGURE_FONTS)
