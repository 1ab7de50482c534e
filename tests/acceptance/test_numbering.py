"""Adding a figure by the steps of CONTRIBUTING.md touches at most four files, and figure
numbers come from Sphinx only: the figure inserted before 図3 renumbers the old 図3 as 図4 in
the PDF, in its downloads and in the 作業レポート."""

from __future__ import annotations

import csv
import json
import re

import pytest
from support import DEFAULT, copy_project, pdf_text, run_cli, tree_bytes

pytestmark = pytest.mark.builds  # builds its own changed copies: make test-builds (CI), not make test

PAGE = "book/ch1_3_1_population_finance.ipynb"


NEW_FUNCTION = '''

def debt_ratio() -> api.Drawn:
    """A figure added by the steps of CONTRIBUTING.md (test data: the 実質公債費比率 alone)."""
    f = api.confirmed(fiscal())
    s = f[f["indicator"] == DEBT]
    fig, ax = api.new(height=2.4)
    ax.plot(s["fiscal_year"].astype(int), s["value"].astype(float), "o-", color=api.PALETTE[0])
    drawn = pd.DataFrame({"年度": s["fiscal_year"].astype(int), "値": s["value"].astype(float)}).join(api.provenance(s))
    return api.Drawn(fig, drawn, [s])
'''


def add_figure_before_figure_3(project) -> None:
    """CONTRIBUTING.md, 「Add a figure」: registry entry, draw function, page cell (data exist)."""
    reg = project / "book" / "figures.yml"
    reg.write_text(
        reg.read_text(encoding="utf-8") + "\nfig-inserted:\n  caption: 試験のために挿入した図\n  alt: 試験用\n",
        encoding="utf-8",
    )
    module = project / "src" / "daisen_taiko" / "kernel" / "sections" / "population_finance.py"
    module.write_text(module.read_text(encoding="utf-8") + NEW_FUNCTION, encoding="utf-8")
    nb = json.loads((project / PAGE).read_text(encoding="utf-8"))
    at = next(i for i, c in enumerate(nb["cells"]) if "fig-fiscal" in "".join(c["source"]))
    cell = dict(
        nb["cells"][at],
        id="inserted-figure",
        outputs=[],
        execution_count=None,
        source='api.figure("fig-inserted", sec.debt_ratio)',
    )
    nb["cells"].insert(at, cell)
    (project / PAGE).write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def test_a_figure_inserted_before_figure_3_renumbers_it_everywhere(built, tmp_path):
    project = copy_project(tmp_path / "proj", with_src=True)
    before = tree_bytes(project)
    add_figure_before_figure_3(project)
    after = tree_bytes(project)
    touched = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert len(touched) <= 4, touched
    res = run_cli(project, "build", DAISEN_CACHE_DIR=str(tmp_path / "cache"))
    assert res.returncode == 0, res.stdout + res.stderr
    out = project / "_build" / DEFAULT
    text = re.sub(r"\s+", "", pdf_text(next((out / "pdf").glob("*.pdf"))))
    assert "(図3)試験のために挿入した図" in text and "(図4)大仙市の主な財政指標" in text
    assert "図11" in text and "(図3)大仙市の主な財政指標" not in text
    with open(out / "html" / "downloads" / "fig-fiscal.csv", encoding="utf-8-sig", newline="") as fh:
        assert {r["図表"] for r in csv.DictReader(fh)} == {"図4 大仙市の主な財政指標"}
    report = (out / "report" / "html" / "report" / "requests.html").read_text(encoding="utf-8")
    assert "図4 大仙市の主な財政指標" in report and "図3 大仙市の主な財政指標" not in report
