"""Starting next year's edition: a new parameter file and the checklist of what to update."""

from __future__ import annotations

import yaml

from daisen_taiko.common.era import wareki
from daisen_taiko.inputs.params import DEFAULTS, SPEC, Edition, edition_path, load_edition


def series_lacking(year: int) -> list[str]:
    """Data series (file + key without the year) whose latest year is before ``year``."""
    from daisen_taiko.inputs.data import SCHEMAS, load

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


FROZEN = "data/editions"  # where an edition's data are kept once the next edition starts


def freeze(ed: Edition) -> str | None:
    """Keep the data the edition ``ed`` was made from: copy ``data/*.csv`` to
    ``data/editions/<edition>/`` and point its parameter file there (``data_dir``), so that it
    rebuilds as published however ``data/`` changes for the next edition.  Returns the folder,
    or None when the edition already reads a folder of its own."""
    import shutil

    from daisen_taiko import project_root

    if ed.data_dir:
        return None
    root = project_root()
    folder = f"{FROZEN}/{ed.edition}"
    if (root / folder).exists():
        raise FileExistsError(f"{folder} は既にあります。中身を確認し、不要なら削除してから再実行してください。")
    part = root / f"{folder}.part"
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir(parents=True)
    for csv in sorted((root / "data").glob("*.csv")):
        shutil.copy2(csv, part / csv.name)
    part.rename(root / folder)
    path = edition_path(ed.edition)
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("data_dir:")]
    lines.append(f"data_dir: {folder}  # この版が読むデータ（翌年度版を作ったときに data/ から複製して凍結）")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_edition(ed.edition)  # still valid
    return folder


def parameter_text(values: dict, heading: str) -> str:
    """A parameter file with each key explained, as the first edition's is."""
    lines = [heading, "# 毎年度の版ごとにこのファイルを複製して値を変えます（README「翌年度版の作り方」参照）。"]
    for key, (_, desc) in SPEC.items():
        if key in values:
            lines.append(f"{yaml.safe_dump({key: values[key]}, allow_unicode=True).strip()}  # {desc}")
        elif key in DEFAULTS:  # a setting rarely changed: shown with its default, commented out
            lines.append(f"# {key}: {DEFAULTS[key]}  # {desc}")
    return "\n".join(lines) + "\n"


def scaffold(src: str, dst: str) -> list[str]:
    """Start the edition ``dst`` as next year's of ``src``: freeze ``src``'s data, write
    parameters/<dst>.yaml, make ``dst`` the default edition; return the checklist."""
    from daisen_taiko.inputs.params import parameters_dir

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
    new.pop("data_dir", None)  # the new edition reads data/
    heading = (
        f"# {old.municipality}{old.title} {wareki(new['fiscal_year'], fiscal=True)}版"
        f"（{src} から make edition で作成。値を確認してください）"
    )
    frozen = freeze(old)
    target.write_text(parameter_text(new, heading), encoding="utf-8")
    load_edition(dst)  # the new file must validate
    (parameters_dir() / "DEFAULT").write_text(dst + "\n", encoding="utf-8")
    check = [f"作成しました: parameters/{dst}.yaml（前年度版: {src}）"]
    if frozen:
        check.append(
            f"前年度版 {src} のデータを {frozen}/ に複製し、parameters/{src}.yaml に data_dir を追記しました。"
            f"{src} は作り直しても公開時と同じになります。{dst} は data/ を読みます（ここを更新してください）。"
        )
    check += [
        f"既定の版（parameters/DEFAULT）を {dst} にしました。make book は {dst} を作ります。",
        "",
        "■ 見直すパラメータ",
    ]
    for key, (_, desc) in SPEC.items():
        if key not in new:
            continue
        before, after = old.as_dict().get(key), new[key]
        mark = "（自動で変更）" if before != after else "（前年度のまま・要確認）"
        check.append(f"  - {key}: {after}  … {desc}{mark if key != 'edition' else ''}")
    lacking = series_lacking(new["fiscal_year"] - 1)
    check += [
        "",
        f"■ {wareki(new['fiscal_year'] - 1, fiscal=True)}（前年度）までの値が無いデータ系列（追加が必要か確認）",
    ]
    check += [f"  - {line}" for line in lacking] or ["  - なし"]
    check += [
        "",
        "■ 次の手順",
        "  1. 上の値とデータ（data/*.csv）を更新する",
        "  2. make book",
        "  3. 作業レポートの「前年度版からの変更点」と「記述の検証」を確認する"
        f"（前年度版の _build/{src}/ が無ければ先に make book EDITION={src}）",
    ]
    return check
