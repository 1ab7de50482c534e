"""Glue: values a notebook stores under a name for the prose (``{glue:text}`name` ``) and the
records for the engine — the one writer of the format of :mod:`daisen_taiko.common.records`.

Outputs are written the way ``myst_nb.glue(…, display=False)`` writes them, without importing
myst_nb into the kernel.
"""

from __future__ import annotations

from daisen_taiko.common import records
from daisen_taiko.common.records import RECORD


def store(name: str, bundle: dict[str, object]) -> None:
    """Glue a mime bundle (``{"text/plain": …, …}``) under ``name`` without displaying it."""
    from IPython.display import display

    data = {RECORD + mime: value for mime, value in bundle.items()}
    display(data, raw=True, metadata={"scrapbook": {"name": name, "mime_prefix": RECORD}})


def text(name: str, value: object) -> str:
    """Glue a text (shown verbatim by ``{glue:text}``) and return it.

    Stored as the string's repr, like IPython shows a string: myst-nb evaluates text/plain
    as a Python literal before pasting, so an unquoted ``1,469`` would become a tuple."""
    value = str(value)
    store(name, {"text/plain": repr(value)})
    return value


def figure(record: records.Figure) -> None:
    """Glue what a figure or table draws, for the engine."""
    text(records.data_key(record.id), records.encode(record))


def check(record: records.Check) -> None:
    """Glue the check of one statement, for the engine."""
    text(records.check_key(record.key), records.encode(record))
