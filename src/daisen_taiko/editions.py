"""The yearly edition workflow: snapshots of what an edition shows, the changes since
the previous edition, the claims that no longer hold, and scaffolding a new edition."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import yaml

from . import project_root
from .era import wareki
from .glued import PDF_KEY, TEXT_KEY, glued_outputs
from .params import SPEC, edition_path, load_edition



def _glued_texts(nb_path: Path) -> dict[str, str]:
    """The glued texts of a notebook (figures left out)."""
    bundles = glued_outputs(nbformat.read(nb_path, as_version=4))
    return {name: data[TEXT_KEY] for name, data in bundles.items() if TEXT_KEY in data and PDF_KEY not in data}


def executed_dir() -> Path:
    """Where the executed notebooks of this run are: the build's stage, or book/ (nbval)."""
    env = os.environ.get("DAISEN_EXECUTED_DIR")
    return Path(env) if env else project_root() / "book"


def snapshot(book_dir: Path | None = None) -> dict:
    """Every glued quantity of the executed notebooks, the claim checks, and every data row."""
    from .data import SCHEMAS, load

    book_dir = book_dir or executed_dir()
    quantities, claims = {}, []
    for nb in sorted(book_dir.glob("*.ipynb")):
        if nb.stem == "changes":
            continue
        for name, text in _glued_texts(nb).items():
            if name.endswith("__check"):
                claims.append(dict(json.loads(text), notebook=nb.name))
            elif not name.startswith("claim_") and not name.endswith("__data"):
                quantities[name] = text
    data = {}
    for name, schema in SCHEMAS.items():
        df = load(name)
        rows = {}
        for rec in df.astype(object).where(df.notna(), None).to_dict("records"):
            key = " / ".join(str(rec[k]) for k in schema.key)
            rows[key] = {k: (None if v is None else str(v)) for k, v in rec.items()}
        data[name] = rows
    return {"quantities": quantities, "claims": claims, "data": data}


def snapshot_path(edition: str) -> Path:
    return project_root() / "_build" / edition / "snapshot.json"


def compare(old: dict, new: dict) -> dict:
    """Quantities and data rows that differ, old → new."""
    q = []
    for name in sorted(set(old["quantities"]) | set(new["quantities"])):
        a, b = old["quantities"].get(name), new["quantities"].get(name)
        if a != b:
            q.append({"name": name, "old": a, "new": b})
    d = []
    for file in sorted(set(old["data"]) | set(new["data"])):
        a_rows, b_rows = old["data"].get(file, {}), new["data"].get(file, {})
        for key in sorted(set(a_rows) | set(b_rows)):
            a, b = a_rows.get(key), b_rows.get(key)
            if a is None or b is None:
                d.append({"file": file, "key": key, "field": "value",
                          "old": None if a is None else a.get("value"), "new": None if b is None else b.get("value"),
                          "kind": "追加" if a is None else "削除"})
                continue
            for field in sorted(set(a) | set(b)):
                if a.get(field) != b.get(field):
                    d.append({"file": file, "key": key, "field": field, "old": a.get(field), "new": b.get(field),
                              "kind": "変更"})
    return {"quantities": q, "data": d}


# --------------------------------------------------------------------------- new edition
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
                lines.append(f"data/{name}.csv「{label}」: 最新は{wareki(latest, fiscal=fiscal)} → "
                             f"{wareki(year, fiscal=fiscal)}の値がありません")
    return lines


def scaffold(src: str, dst: str) -> list[str]:
    """Write parameters/<dst>.yaml from <src> for the next fiscal year; return the checklist."""
    old = load_edition(src)
    target = edition_path(dst)
    if target.exists():
        raise FileExistsError(f"{target.name} は既にあります。別の版名を指定するか、既存のファイルを編集してください。")
    y, m = (int(x) for x in old.issued.split("-"))
    new = dict(old.as_dict(), edition=dst, fiscal_year=old.fiscal_year + 1, issued=f"{y + 1}-{m:02d}",
               status="草案", previous_edition=src)
    text = (f"# {old.municipality}{old.title} {wareki(new['fiscal_year'], fiscal=True)}版"
            f"（{src} から make edition で作成。値を確認してください）\n")
    text += yaml.safe_dump(new, allow_unicode=True, sort_keys=False)
    target.write_text(text, encoding="utf-8")
    load_edition(dst)                                 # the new file must validate
    check = [f"作成しました: parameters/{dst}.yaml（前年度版: {src}）", "", "■ 見直すパラメータ"]
    for key, (_, desc) in SPEC.items():
        before, after = old.as_dict().get(key), new.get(key)
        mark = "（自動で変更）" if before != after else "（前年度のまま・要確認）"
        check.append(f"  - {key}: {after}  … {desc}{mark if key not in ('edition',) else ''}")
    lacking = series_lacking(new["fiscal_year"] - 1)
    check += ["", f"■ {wareki(new['fiscal_year'] - 1, fiscal=True)}（前年度）までの値が無いデータ系列（追加が必要か確認）"]
    check += [f"  - {line}" for line in lacking] or ["  - なし"]
    check += ["", "■ 次の手順", f"  1. 上の値とデータを更新する", f"  2. make book EDITION={dst}",
              "  3. 「前年度版からの変更点」のページで、変わった数値と記述の検証結果を確認する"]
    return check
