"""Edition parameters: ``parameters/<edition>.yaml``, validated before anything runs."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import yaml

from daisen_taiko import project_root
from daisen_taiko.common.era import wareki
from daisen_taiko.common.errors import InputError, Problem, rel

STATUSES = ("草案", "素案", "案", "意見募集", "確定")
# What each status prints on the cover, in every page's mark and (while out for comment) in the
# title: the edition out for public comment is labelled （案）, as municipalities label the draft
# they publish for comment; the internal stages show their own name; the adopted edition none.
STATUS_LABELS = {"草案": "草案", "素案": "素案", "案": "案", "意見募集": "案", "確定": ""}
OUT_FOR_COMMENT = "意見募集"

EXECUTION_TIMEOUT = 300  # seconds a cell may run unless the edition says: longer is a page stuck in a loop
# the 概要版's paper: four A4 portrait pages, or two A3 landscape pages (an A3 sheet printed on both
# sides, each page two of the four A4 pages side by side)
SUMMARY_PAPERS = ("A4縦4ページ", "A3横2ページ")
# key → (type, Japanese description); all keys are required unless listed in OPTIONAL
SPEC: dict[str, tuple[type, str]] = {
    "edition": (str, "版の識別子（ファイル名と同じ）"),
    "title": (str, "計画の名称"),
    "municipality": (str, "自治体名"),
    "status": (str, "版の状態（" + "・".join(STATUSES) + "）"),
    "fiscal_year": (int, "策定年度（西暦の整数、例 2025）"),
    "issued": (str, "発行年月（YYYY-MM 形式、例 2025-12）"),
    "plan_start": (int, "推進期間の初年度（西暦の整数）"),
    "plan_end": (int, "推進期間の最終年度（西暦の整数）"),
    "previous_edition": (str, "前年度版の識別子（無ければ null）"),
    "data_dir": (str, "この版が読むデータのフォルダ（省略時は data）"),
    "execution_timeout": (int, f"1つのセルの実行時間の上限（1〜3600 の秒数、省略時は {EXECUTION_TIMEOUT}）"),
    "summary_paper": (str, f"概要版の用紙（{'・'.join(SUMMARY_PAPERS)}、省略時は {SUMMARY_PAPERS[0]}）"),
}
OPTIONAL = {"previous_edition", "data_dir", "execution_timeout", "summary_paper"}
DEFAULTS = {"execution_timeout": EXECUTION_TIMEOUT, "summary_paper": SUMMARY_PAPERS[0]}  # of optional settings
BOUNDS = {"execution_timeout": (1, 3600)}  # whole numbers only within these (0 would mean no limit to papermill)
CHOICES = {"status": STATUSES, "summary_paper": SUMMARY_PAPERS}  # a text setting: one of these
# settings of the build: never passed to a page nor in its cache key
BUILD_ONLY = ("execution_timeout", "summary_paper")
FIRST_YEAR = 2005  # 大仙市 was formed on 2005-03-22; no edition can predate it


@dataclass(frozen=True)
class Edition:
    edition: str
    title: str
    municipality: str
    status: str
    fiscal_year: int
    issued: str
    plan_start: int
    plan_end: int
    previous_edition: str | None = None
    data_dir: str | None = None
    execution_timeout: int | None = None  # seconds per cell (papermill counts execution_timeout per cell)
    summary_paper: str | None = None  # one of SUMMARY_PAPERS (None: the first)

    # ---- labels used in the book -------------------------------------------------
    @property
    def issued_label(self) -> str:
        y, m = (int(x) for x in self.issued.split("-"))
        return f"{wareki(y)}{m}月"

    @property
    def plan_period_label(self) -> str:
        return f"{wareki(self.plan_start, fiscal=True)}〜{wareki(self.plan_end, fiscal=True)}"

    @property
    def source_date_epoch(self) -> int:
        """The edition's date for every date a build writes (Sphinx's 最終更新, the PDFs): the
        first day of its issue month, 00:00 UTC — so a rebuild anywhere gives the same bytes."""
        y, m = (int(x) for x in self.issued.split("-"))
        return int(_dt.datetime(y, m, 1, tzinfo=_dt.UTC).timestamp())

    @property
    def cover_period(self) -> str:
        """The period as the draft's cover writes it: ``令和8年度～12年度`` (era not repeated)."""
        from daisen_taiko.common.era import era_year

        (e1, _), (e2, n2) = era_year(self.plan_start), era_year(self.plan_end)
        tail = f"{n2}年度" if e1 == e2 else wareki(self.plan_end, fiscal=True)
        return f"{wareki(self.plan_start, fiscal=True)}～{tail}"

    @property
    def status_label(self) -> str:
        """The status as the edition prints it (「案」 for 意見募集, nothing once 確定)."""
        return STATUS_LABELS[self.status]

    @property
    def document_title(self) -> str:
        """The 大綱's title: ``大仙市行政サービス改革・DX推進大綱（令和8年度～12年度）``, with （案）
        after the name while the edition is out for public comment."""
        label = f"（{self.status_label}）" if self.out_for_comment else ""
        return f"{self.full_title}{label}（{self.cover_period}）"

    @property
    def cover_lines(self) -> dict[str, str]:
        """The lines of the cover, as the draft sets them (the status line only while a draft)."""
        return {
            "status": f"({self.status_label})" if self.is_draft else "",
            "municipality": self.municipality,
            "title": self.title,
            "period": f"({self.cover_period})",
            "issued": self.issued_label,
        }

    @property
    def plan_years(self) -> int:
        return self.plan_end - self.plan_start + 1

    @property
    def is_draft(self) -> bool:
        return self.status != "確定"

    @property
    def out_for_comment(self) -> bool:
        """The edition published for the パブリックコメント (status 意見募集): the 意見募集版."""
        return self.status == OUT_FOR_COMMENT

    @property
    def full_title(self) -> str:
        return f"{self.municipality}{self.title}"

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if not (k in ("data_dir", *BUILD_ONLY) and v is None)}

    def page_params(self) -> dict:
        """The parameters a page notebook is run with (the build's own settings left out)."""
        return {k: v for k, v in self.as_dict().items() if k not in BUILD_ONLY}

    def use_data(self) -> None:
        """Point data loading (this process and kernels it starts) at this edition's data."""
        import os

        os.environ["DAISEN_DATA_DIR"] = self.data_dir or "data"


