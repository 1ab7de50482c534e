"""データの出典と取得元: for every data file, the publications it cites and where its values
were read (addresses, mirrors, lines of the draft), with the number of rows each."""

from __future__ import annotations

from collections import Counter

from ..data import SCHEMAS, load
from .common import Page, esc, list_table


def page() -> Page:
    lines = [
        "# データの出典と取得元",
        "",
        "data/ の各ファイルについて、出典（大綱の出典欄に載る刊行物）と、値を実際に読み取った取得元を示します。"
        "図のデータ（Web 版の CSV・Excel）にも行ごとの出典と取得元が入っています。",
    ]
    total = 0
    for name, schema in SCHEMAS.items():
        df = load(name)
        if df.empty or "retrieved_from" not in df.columns:
            continue
        total += len(df)
        pubs = Counter(df["publication"].astype(str))
        places = Counter(df["retrieved_from"].astype(str))
        lines += [
            "",
            f"## data/{name}.csv（{esc(schema.description)}、{len(df)}行）",
            "",
            "出典：" + "、".join(f"{esc(p)}（{n}行）" for p, n in pubs.items()),
            "",
            list_table(["取得元", "行数"], [[p, str(n)] for p, n in places.items()], [88, 12]),
        ]
    return Page("sources", "\n".join(lines) + "\n", f"data/ の {total}行の出典と取得元")
