"""Write a thin chapter notebook from a compact spec (used when adding a section).

    python tools/nbgen.py book/ch1_3_1_population_finance.ipynb spec.py

A spec is a Python file defining CELLS: a list of ("md", text), ("code", text)
(hidden entirely: tag remove-cell) or ("out", text) (code hidden, output shown:
tag remove-input; for tables and ※ notes) pairs, and optionally MODULE (a module
of daisen_taiko.sections imported as ``sec``); the parameters cell and the set-up cell are added here so every
notebook starts the same way.
"""

import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def build(cells, module: str | None) -> nbformat.NotebookNode:
    setup = "from daisen_taiko import nb\ned = nb.start(edition_params)"
    if module:
        setup += f"\nfrom daisen_taiko.sections import {module} as sec"
    out = [
        new_code_cell(
            "# papermill が版のパラメータ（parameters/<版>.yaml の内容）をここに渡します\nedition_params = None",
            metadata={"tags": ["parameters", "remove-cell"]},
        ),
        new_code_cell(setup, metadata={"tags": ["remove-cell"]}),
    ]
    for kind, text in cells:
        text = text.strip("\n")
        if kind == "md":
            out.append(new_markdown_cell(text))
        else:
            tag = {"code": "remove-cell", "out": "remove-input"}[kind]
            out.append(new_code_cell(text, metadata={"tags": [tag]}))
    book = new_notebook(cells=out)
    book.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(book.cells):
        cell["id"] = f"c{i:02d}"
    return book


if __name__ == "__main__":
    target, spec = sys.argv[1], sys.argv[2]
    ns: dict = {}
    exec(open(spec, encoding="utf-8").read(), ns)
    nbformat.write(build(ns["CELLS"], ns.get("MODULE")), target)
