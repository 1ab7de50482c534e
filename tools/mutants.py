"""``make mutants``: prove that the tests guard correctness, not only change.

Each mutation below is a mistake a careful reviewer of the tests found could slip through
(issue 12).  It is applied to a fresh copy of the repository, the executed notebooks are
refreshed the way the README tells planners to after editing (``make refresh``), and the
test files that hold the tests meant to catch it run (``make test`` and ``make test-builds`` run
the whole suite).  A mutation counts as caught only when one of the tests meant to catch it
(``expect``) is among the failures: a failure elsewhere (a missing test tool, an unrelated break)
is not a catch.  The script prints every failure with its message and exits non-zero if any
mutation survives.
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

from daisen_taiko.engine.verify import copy_inputs
from daisen_taiko.inputs.paths import PROJECT_INPUTS

ROOT = Path(__file__).resolve().parents[1]
COPY = (
    *PROJECT_INPUTS,
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
    expect: tuple[str, ...] = ()  # tests (parts of their ids) that must be among the failures
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
        expect=("test_real_data_passes[draft_problems]", "test_fidelity_pages.py"),
    ),
    Mutant(
        "swap-glue-aged-years",
        "population_finance: the glue names aged_exceeds_year and aged_share_year swapped",
        swap(
            "src/daisen_taiko/kernel/sections/population_finance.py",
            'api.text("aged_exceeds_year"',
            'api.text("aged_share_year"',
        ),
        expect=("test_fidelity_pages.py",),
    ),
    Mutant(
        "swap-cover-status-issued",
        "the cover's status line and issue month swapped (the cover reads 【令和7年12月】)",
        swap(
            "src/daisen_taiko/inputs/params.py",
            'f"({self.status_label})" if self.is_draft else ""',
            "self.issued_label",
        ),
        expect=("test_cover_reproduces_the_drafts_cover",),
    ),
    Mutant(
        "code-shown-ch3",
        "a code cell of 第3章 loses remove-input: Python printed in the book",
        untag_code_cell("book/ch3_priorities.ipynb", "remove-input"),
        expect=("test_every_code_cell_is_hidden",),
    ),
    Mutant(
        "no-source-fig6",
        "図6 loses its 出典 line (its registry entry says citation: none)",
        replace(
            "book/figures.yml",
            "fig-wellbeing:\n  caption: 地域幸福度 (Well-Being) 指標\n",
            "fig-wellbeing:\n  caption: 地域幸福度 (Well-Being) 指標\n  citation: none\n",
        ),
        expect=("test_each_figure_and_table_with_data_is_followed_by_its_own_source_line",),
    ),
    Mutant(
        "no-source-yobodo",
        "the 要望度 table loses its 出典 line",
        replace(
            "book/figures.yml", "tbl-yobodo:\n  caption: null\n", "tbl-yobodo:\n  caption: null\n  citation: none\n"
        ),
        expect=("test_each_figure_and_table_with_data_is_followed_by_its_own_source_line",),
    ),
    Mutant(
        "hue-fiscal-strength",
        "図3's series drawn in another hue of the same brightness; nbval told to compare "
        "figures with tolerance (DAISEN_FIGURE_TOLERANT=1), no refresh",
        replace(
            "src/daisen_taiko/kernel/sections/population_finance.py",
            '"o-", color=api.PALETTE[0], ms=3.5, lw=1.2)',
            '"o-", color="#A83C1E", ms=3.5, lw=1.2)',
        ),
        expect=("test_the_committed_figure_is_redrawn_the_same",),
        refresh=False,
        env=(("DAISEN_FIGURE_TOLERANT", "1"),),
    ),
    # Figures whose labels disagree with the data they draw (issue 27): caught by reading the
    # figure as drawn against its data (figure_reading), whatever the refresh recorded.
    *(
        Mutant(name, what, replace(path, old, new), expect=("test_every_figure_reads_as_the_data_it_draws",))
        for name, what, path, old, new in (
            (
                "figure-years-shifted",
                "図1/図2's year labels moved one place to the left: every bar under another year's label",
                "src/daisen_taiko/kernel/sections/population_finance.py",
                'api.short(y, fiscal=fiscal)}" for y in years]',
                'api.short(y, fiscal=fiscal)}" for y in years[1:] + years[:1]]',
            ),
            (
                "figure-legend-swapped",
                "図8's legend names each line after the other answer",
                "src/daisen_taiko/kernel/sections/citizens_voice.py",
                "label=cat)",
                "label=(UNUSABLE, USABLE)[i])",
            ),
            (
                "figure-value-of-neighbour",
                "図3's point labels show the value of the point before",
                "src/daisen_taiko/kernel/sections/population_finance.py",
                'f"{v:.{digits}f}",',
                'f"{vs[k - 1]:.{digits}f}",',
            ),
            (
                "figure-unit-wrong",
                "図1's value axis says % where the data are persons",
                "src/daisen_taiko/kernel/sections/population_finance.py",
                'ax.set_ylabel("人")',
                'ax.set_ylabel("%")',
            ),
        )
    ),
]


def copy_repo(dst: Path) -> Path:
    copy_inputs(ROOT, dst, COPY)
    # Test tools installed by ``make test-deps`` (axe-core) are shared, not reinstalled per copy.
    (dst / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dst


def failures(output: str) -> list[str]:
    """The failing tests of a pytest run, as ``test id - first line of the message``."""
    return re.findall(r"^(?:FAILED|ERROR) (\S+(?: - .*)?)$", output, re.M)


def meant_files(mutant: Mutant, root: Path) -> list[str]:
    """The test files (relative to ``root``) that define the tests of ``mutant.expect``."""
    files = set()
    for e in mutant.expect:
        name = e.split("[")[0]
        for f in sorted((root / "tests").rglob("test_*.py")):
            if f.name == name or f"def {name}(" in f.read_text(encoding="utf-8"):
                files.add(f.relative_to(root).as_posix())
    assert files, f"{mutant.name}: no test file defines {mutant.expect}"
    return sorted(files)


def run(mutant: Mutant) -> tuple[list[str], str, float]:
    """The failures the mutation causes and a note on how the run went."""
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
                return [], "make refresh itself failed:\n" + proc.stdout[-800:], time.monotonic() - t0
        # The test files that hold the tests meant to catch it, every failure collected (no -x: the
        # verdict needs the list).  make test and make test-builds run the whole suite on the unmutated
        # code; running it again per mutant took 5–10 minutes each and CI past its 90 minutes.
        suite = [*meant_files(mutant, root), "-n", "auto", "--dist", "loadfile", "-q", "-p", "no:cacheprovider"]
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", *suite], cwd=root, env=env, capture_output=True, text=True
        )
        found = failures(proc.stdout)
        note = "" if found or proc.returncode == 0 else "pytest failed without a test failure:\n" + proc.stdout[-800:]
        return found, note, time.monotonic() - t0


def verdict(mutant: Mutant, found: list[str]) -> tuple[bool, str]:
    """Caught only when a test meant to catch this mistake is among the failures, not by accident."""
    meant = [f for f in found if any(e in f.split(" - ")[0] for e in mutant.expect)]
    if meant:
        return True, "検出（テストが失敗）"
    if found:
        return False, "見逃し（失敗したのは別のテストだけ）"
    return False, "見逃し（テストが通った）"


def main(names: list[str]) -> int:
    chosen = [m for m in MUTANTS if not names or m.name in names]
    survived = []
    for m in chosen:
        print(f"[{m.name}] {m.what}", flush=True)
        found, note, secs = run(m)
        caught, said = verdict(m, found)
        print(f"    {said} {secs:.0f}秒、失敗 {len(found)}件", flush=True)
        for line in found[:6] + ([f"… ほか {len(found) - 6}件"] if len(found) > 6 else []) + ([note] if note else []):
            print(f"      {line[:300]}", flush=True)
        if not caught:
            survived.append(m.name)
    print(f"変異 {len(chosen)}件のうち {len(chosen) - len(survived)}件をテストが検出しました。", flush=True)
    if survived:
        print("見逃した変異: " + "、".join(survived))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
