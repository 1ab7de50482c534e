"""``python -m daisen_taiko.intake template|read`` (``make intake-template`` / ``make intake``)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from daisen_taiko.common.errors import DaisenError, InputError, Problem, rel
from daisen_taiko.inputs.params import load_edition
from daisen_taiko.plans import Layout, initiatives

USAGE = """使い方:
  python -m daisen_taiko.intake template [--edition 版]
      各課所室に配る記入用ブック _build/intake/<版>/取組計画_記入用.xlsx を作ります。
  python -m daisen_taiko.intake read [--edition 版] [--received YYYY-MM-DD] ファイルまたはフォルダ …
      返送されたブックを検査し、問題がなければ data/ の取組計画・進捗ファイルに書き込みます。
  python -m daisen_taiko.intake comments-template [--edition 版]
      パブリックコメントの意見記録用ブック _build/comments/<版>/意見記録.xlsx を作ります（意見募集版の作成後）。
  python -m daisen_taiko.intake comments [--edition 版] ファイル …
      意見記録のブックを検査し、問題がなければ data/public_comments.csv に書き込みます。"""


def say(msg: str) -> None:
    print(msg, flush=True)


def _received(text: str | None) -> str:
    if text is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise InputError(
            [Problem("--received", "受領日は YYYY-MM-DD の形（例 2026-05-15）で指定してください。", value=text)]
        ) from None


def _files(args: list[str]) -> list[tuple[Path, str]]:
    """The workbooks named on the command line; a folder stands for the .xlsx files in it."""
    out, seen = [], set()
    for arg in args:
        p = Path(arg)
        found = sorted(q for q in p.glob("*.xlsx") if not q.name.startswith(("~$", "."))) if p.is_dir() else [p]
        if p.is_dir() and not found:
            raise InputError([Problem(arg, "このフォルダに Excel ブック（.xlsx）がありません。")])
        for q in found:
            if q.resolve() not in seen:
                seen.add(q.resolve())
                out.append((q, str(q)))
    return out


def template(edition: str | None, out: str | None) -> int:
    from daisen_taiko.intake.template import write_template

    ed = load_edition(edition)
    ed.use_data()
    path = write_template(ed, Path(out) if out else None)
    say(f"記入用ブックを作りました: {rel(path)}")
    say('各課所室の行革推進チーム員に配布し、記入後に返送してもらってください（返送後: make intake FILES="…"）。')
    return 0


def read(edition: str | None, received: str | None, names: list[str]) -> int:
    from daisen_taiko.intake.store import TABLES, merge, write_tables
    from daisen_taiko.intake.workbook import read_workbook
    from daisen_taiko.plans.views import missing_returns

    ed = load_edition(edition)
    ed.use_data()
    day = _received(received)
    files = _files(names)
    layout, items = Layout.of(ed), initiatives()
    claims, problems = [], []
    for path, shown in files:
        c, p = read_workbook(path, shown, layout, items)
        claims += c
        problems += p
    new, merge_problems, outcome = merge(claims, day)
    problems += merge_problems
    if problems:
        raise InputError(problems)
    write_tables(new, outcome)
    say(f"読み込んだブック: {len(files)}件（受領日 {day}）")
    for table in TABLES:
        a, c, r = (d.get(table, 0) for d in (outcome.added, outcome.changed, outcome.removed))
        say(f"  data/{table}.csv: 追加 {a}行・変更 {c}行・削除 {r}行")
    if not outcome.written:
        say("data/ に変更はありません（同じ内容が取り込み済みです）。")
    missing = missing_returns(ed)
    plans = int(missing["未提出"].str.contains("計画").sum()) if len(missing) else 0
    say(f"計画が未提出の取組: {len(items)}件中{plans}件。本に反映するには make book を実行してください。")
    return 0


def comments_template(edition: str | None, out: str | None) -> int:
    from daisen_taiko.intake.comment_template import write_template

    ed = load_edition(edition)
    ed.use_data()
    path, n = write_template(ed, Path(out) if out else None)
    say(f"意見記録用ブックを作りました: {rel(path)}（該当箇所 {n}か所を data/public_comment_places.csv に記録）")
    say('意見を記録したら make comments FILES="…" で取り込んでください。')
    return 0


def comments(edition: str | None, names: list[str]) -> int:
    from daisen_taiko.inputs.comments import CHANGE, REGISTER
    from daisen_taiko.intake.comment_register import corrections_text, read_registers, register_text
    from daisen_taiko.intake.store import replace_files

    ed = load_edition(edition)
    ed.use_data()
    rows, problems = read_registers(_files(names))
    fixes, more = corrections_text(rows)  # (the rows that read well: all problems told at once)
    if problems + more:
        raise InputError(problems + more)
    written = replace_files({REGISTER: register_text(rows, ed.full_title), "draft_corrections": fixes})
    answered = sum(bool(r["answer"] and r["response"]) for r in rows)
    changes = sum(r["response"] == CHANGE for r in rows)
    say(
        f"意見 {len(rows)}件（提出者 {len({r['receipt_no'] for r in rows})}人）、うち市の考え方・対応の記入済み {answered}件、案を修正 {changes}件"
    )
    say(
        "data/ に書き込みました: " + "・".join(written)
        if written
        else "data/ に変更はありません（同じ内容が取り込み済みです）。"
    )
    if changes:
        say("対応 A の修正は data/draft_corrections.csv で承認（approved_by）してから確定版を作成してください。")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m daisen_taiko.intake",
        description="取組計画・進捗の記入用ブック",
        epilog=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("template", help="記入用ブックを作る")
    p.add_argument("--edition", default=os.environ.get("EDITION") or None)
    p.add_argument("--out", help="保存先（省略時 _build/intake/<版>/取組計画_記入用.xlsx）")
    p = sub.add_parser("read", help="返送されたブックを検査して data/ に取り込む")
    p.add_argument("--edition", default=os.environ.get("EDITION") or None)
    p.add_argument("--received", help="受領日 YYYY-MM-DD（省略時は今日）")
    p.add_argument("files", nargs="+", help="返送された .xlsx（フォルダを指定するとその中のすべての .xlsx）")
    p = sub.add_parser("comments-template", help="パブリックコメントの意見記録用ブックを作る")
    p.add_argument("--edition", default=os.environ.get("EDITION") or None)
    p.add_argument("--out", help="保存先（省略時 _build/comments/<版>/意見記録.xlsx）")
    p = sub.add_parser("comments", help="意見記録のブックを検査して data/ に取り込む")
    p.add_argument("--edition", default=os.environ.get("EDITION") or None)
    p.add_argument("files", nargs="+", help="意見記録の .xlsx")
    args = parser.parse_args(argv)
    try:
        if args.cmd == "template":
            return template(args.edition, args.out)
        if args.cmd == "comments-template":
            return comments_template(args.edition, args.out)
        if args.cmd == "comments":
            return comments(args.edition, args.files)
        return read(args.edition, args.received, args.files)
    except DaisenError as exc:
        say("エラー: " + exc.render())
        if args.cmd in ("read", "comments"):
            say("取り込みを中止しました。data/ は変更していません。")
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
