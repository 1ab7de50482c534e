"""``make mutants``: prove that the tests guard correctness, not only change.

Each mutation below is a mistake a careful reviewer of the tests found could slip through
(issue 12).  It is applied to a fresh copy of the repository, the executed notebooks are
refreshed the way the README tells planners to after editing (``make refresh``), and the
test suite of ``make test`` runs (unit tests first, stopping at the first failure).  A
mutation must make the suite fail with a message that names what is wrong; the script
prints each verdict and exits non-zero if any mutation survives.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from daisen_taiko.build.verify import copy_inputs

ROOT = Path(__file__).resolve().parents[1]
COPY = (
    "_config.yml",
    "_toc.yml",
    "book",
    "data",
    "parameters",
    "requirements.lock",
    "src",
    "tests",
    "conftest.py",
    "pyproject.toml",
)


def replace(path: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        f = root / path
        text = f.read_text(encoding="utf-8")
        assert text.count(old) >= count, (path, old)
        f.write_text(text.replace(old, new, count), encoding="utf-8")

    return edit


def swap(path: str, a: str, b: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        f = root / path
        text = f.read_text(encoding="utf-8")
        assert a in text and b in text, (path, a, b)
        f.write_text(text.replace(a, "\0").replace(b, a).replace("\0", b), encoding="utf-8")

    return edit


def untag_code_cell(path: str, tag: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        f = root / path
        nb = json.loads(f.read_text(encoding="utf-8"))
        cell = next(c for c in nb["cells"] if tag in c["metadata"].get("tags", []))
        cell["metadata"]["tags"] = [t for t in cell["metadata"]["tags"] if t != tag]
        f.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    return edit


@dataclass(frozen=True)
class Mutant:
    name: str
    what: str  # the mistake, in the words of the issue
    edit: Callable[[Path], None]
    refresh: bool = True  # refresh the executed notebooks afterwards (make refresh)
    env: tuple = ()


MUTANTS = [
    Mutant(
        "value-85-to-58",
        "data/reform_results_2020_2025.csv: the 85 procedures the draft states become 58",
        replace(
            "data/reform_results_2020_2025.csv",
            "オンライン化した行政手続数,R2-R7 (as of draft),85,",
            "オンライン化した行政手続数,R2-R7 (as of draft),58,",
        ),
    ),
    Mutant(
        "swap-glue-aged-years",
        "population_finance: the glue names aged_exceeds_year and aged_share_year swapped",
        swap(
            "src/daisen_taiko/sections/population_finance.py",
            'api.text("aged_exceeds_year"',
            'api.text("aged_share_year"',
        ),
    ),
    Mutant(
        "swap-cover-status-issued",
        "the cover's status line and issue month swapped (the cover reads 【令和7年12月】)",
        swap(
            "src/daisen_taiko/params.py",
            '"status": f"({self.status})" if self.is_draft else ""',
            '"issued": self.issued_label',
        ),
    ),
    Mutant(
        "code-shown-ch3",
        "a code cell of 第3章 loses remove-input: Python printed in the book",
        untag_code_cell("book/ch3_priorities.ipynb", "remove-input"),
    ),
    Mutant(
        "no-source-fig6",
        "図6 loses its 出典 line (its registry entry says citation: none)",
        replace(
            "book/figures.yml",
            "fig-wellbeing:\n  caption: 地域幸福度 (Well-Being) 指標\n",
            "fig-wellbeing:\n  caption: 地域幸福度 (Well-Being) 指標\n  citation: none\n",
        ),
    ),
    Mutant(
        "no-source-yobodo",
        "the 要望度 table loses its 出典 line",
        replace(
            "book/figures.yml", "tbl-yobodo:\n  caption: null\n", "tbl-yobodo:\n  caption: null\n  citation: none\n"
        ),
    ),
    Mutant(
        "hue-fiscal-strength",
        "図3's series drawn in another hue of the same brightness; nbval told to compare "
        "figures with tolerance (DAISEN_FIGURE_TOLERANT=1), no refresh",
        replace(
            "src/daisen_taiko/sections/population_finance.py",
            'ax.plot(xs, vs, "o-", color=api.PALETTE[0], ms=3.5, lw=1.2)',
            'ax.plot(xs, vs, "o-", color="#A83C1E", ms=3.5, lw=1.2)',
        ),
        refresh=False,
        env=(("DAISEN_FIGURE_TOLERANT", "1"),),
    ),
]


def copy_repo(dst: Path) -> Path:
    return copy_inputs(ROOT, dst, COPY)


def first_failure(output: str) -> str:
    """The failing test and the first lines of its message."""
    m = re.search(r"^(FAILED|ERROR) (\S+)(?: - (.*))?$", output, re.M)
    if not m:
        return "(no failure reported)"
    detail = [ln.strip() for ln in output.splitlines() if ln.startswith("E ")][:4]
    return f"{m[2]}\n        " + "\n        ".join(detail or [m[3] or ""])


def run(mutant: Mutant) -> tuple[bool, str, float]:
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"mutant-{mutant.name}-") as tmp:
        root = copy_repo(Path(tmp) / "repo")
        mutant.edit(root)
        env = dict(os.environ, DAISEN_ROOT=str(root), PYTHONPATH=str(root / "src"), **dict(mutant.env))
        env.pop("DAISEN_CACHE_DIR", None)
        if mutant.refresh:
            proc = subprocess.run(
                [sys.executable, "-m", "daisen_taiko", "refresh"], cwd=root, env=env, capture_output=True, text=True
            )
            if proc.returncode != 0:
                return True, "make refresh itself failed:\n" + proc.stdout[-800:], time.monotonic() - t0
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests/unit",
                "src",
                "book",
                "tests/acceptance",
                "--nbval",
                "-x",
                "-q",
                "-p",
                "no:cacheprovider",
            ],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
        return proc.returncode != 0, first_failure(proc.stdout), time.monotonic() - t0


def main(names: list[str]) -> int:
    chosen = [m for m in MUTANTS if not names or m.name in names]
    survived = []
    for m in chosen:
        print(f"[{m.name}] {m.what}", flush=True)
        caught, detail, secs = run(m)
        print(
            f"    {'検出（テストが失敗）' if caught else '見逃し（テストが通った）'} {secs:.0f}秒: {detail}", flush=True
        )
        if not caught:
            survived.append(m.name)
    print(f"変異 {len(chosen)}件のうち {len(chosen) - len(survived)}件をテストが検出しました。", flush=True)
    if survived:
        print("見逃した変異: " + "、".join(survived))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
