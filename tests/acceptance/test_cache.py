"""The execution cache counts executions, not seconds: a no-op rebuild runs no notebook,
a one-CSV change runs exactly the notebooks that read that file."""

import json

from conftest import run_cli


def executions(project):
    return json.loads((project / ".work" / "r7-12-soan" / "executions.json").read_text(encoding="utf-8"))


def readers(project, csv_name):
    out = set()
    for record in (project / ".work" / "cache" / "deps").glob("*.json"):
        if csv_name in json.loads(record.read_text(encoding="utf-8")):
            out.add(f"book/{record.stem}.ipynb")
    return out


def test_noop_and_one_csv_change(project):
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    all_nbs = set(executions(project))
    assert "book/ch1_3_1_population_finance.ipynb" in all_nbs and "book/index.ipynb" in all_nbs

    res = run_cli(project, "build")
    assert res.returncode == 0 and executions(project) == []

    csv = project / "data" / "fiscal_indicators.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",92.3,%,", ",92.4,%,"), encoding="utf-8")
    res = run_cli(project, "build")
    assert res.returncode == 0, res.stdout
    ran = set(executions(project))
    assert "book/ch1_3_1_population_finance.ipynb" in ran      # draws 図3 from this file
    assert "book/index.ipynb" not in ran                       # reads no data
    assert ran == readers(project, "fiscal_indicators.csv")
    assert ran < all_nbs

    # the cache never serves a stale result: the published PDF shows the new value
    import subprocess
    pdf = next((project / "_build" / "r7-12-soan" / "pdf").glob("*.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "92.4" in text and "92.3" not in text


def test_code_change_invalidates_the_cache(project, tmp_path):
    res = run_cli(project, "build")
    assert res.returncode == 0
    nb = project / "book" / "index.ipynb"
    book = json.loads(nb.read_text(encoding="utf-8"))
    book["cells"][-1]["source"] += "\n"
    nb.write_text(json.dumps(book, ensure_ascii=False), encoding="utf-8")
    res = run_cli(project, "build")
    # the changes page is made from every other page, so it runs on every real rebuild
    assert set(executions(project)) == {"book/index.ipynb", "book/changes.ipynb"}
