"""Benchmark: the project's build against plain Jupyter Book, side by side, on the same book.

    make bench

Runs, in a private copy of the project (the working tree is not touched):
  (1) a cold ``make book`` build (no cache, no previous output),
  (2) plain ``jupyter-book build`` with ``execute_notebooks: force`` on the same
      sources, HTML and PDF (what one would do without this project's driver),
  (3) a no-op rebuild, and (4) a rebuild after changing one CSV value,
and prints the four timings and the ratios against the targets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COPY = ("_config.yml", "_toc.yml", "book", "data", "parameters", "requirements.lock")


def timed(cmd, cwd, env) -> float:
    t0 = time.monotonic()
    res = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if res.returncode != 0:
        sys.exit(f"失敗: {' '.join(map(str, cmd))}\n{res.stderr[-3000:]}")
    return time.monotonic() - t0


def copy_tree(dst: Path) -> Path:
    dst.mkdir(parents=True)
    for name in COPY:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst / name)
    return dst


def main() -> None:
    py = sys.executable
    jb = str(Path(py).with_name("jupyter-book"))
    with tempfile.TemporaryDirectory(prefix="daisen-bench-") as tmp:
        proj = copy_tree(Path(tmp) / "proj")
        env = dict(os.environ, DAISEN_ROOT=str(proj), SOURCE_DATE_EPOCH="1764547200")

        print("(1) 初回ビルド（キャッシュ無し）…", flush=True)
        cold = timed([py, "-m", "daisen_taiko", "build"], proj, env)

        print("(2) 素の Jupyter Book（execute_notebooks: force、HTML＋PDF）…", flush=True)
        plain = copy_tree(Path(tmp) / "plain")
        cfg = yaml.safe_load((plain / "_config.yml").read_text(encoding="utf-8"))
        cfg["execute"] = {"execute_notebooks": "force", "timeout": 600}
        (plain / "_config.yml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        penv = dict(env, DAISEN_ROOT=str(plain))
        plain_t = timed([jb, "build", str(plain), "--builder", "html", "--all", "--quiet"], plain, penv)
        plain_t += timed([jb, "build", str(plain), "--builder", "pdflatex", "--all", "--quiet"], plain, penv)

        print("(3) 変更なしの再ビルド…", flush=True)
        noop = timed([py, "-m", "daisen_taiko", "build"], proj, env)

        print("(4) CSV を1つ変更して再ビルド…", flush=True)
        csv = proj / "data" / "fiscal_indicators.csv"
        csv.write_text(csv.read_text(encoding="utf-8").replace(",92.3,%,", ",92.4,%,"), encoding="utf-8")
        one = timed([py, "-m", "daisen_taiko", "build"], proj, env)
        executed = (proj / ".work").glob("*/executions.json")
        ran = yaml.safe_load(next(executed).read_text(encoding="utf-8"))

    print()
    print(f"{'計測':<40}{'秒':>8}")
    print(f"{'(1) 初回ビルド make book':<40}{cold:8.1f}")
    print(f"{'(2) 素の jupyter-book build (force)':<40}{plain_t:8.1f}")
    print(f"{'(3) 変更なしの再ビルド':<40}{noop:8.1f}")
    print(f"{'(4) CSV 1件変更後の再ビルド':<40}{one:8.1f}")
    print()
    r1, r3 = cold / plain_t, noop / cold
    print(f"初回 / 素の Jupyter Book = {r1:.2f}（目標 ≤ 0.60）{'達成' if r1 <= 0.6 else '未達'}")
    print(f"変更なし / 初回          = {r3:.2%}（目標 ≤ 10%）{'達成' if r3 <= 0.10 else '未達'}")
    print(f"CSV 1件変更 / 初回       = {one / cold:.2%}、再実行したノートブック: {', '.join(ran) or 'なし'}")


if __name__ == "__main__":
    main()
