"""データの出典と取得元: for every data file, the publications it cites and where its values
were read (addresses, mirrors, lines of the draft), with the number of rows each; on the web,
links to each figure's data with every row's 取得元 (published beside the report's web edition)."""

from __future__ import annotations

import html
from collections import Counter

from daisen_taiko.common.records import Figure
from daisen_taiko.documents.downloads import downloadable, label
from daisen_taiko.documents.report.common import Page, esc, list_table
from daisen_taiko.inputs.data import SCHEMAS, load


def download_links(figures: dict[str, Figure], numbers: dict[str, str]) -> list[str]:
    """A raw HTML list (the web edition only) of each figure's CSV and Excel with 取得元, in the
    order of the figures' numbers."""
    items = [
        f"<li>{html.escape(label(figures[fid], numbers))}："
        f'<a href="../downloads/{fid}.csv" download>CSV</a>　<a href="../downloads/{fid}.xlsx" download>Excel</a></li>'
        for fid in sorted(
            downloadable(figures), key=lambda fid: int("0" + "".join(filter(str.isdigit, numbers.get(fid, ""))))
        )
    ]
    if not items:
        return []
    return ["", "```{raw} html", '<ul class="report-downloads">', *items, "</ul>", "```"]


def page(figures: dict[str, Figure], numbers: dict[str, str]) -> Page:
    lines = [
        "# データの出典と取得元",
        "",
        "data/ の各ファイルについて、出典（大綱の出典欄に載る刊行物）と、値を実際に読み取った取得元を示します。"
        "図のデータ（CSV・Excel）は、大綱の Web 版では行ごとの出典だけを載せ、作業レポートの Web 版のこのページでは"
        "行ごとの出典と取得元を載せて公開します。",
        *download_links(figures, numbers),
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
