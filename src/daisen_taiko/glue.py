"""Glue: values a notebook stores under a name for the prose (``{glue:text}`name` ``)
and for the build (figure data, statement checks).

This module is the one place that knows how glued outputs are named and stored:

- ``<name>``            a quantity of the prose (text) or a figure image (``fig-…``);
- ``<fid>--data``       what a figure or table draws, with the provenance of each row (JSON);
- ``check--<key>``      the check of one statement of the draft against data (JSON).

Outputs are written the way ``myst_nb.glue(…, display=False)`` writes them (a display_data
output whose mime types carry the ``application/papermill.record/`` prefix and whose
metadata names it), without importing myst_nb into the kernel.
"""

from __future__ import annotations

import json

RECORD = "application/papermill.record/"
TEXT = RECORD + "text/plain"
SVG = RECORD + "image/svg+xml"
PDF = RECORD + "application/pdf"

DATA_SUFFIX = "--data"
HOLDS, CONTRADICTED, UNVERIFIED = "一致", "不一致", "未検証"  # the statuses of a statement's check
CHECK_PREFIX = "check--"


def data_key(fid: str) -> str:
    return fid + DATA_SUFFIX


def check_key(key: str) -> str:
    return CHECK_PREFIX + key


def is_figure_data(name: str) -> bool:
    return name.endswith(DATA_SUFFIX)


def is_check(name: str) -> bool:
    return name.startswith(CHECK_PREFIX)


def is_quantity(name: str) -> bool:
    """A value the prose shows (not a figure, its data or a check)."""
    return not (is_figure_data(name) or is_check(name))


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


def record(name: str, payload: dict) -> None:
    """Glue a JSON record for the build (figure data, statement checks)."""
    text(name, json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str))


def decode(plain: str) -> str:
    """The text a glued text/plain stands for (the inverse of :func:`text`)."""
    import ast

    try:
        value = ast.literal_eval(plain)
    except (SyntaxError, ValueError):
        return plain
    return value if isinstance(value, str) else plain


# --------------------------------------------------------------------------- reading
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
