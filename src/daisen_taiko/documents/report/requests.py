"""データの依頼: what each figure and table of the 大綱 still lacks, written as requests to the
departments (依頼先の課, 何を, どの年度, 何に使うか), plus data rows marked 要確認."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from daisen_taiko.common.era import wareki
from daisen_taiko.documents.report.common import Page, esc, list_table, year_runs
from daisen_taiko.inputs import registry
from daisen_taiko.inputs.data import SCHEMAS, awaiting_confirmation, load


@dataclass(frozen=True)
class Request:
    dept: str
    what: str
    years: str
    use: str
    file: str  # where the rows go


def year_column(file: str) -> str | None:
    schema = SCHEMAS[file]
    if schema.citation_period:
        return schema.citation_period
    return next((c.name for c in schema.columns if c.kind == "year"), None)


def matching(need: registry.Need) -> pd.DataFrame:
    df = load(need.file)
    for col, val in need.where.items():
        df = df[df[col].astype(str) == str(val)]
    return df


def missing_years(need: registry.Need, years: tuple[int, ...]) -> tuple[list[int], bool]:
    """(missing years, fiscal?) of one need for ``years``; [] when complete.  A need without
    years is missing as a whole when no row matches (returned as [0])."""
    if need.file is None:
        return [0], False
    rows = matching(need)
    col = year_column(need.file)
    fiscal = col == "fiscal_year"
    if not years:
        return ([] if len(rows) else [0]), fiscal
    present = {int(y) for y in rows[col].dropna()} if col else set()
    return [y for y in years if y not in present], fiscal


def requests(numbers: dict[str, str], fiscal_year: int) -> list[Request]:
    """What the edition whose 策定年度 is ``fiscal_year`` still lacks."""
    out = []
    for item in registry.items().values():
        use = f"{numbers.get(item.id, '')} {item.caption or '（番号なしの表）'}".strip()
        for need in item.needs:
            years = need.years(fiscal_year)
            missing, fiscal = missing_years(need, years)
            if not missing:
                continue
            when = "指定なし" if missing == [0] else year_runs(list(years), missing, fiscal)
            where = f"data/{need.file}.csv" if need.file else "新しいデータファイル（開発担当と相談）"
            out.append(Request(need.dept or "DX推進課", need.what or need.label, when, use, where))
    return out


# Words with which a data row's note asks for a value, a year or a publication to be confirmed.
TO_CONFIRM = re.compile(r"要確認|確認すること|確認が必要|未確認")


def line_runs(lines: list[int]) -> str:
    """Line numbers as runs: [11, 12, 13, 18] → 「11〜13・18行目」."""
    runs: list[list[int]] = []
    for n in sorted(lines):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "・".join(f"{r[0]}〜{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) + "行目"


def to_confirm() -> list[list[str]]:
    """Data rows whose note asks for something to be confirmed, one entry per file and note."""
    found: dict[tuple[str, str], list[int]] = {}
    for name in SCHEMAS:
        df = load(name)
        if "note" not in df.columns:
            continue
        for line, note in zip(df.attrs.get("lines", []), df["note"]):
            if isinstance(note, str) and TO_CONFIRM.search(note):
                found.setdefault((name, note), []).append(line)
    return [[f"data/{name}.csv {line_runs(lines)}", note] for (name, note), lines in found.items()]


def _needs_of(name: str, row: pd.Series, numbers: dict[str, str]) -> tuple[str, str]:
    """(依頼先, 何に使うか) of a data row: the department and figure of the first need it meets."""
    for item in registry.items().values():
        for need in item.needs:
            if need.file == name and all(str(row.get(c)) == str(v) for c, v in need.where.items()):
                return need.dept or "DX推進課", f"{numbers.get(item.id, '')} {item.caption or ''}".strip()
    return "DX推進課", "（図表なし）"


def awaiting(numbers: dict[str, str]) -> list[list[str]]:
    """Every value read from a secondary copy, or whose publication is provisional: the 大綱 does not
    draw it until the department named here confirms it against the publication."""
    out = []
    for name in SCHEMAS:
        df = load(name)
        if "value" not in df.columns:
            continue  # not a value a figure draws (the 課所室 to confirm: the 取組計画 page)
        waiting = awaiting_confirmation(df)
        for line, (_, row) in zip(df.attrs.get("lines", []), df.iterrows()):
            if not waiting.loc[row.name]:
                continue
            dept, use = _needs_of(name, row, numbers)
            year = year_column(name)
            when = wareki(int(row[year]), fiscal=year == "fiscal_year") if year and pd.notna(row.get(year)) else ""
            what = "・".join(x for x in (when, *(str(row[c]) for c in ("indicator", "metric") if c in row)) if x)
            unit = "" if pd.isna(row.get("unit")) or row.get("unit") == "指数" else row["unit"]
            value = f"{row['value']:g}{unit}" if pd.notna(row.get("value")) else ""
            out.append(
                [
                    f"data/{name}.csv {line}行目",
                    f"{what} {value}".strip(),
                    dept,
                    use,
                    f"{row['publication']}の値と一致するか確かめてください（確からしさ：{row['confidence']}。"
                    "読み取った場所は「データの出典と取得元」）。一致したら confidence を「confirmed (確認した課 日付)」に"
                    "書き換えると、大綱の図表に載ります。",
                ]
            )
    return out


def page(numbers: dict[str, str], fiscal_year: int) -> Page | None:
    reqs = requests(numbers, fiscal_year)
    confirm = to_confirm()
    waiting = awaiting(numbers)
    if not reqs and not confirm and not waiting:
        return None
    lines = [
        "# データの依頼",
        "",
        "大綱の図表に必要なデータのうち、まだ data/ に無いものを、依頼先の課ごとにまとめています。"
        "届いたデータは出典（publication）と取得元（retrieved_from）を付けて「追加先」のファイルに追加してください"
        "（各ファイルの列は data/SOURCES.md）。",
    ]
    for dept in sorted({r.dept for r in reqs}):
        mine = [r for r in reqs if r.dept == dept]
        lines += [
            "",
            f"## {esc(dept)}への依頼（{len(mine)}件）",
            "",
            list_table(
                ["何を", "どの年度", "何に使うか", "追加先"],
                [[r.what, r.years, r.use, r.file] for r in mine],
                [34, 16, 26, 24],
            ),
        ]
    if waiting:
        lines += [
            "",
            f"## 確認するまで大綱に載せない値（{len(waiting)}件）",
            "",
            "二次的な写しから読み取った値、または出典が仮置きの値です。大綱の図表には載せず（本文の数値は草案の"
            "とおり）、図3 では「…」とし注に「確認中」と書いています。依頼先の課に刊行物そのもので確かめてもらってください。",
            "",
            list_table(["データの行", "値", "依頼先", "何に使うか", "確認すること"], waiting, [20, 17, 10, 15, 38]),
        ]
    if confirm:
        lines += ["", "## 確認が必要なデータ", "", list_table(["データの行", "確認すること"], confirm, [35, 65])]
    depts = len({r.dept for r in reqs})
    return Page(
        "requests",
        "\n".join(lines) + "\n",
        f"未整備のデータ {len(reqs)}件（依頼先 {depts}課）、確認するまで載せない値 {len(waiting)}件、"
        f"確認が必要なデータ {len(confirm)}件",
    )
