"""What the kernels record for the engine, typed: the one format between the two processes.

A page notebook records, through :mod:`daisen_taiko.kernel.glue` (the one writer):

- ``<name>``            a quantity of the prose (text) or a figure image (``fig-…``);
- ``<fid>--enlarged``   the figure drawn again with larger text (the 概要版's, :func:`style.enlarged`);
- ``<fid>--data``       a :class:`Figure`: what a figure or table draws, with the provenance of each row;
- ``check--<key>``      a :class:`Check`: one statement of the draft checked against data.

:func:`read_results` (the one reader) turns the executed notebooks into :class:`Results`, which
the engine and the documents use (the 確定 gate, downloads, the 作業レポート, the snapshot).
Glued outputs are stored as ``myst_nb.glue(…, display=False)`` stores them: a display_data
output whose mime types carry the ``application/papermill.record/`` prefix and whose metadata
names it.
"""

from __future__ import annotations

import ast
import base64
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

RECORD = "application/papermill.record/"
TEXT = RECORD + "text/plain"
SVG = RECORD + "image/svg+xml"
PDF = RECORD + "application/pdf"

DATA_SUFFIX = "--data"
ENLARGED_SUFFIX = "--enlarged"
CHECK_PREFIX = "check--"
HOLDS, CONTRADICTED, UNVERIFIED = "一致", "不一致", "未検証"  # the statuses of a statement's check
STATUSES = (HOLDS, CONTRADICTED, UNVERIFIED)

# The provenance columns of a record's rows (the one list): the publication its 出典 line
# prints, and where each value was read and how surely (the 作業レポート's only: the public
# documents' downloads leave them out).  Every drawn row has the first two.
PUBLICATION = "出典"
READ_FROM = "取得元"
RETRIEVAL = (READ_FROM, "確度")
PROVENANCE = (PUBLICATION, *RETRIEVAL)


def data_key(fid: str) -> str:
    return fid + DATA_SUFFIX


def enlarged_key(fid: str) -> str:
    return fid + ENLARGED_SUFFIX


def check_key(key: str) -> str:
    return CHECK_PREFIX + key


def is_figure_data(name: str) -> bool:
    return name.endswith(DATA_SUFFIX)


def is_check(name: str) -> bool:
    return name.startswith(CHECK_PREFIX)


def is_quantity(name: str) -> bool:
    """A value the prose shows (not a figure, its data or a check)."""
    return not (is_figure_data(name) or is_check(name))


@dataclass(frozen=True)
class Check:
    """One statement of the draft checked against data."""

    key: str
    sentence: str
    status: str  # one of STATUSES
    evidence: str
    data: list[str]  # the data files the check read
    page: str = ""  # the page (``book/ch1_…``), set by the reader


@dataclass(frozen=True)
class Figure:
    """What a figure or table draws: its columns and rows (with provenance columns), its notes;
    a figure also what reading its labels against its data found (``reading``: the problems,
    ``read``: what was read)."""

    id: str
    kind: str  # "figure" or "table"
    caption: str | None
    citation: str
    columns: list[str]
    rows: list[list]
    notes: list[str]
    empty: bool
    source: str = ""  # its 出典 line as printed under it (empty: none printed)
    reading: list[str] | None = None
    read: dict | None = None
    page: str = ""  # set by the reader

    def without(self, columns: tuple[str, ...]) -> Figure:
        """This record without the columns named in ``columns``."""
        keep = [j for j, c in enumerate(self.columns) if c not in columns]
        return replace(self, columns=[self.columns[j] for j in keep], rows=[[r[j] for j in keep] for r in self.rows])


@dataclass(frozen=True)
class Image:
    """A figure as a page drew it: SVG (web) and PDF (print)."""

    svg: bytes
    pdf: bytes


@dataclass(frozen=True)
class Page:
    doc: str  # ``book/ch1_1_purpose``
    quantities: dict[str, str] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    figures: dict[str, Figure] = field(default_factory=dict)
    images: dict[str, Image] = field(default_factory=dict)


@dataclass(frozen=True)
class Results:
    """Every page's records, in reading order."""

    pages: list[Page]

    @property
    def checks(self) -> list[Check]:
        return [c for p in self.pages for c in p.checks]

    @property
    def figures(self) -> dict[str, Figure]:
        return {fid: rec for p in self.pages for fid, rec in p.figures.items()}

    @property
    def images(self) -> dict[str, Image]:
        return {fid: image for p in self.pages for fid, image in p.images.items()}

    @property
    def quantities(self) -> dict[str, str]:
        """``<page>::<name>`` → the text the prose shows."""
        return {f"{p.doc}::{k}": v for p in self.pages for k, v in p.quantities.items()}


def as_json(record: Check | Figure) -> dict:
    """A record as stored (in the notebook and in ``snapshot.json``): a figure's reading only when read."""
    out = asdict(record)
    if isinstance(record, Figure) and record.reading is None:
        out.pop("reading"), out.pop("read")
    return out


def encode(record: Check | Figure) -> str:
    """The JSON text a kernel glues for ``record`` (its page is the reader's to set)."""
    out = as_json(record)
    out.pop("page")
    return json.dumps(out, ensure_ascii=False, sort_keys=True, default=str)


# --------------------------------------------------------------------------- reading
def decode(plain: str) -> str:
    """The text a glued text/plain stands for (the inverse of ``glue.text``)."""
    try:
        value = ast.literal_eval(plain)
    except (SyntaxError, ValueError):
        return plain
    return value if isinstance(value, str) else plain


def outputs(nb) -> dict[str, dict]:
    """Name → mime bundle (prefix removed) of every glued output of an executed notebook."""
    found: dict[str, dict] = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("scrapbook", {})
            name = meta.get("name")
            if name:
                prefix = meta.get("mime_prefix", RECORD)
                found[name] = {
                    k[len(prefix) :] if k.startswith(prefix) else k: v for k, v in out.get("data", {}).items()
                }
    return found


def texts(nb) -> dict[str, str]:
    """Name → text of every glued text or record (figures left out)."""
    return {
        name: decode(b["text/plain"])
        for name, b in outputs(nb).items()
        if "text/plain" in b and "image/svg+xml" not in b
    }


def images(nb) -> dict[str, Image]:
    """Name → image of every glued figure."""
    return {
        name: Image(b["image/svg+xml"].encode("utf-8"), base64.b64decode(b["application/pdf"]))
        for name, b in outputs(nb).items()
        if "image/svg+xml" in b and "application/pdf" in b
    }


def read_page(doc: str, nb) -> Page:
    texts_ = sorted(texts(nb).items())
    return Page(
        doc,
        {k: v for k, v in texts_ if is_quantity(k)},
        [Check(**json.loads(v), page=doc) for k, v in texts_ if is_check(k)],
        {(f := Figure(**json.loads(v), page=doc)).id: f for k, v in texts_ if is_figure_data(k)},
        images(nb),
    )


def read_results(executed: dict[str, Path]) -> Results:
    """``executed``: page (``book/ch1_…``) → executed notebook, in reading order."""
    import nbformat

    return Results([read_page(doc, nbformat.read(path, as_version=4)) for doc, path in executed.items()])
