"""データの依頼: what each figure and table of the 大綱 still lacks, written as requests to the
departments (依頼先の課, 何を, どの年度, 何に使うか), plus data rows marked 要確認."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import registry
from ..data import SCHEMAS, load
from .common import Page, esc, list_table, year_runs


@dataclass(frozen=True)
class Request:
    dept: str
    what: str
    years: str
    use: str


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


def missing_years(need: registry.Need) -> tuple[list[int], bool]:
    """(missing years, fiscal?) of one need; [] when complete.  A need without years is
    missing as a whole when no row matches (returned as [0])."""
    if need.file is None:
        return [0], False
    rows = matching(need)
    col = year_column(need.file)
    fiscal = col == "fiscal_year"
    if not need.years:
        return ([] if len(rows) else [0]), fiscal
    present = {int(y) for y in rows[col].dropna()} if col else set()
    return [y for y in need.years if y not in present], fiscal


def requests(numbers: dict[str, str]) -> list[Request]:
    out = []
    for item in registry.items().values():
        use = f"{numbers.get(item.id, '')} {item.caption or '（番号なしの表）'}".strip()
        for need in item.needs:
            missing, fiscal = missing_years(need)
            if not missing:
                continue
            years = "—" if missing == [0] else year_runs(list(need.years), missing, fiscal)
            out.append(Request(need.dept or "DX推進課", need.what or need.label, years, use))
    return out


def to_confirm() -> list[list[str]]:
    """Data rows whose note starts with 要確認 (a value or its publication to be confirmed)."""
    rows = []
    for name in SCHEMAS:
        df = load(name)
        if "note" not in df.columns:
            continue
        for line, note in zip(df.attrs.get("lines", []), df["note"]):
            if isinstance(note, str) and note.startswith("要確認"):
                rows.append([f"data/{name}.csv {line}行目", note])
    return rows


def page(numbers: dict[str, str]) -> Page | None:
    reqs = requests(numbers)
    confirm = to_confirm()
    if not reqs and not confirm:
        return None
    lines = [
        "# データの依頼",
        "",
        "大綱の図表に必要なデータのうち、まだ data/ に無いものを、依頼先の課ごとにまとめています。"
        "届いたデータは出典（publication）と取得元（retrieved_from）を付けて data/ の該当ファイルに追加してください。",
    ]
    for dept in sorted({r.dept for r in reqs}):
        mine = [r for r in reqs if r.dept == dept]
        lines += [
            "",
            f"## {esc(dept)}への依頼（{len(mine)}件）",
            "",
            list_table(["何を", "どの年度", "何に使うか"], [[r.what, r.years, r.use] for r in mine], [45, 20, 35]),
        ]
    if confirm:
        lines += ["", "## 確認が必要なデータ", "", list_table(["データの行", "確認すること"], confirm, [35, 65])]
    depts = len({r.dept for r in reqs})
    return Page(
        "requests",
        "\n".join(lines) + "\n",
        f"未整備のデータ {len(reqs)}件（依頼先 {depts}課）、確認が必要なデータ {len(confirm)}件",
    )
