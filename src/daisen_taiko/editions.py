"""Starting next year's edition: a new parameter file and the checklist of what to update."""

from __future__ import annotations

import yaml

from .era import wareki
from .params import SPEC, edition_path, load_edition


def series_lacking(year: int) -> list[str]:
    """Data series (file + key without the year) whose latest year is before ``year``."""
    from .data import SCHEMAS, load

    lines = []
    for name, schema in SCHEMAS.items():
        year_cols = [c.name for c in schema.columns if c.kind == "year"]
        if not year_cols:
            continue
        ycol = year_cols[0]
        df = load(name)
        df = df[df[ycol].notna()]
        if df.empty:
            continue
        keys = [k for k in schema.key if k != ycol and k != "value_position_if_year_unknown"]
        groups = df.groupby(keys, dropna=False) if keys else [((), df)]
        fiscal = ycol == "fiscal_year"
        for key, rows in groups:
            latest = int(rows[ycol].max())
            if latest < year:
                label = " / ".join(str(k) for k in (key if isinstance(key, tuple) else (key,)))
                lines.append(
                    f"data/{name}.csv「{label}」: 最新は{wareki(latest, fiscal=fiscal)} → "
                    f"{wareki(year, fiscal=fiscal)}の値がありません"
                )
    return lines


def scaffold(src: str, dst: str) -> list[str]:
    """Write parameters/<dst>.yaml from <src> for the next fiscal year; return the checklist."""
    old = load_edition(src)
    target = edition_path(dst)
    if target.exists():
        raise FileExistsError(f"{target.name} は既にあります。別の版名を指定するか、既存のファイルを編集してください。")
    y, m = (int(x) for x in old.issued.split("-"))
    new = dict(
        old.as_dict(),
        edition=dst,
        fiscal_year=old.fiscal_year + 1,
        issued=f"{y + 1}-{m:02d}",
        status="草案",
        previous_edition=src,
    )
    text = (
        f"# {old.municipality}{old.title} {wareki(new['fiscal_year'], fiscal=True)}版"
        f"（{src} から make edition で作成。値を確認してください）\n"
    )
    text += yaml.safe_dump(new, allow_unicode=True, sort_keys=False)
    target.write_text(text, encoding="utf-8")
    load_edition(dst)  # the new file must validate
    check = [f"作成しました: parameters/{dst}.yaml（前年度版: {src}）", "", "■ 見直すパラメータ"]
    for key, (_, desc) in SPEC.items():
        before, after = old.as_dict().get(key), new.get(key)
        mark = "（自動で変更）" if before != after else "（前年度のまま・要確認）"
        check.append(f"  - {key}: {after}  … {desc}{mark if key not in ('edition',) else ''}")
    lacking = series_lacking(new["fiscal_year"] - 1)
    check += [
        "",
        f"■ {wareki(new['fiscal_year'] - 1, fiscal=True)}（前年度）までの値が無いデータ系列（追加が必要か確認）",
    ]
    check += [f"  - {line}" for line in lacking] or ["  - なし"]
    check += [
        "",
        "■ 次の手順",
        "  1. 上の値とデータを更新する",
        f"  2. make book EDITION={dst}",
        "  3. 作業レポートの「前年度版からの変更点」と「記述の検証」を確認する",
    ]
    return check
