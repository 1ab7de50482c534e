"""``make bench``: this project's build against plain Jupyter Book at its best, side by side.

Both sides make the same outputs from the same sources: the 大綱 and the 作業レポート, each as
HTML and PDF.  The baseline is plain Jupyter Book 1.x as a user who knows it would run it:
``execute_notebooks: cache`` (jupyter-cache, so the PDF build reuses the executions), HTML
then PDF, from a cold cache, on the staged sources of the same edition.  Three runs of each,
interleaved (ours, plain, ours, plain …) in fresh copies; medians, min–max and the ratios of
each pair are printed.  Then, on our side: a no-op rebuild and a rebuild after one CSV value
changed (three each), against our cold median.  Plain Jupyter Book with
``execute_notebooks: force`` is measured once, as a second line only.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from daisen_taiko.inputs.paths import PROJECT_INPUTS

ROOT = Path(__file__).resolve().parents[1]
EDITION = (ROOT / "parameters" / "DEFAULT").read_text(encoding="utf-8").strip()
PY = sys.executable
JB = str(Path(PY).with_name("jupyter-book"))


CORES = os.cpu_count() or 1


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes waited for so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed_cpu(cmd, cwd, env) -> tuple[float, float]:
    """Wall seconds and CPU seconds of ``cmd`` and of every process it started (the build waits
    for each, and the zygote for the kernels it forks; one nobody waited for would not count)."""
    t0, c0 = time.monotonic(), children_cpu()
    res = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if res.returncode != 0:
        sys.exit(f"失敗: {' '.join(map(str, cmd))}\n{res.stdout[-3000:]}")
    return time.monotonic() - t0, children_cpu() - c0


def timed(cmd, cwd, env) -> float:
    return timed_cpu(cmd, cwd, env)[0]


def copy_project(dst: Path) -> Path:
    dst.mkdir(parents=True)
    for name in PROJECT_INPUTS:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst / name)
    return dst


def env_for(project: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DAISEN_CACHE_DIR",)}
    return dict(env, DAISEN_ROOT=str(project), PYTHONHASHSEED="0")


def ours_cold(tmp: Path, i: int) -> tuple[float, Path]:
    proj = copy_project(tmp / f"ours-{i}")
    return timed([PY, "-m", "daisen_taiko", "build"], proj, env_for(proj)), proj


def plain_sources(tmp: Path, i: int, staged_from: Path, mode: str) -> tuple[Path, Path]:
    """The same edition's staged sources, for plain Jupyter Book: the 大綱 with its source notebooks
    (executed by Jupyter Book itself) and the 作業レポート's pages."""
    taiko, report = tmp / f"plain-{i}" / "taiko", tmp / f"plain-{i}" / "report"
    shutil.copytree(staged_from / "taiko", taiko, ignore=shutil.ignore_patterns("_build", "*.ipynb"))
    for nb in (ROOT / "book").glob("*.ipynb"):
        shutil.copy2(nb, taiko / "book" / nb.name)
    shutil.copytree(staged_from / "report", report, ignore=shutil.ignore_patterns("_build"))
    cfg_path = taiko / "_config.yml"
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg["execute"] = {"execute_notebooks": mode, "timeout": 600, "cache": str(taiko / "_jcache")}
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return taiko, report


def plain(tmp: Path, i: int, staged_from: Path, project: Path, mode: str = "cache") -> float:
    taiko, report = plain_sources(tmp, i, staged_from, mode)
    env = env_for(project)
    t = 0.0
    for src in (taiko, report):
        for builder in ("html", "pdflatex"):
            t += timed([JB, "build", str(src), "--builder", builder, "--quiet"], src, env)
    return t


def rebuild(proj: Path) -> tuple[float, float, list[str]]:
    t, cpu = timed_cpu([PY, "-m", "daisen_taiko", "build"], proj, env_for(proj))
    return t, cpu, json.loads((proj / ".work" / EDITION / "executions.json").read_text(encoding="utf-8"))


def summary(name: str, xs: list[float]) -> str:
    return f"{name:<46}{statistics.median(xs):7.1f} 秒（{min(xs):.1f}〜{max(xs):.1f}）"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="daisen-bench-") as tmp_s:
        tmp = Path(tmp_s)
        ours, base, projects = [], [], []
        for i in range(3):
            print(f"組 {i + 1}/3: このプロジェクトのビルド（初回）…", flush=True)
            t, proj = ours_cold(tmp, i)
            ours.append(t)
            projects.append(proj)
            print(f"組 {i + 1}/3: 素の Jupyter Book（cache、HTML→PDF、大綱と作業レポート）…", flush=True)
            base.append(plain(tmp, i, proj / ".work" / EDITION, proj))
        noop, one, one_cpu, ran = [], [], [], []
        for i, proj in enumerate(projects):
            print(f"変更なしの再ビルド {i + 1}/3…", flush=True)
            noop.append(rebuild(proj)[0])
            csv = proj / "data" / "fiscal_indicators.csv"
            csv.write_text(csv.read_text(encoding="utf-8").replace(",92.3,%,", f",92.{4 + i},%,"), encoding="utf-8")
            print(f"CSV を1件変更して再ビルド {i + 1}/3…", flush=True)
            t, cpu, executed = rebuild(proj)
            one.append(t)
            one_cpu.append(cpu)
            ran = executed
        print("参考: 素の Jupyter Book（force、HTML→PDF）…", flush=True)
        force = plain(tmp, 9, projects[0] / ".work" / EDITION, projects[0], mode="force")

    cold = statistics.median(ours)
    print()
    print(summary("このプロジェクト 初回ビルド", ours))
    print(summary("素の Jupyter Book（execute_notebooks: cache）", base))
    print(summary("このプロジェクト 変更なしの再ビルド", noop))
    print(summary("このプロジェクト CSV 1件変更後の再ビルド", one))
    print(f"{'参考: 素の Jupyter Book（execute_notebooks: force）':<46}{force:7.1f} 秒（1回）")
    print()
    pairs = [o / b for o, b in zip(ours, base)]
    print(
        "初回 / 素の Jupyter Book（組ごと）: "
        + "、".join(f"{r:.2f}" for r in pairs)
        + f" → 中央値 {statistics.median(pairs):.2f}（目標 ≤ 0.50）"
    )
    print(
        f"CSV 1件変更 / 初回（中央値）: {statistics.median(one) / cold:.2f}（目標 ≤ 0.25）"
        f"、/ 素の Jupyter Book: {statistics.median(one) / statistics.median(base):.2f}"
        f"、再実行したノートブック: {', '.join(ran) or 'なし'}"
    )
    cpu = statistics.median(one_cpu)
    print(
        f"CSV 1件変更後の再ビルドの CPU 時間（カーネル・Sphinx・upLaTeX などの子プロセスを含む、中央値）: {cpu:.1f} 秒"
        f" → {CORES} コアで完全に並行しても {cpu / CORES:.1f} 秒以上 = 初回の {cpu / CORES / cold:.2f} 以上"
        f"（目標 0.25 には CPU 時間 {0.25 * cold * CORES:.1f} 秒以下が必要）"
    )
    print(f"変更なし / 初回（中央値）: {statistics.median(noop) / cold:.3f}（目標 ≤ 0.05）")


if __name__ == "__main__":
    main()
