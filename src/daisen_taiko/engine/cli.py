"""``python -m daisen_taiko <command>``: what the Makefile runs.

build     build the 大綱 and the 作業レポート of an edition (HTML + PDF) into _build/<edition>/
check     validate the parameters and every data file, build nothing
refresh   re-execute the notebooks of book/ in place (the references nbval compares)
verify    rebuild the edition elsewhere (other path, time zone, locale, umask) and compare
edition   start next year's edition: a parameter file and a checklist
"""

from __future__ import annotations

import argparse
import os
import sys

from daisen_taiko.common.errors import DaisenError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m daisen_taiko", description="大仙市 DX推進大綱のビルド")
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in ("build", "check", "refresh", "verify"):
        sub.add_parser(name).add_argument("--edition", default=os.environ.get("EDITION") or None)
    p = sub.add_parser("edition", help="新しい版のパラメータファイルを作り、確認事項を表示する")
    p.add_argument("--from", dest="src", required=True)
    p.add_argument("--to", dest="dst", required=True)
    args = parser.parse_args(argv)

    return run(args)


def run(args) -> int:
    try:
        if args.cmd == "build":
            from daisen_taiko.engine.pipeline import build

            build(args.edition)
        elif args.cmd == "check":
            from daisen_taiko.engine.pipeline import validate

            ed = validate(args.edition)
            print(f"{ed.full_title}（{ed.issued_label} {ed.status}）のパラメータとデータに問題はありません。")
            if not ed.is_draft:
                print(
                    "確定版では、本文の記述とデータの照合（make book の途中で行います）に不一致があるとビルドが止まります。"
                )
        elif args.cmd == "verify":
            from daisen_taiko.engine.verify import verify

            return verify(args.edition)
        elif args.cmd == "refresh":
            from daisen_taiko.engine.refresh import refresh

            refresh(args.edition)
        else:
            from daisen_taiko.engine.editions import scaffold

            try:
                print("\n".join(scaffold(args.src, args.dst)))
            except FileExistsError as exc:
                print(f"エラー: {exc}")
                return 2
    except DaisenError as exc:
        print("エラー: " + exc.render())
        print("ビルドを中止しました。公開済みの本（_build/）は変更していません。")
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