def parameters_dir() -> Path:
    return project_root() / "parameters"


def edition_path(edition: str) -> Path:
    return parameters_dir() / f"{edition}.yaml"


def list_editions() -> list[str]:
    return sorted(p.stem for p in parameters_dir().glob("*.yaml"))


def default_edition() -> str:
    marker = parameters_dir() / "DEFAULT"
    return marker.read_text(encoding="utf-8").strip()


def load_edition(edition: str | None = None) -> Edition:
    """Read and validate ``parameters/<edition>.yaml``; raise InputError in Japanese."""
    edition = edition or default_edition()
    path = edition_path(edition)
    name = rel(path)
    if not path.exists():
        known = "、".join(list_editions()) or "（なし）"
        raise InputError([Problem(name, f"パラメータファイルがありません。既存の版: {known}")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(name, "文字コードが UTF-8 ではありません。UTF-8 で保存し直してください。")]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise InputError(
            [
                Problem(
                    name,
                    "YAML の書式が正しくありません（字下げ・コロン・引用符を確認してください）。"
                    f"詳細: {getattr(exc, 'problem', exc)}",
                    row=row,
                )
            ]
        ) from None
    try:
        return validate(data, name, expected_edition=edition)
    except InputError as exc:  # name the line of each key, as a text editor shows it
        lines = text.splitlines()

        def line_of(key: str | None) -> int | None:
            found = (i for i, line in enumerate(lines, 1) if key and re.match(rf"{re.escape(key)}\s*:", line))
            return next(found, None)

        raise InputError(
            [p if p.row is not None else replace(p, row=line_of(p.column)) for p in exc.problems]
        ) from None


def validate(data, name: str, expected_edition: str | None = None) -> Edition:
    if not isinstance(data, dict):
        raise InputError([Problem(name, "「キー: 値」の形式で書いてください。")])
    problems: list[Problem] = []
    misspelt = set()  # keys written wrongly: named once, as a misspelling, not also as missing
    for key in data:
        if key not in SPEC:
            near = difflib.get_close_matches(str(key), SPEC, n=1)
            hint = f"「{near[0]}」の誤りではありませんか。" if near else ""
            misspelt.update(near)
            problems.append(
                Problem(name, f"未知のキー「{key}」です。{hint}使えるキー: {', '.join(SPEC)}", column=str(key))
            )
    for key, (typ, desc) in SPEC.items():
        if key not in data:
            if key not in OPTIONAL and key not in misspelt:
                problems.append(Problem(name, f"必須のキー「{key}」（{desc}）がありません。", column=key))
            continue
        value = data[key]
        if value is None and key in OPTIONAL:
            continue
        outside = key in BOUNDS and isinstance(value, int) and not BOUNDS[key][0] <= value <= BOUNDS[key][1]
        if typ is int and (isinstance(value, bool) or not isinstance(value, int) or outside):
            problems.append(Problem(name, f"「{key}」は{desc}で指定してください。", column=key, value=str(value)))
        elif typ is str and not isinstance(value, str):
            problems.append(
                Problem(name, f"「{key}」は文字列で指定してください（{desc}）。", column=key, value=str(value))
            )
    if problems:
        raise InputError(problems)

    def fault(key: str, message: str) -> None:
        problems.append(Problem(name, message, column=key, value=str(data[key])))

    this_year = _dt.date.today().year
    for key in ("fiscal_year", "plan_start", "plan_end"):
        if not FIRST_YEAR <= data[key] <= this_year + 20:
            fault(
                key,
                f"「{key}」の年度 {data[key]} はありえない値です（{FIRST_YEAR}〜{this_year + 20} の西暦で指定してください）。",
            )
    if data["plan_start"] > data["plan_end"]:
        fault("plan_start", "推進期間の初年度（plan_start）が最終年度（plan_end）より後になっています。")
    for key, choices in CHOICES.items():
        if data.get(key) is not None and data[key] not in choices:
            near = difflib.get_close_matches(data[key], choices, n=1)
            hint = f"「{near[0]}」の誤りではありませんか。" if near else ""
            fault(key, f"「{key}」は {'・'.join(choices)} のいずれかにしてください。{hint}")
    m = re.fullmatch(r"(\d{4})-(\d{2})", data["issued"])
    if not m or not 1 <= int(m.group(2)) <= 12:
        fault("issued", "「issued」は YYYY-MM 形式（例 2025-12）で指定してください。")
    else:
        y, mo = int(m.group(1)), int(m.group(2))
        fy = y if mo >= 4 else y - 1
        if fy != data["fiscal_year"]:
            fault(
                "issued",
                f"発行年月 {data['issued']} は {fy} 年度にあたり、fiscal_year（{data['fiscal_year']}）と一致しません。",
            )
    if data.get("data_dir") is not None and not (project_root() / data["data_dir"]).is_dir():
        fault("data_dir", f"「data_dir」のフォルダ {data['data_dir']} がありません。")
    if expected_edition is not None and data["edition"] != expected_edition:
        fault("edition", f"「edition」はファイル名と同じ「{expected_edition}」にしてください。")
    if problems:
        raise InputError(problems)
    return Edition(**{f.name: data.get(f.name) for f in fields(Edition)})
