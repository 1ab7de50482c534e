"""Reading what notebooks glued (myst-nb ``glue``) back out of executed notebooks."""

from __future__ import annotations

import nbformat

RECORD = "application/papermill.record/"
TEXT_KEY = RECORD + "text/plain"
PDF_KEY = RECORD + "application/pdf"


def glued_outputs(nb: nbformat.NotebookNode) -> dict[str, dict]:
    """Name → mime bundle of every glued value in an executed notebook."""
    found = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                found[name] = out.get("data", {})
    return found
