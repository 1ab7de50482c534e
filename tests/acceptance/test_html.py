"""The web edition: no request leaves the machine, figures have Japanese alt text and
downloads of exactly the data they draw, tables have header cells."""

import csv
import html as htmllib
import io
import json
import re
import socket
import subprocess
import threading
import urllib.parse
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from openpyxl import load_workbook

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="module")
def server(built_book):
    handler = partial(SimpleHTTPRequestHandler, directory=str(built_book["html"]))
    handler.log_message = lambda *a: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def pages(built_book):
    return sorted(p.relative_to(built_book["html"]).as_posix() for p in built_book["html"].rglob("*.html"))


def page_requests(netlog):
    """(url, initiator) of every URL request in a Chromium net log."""
    log = json.loads(netlog.read_text(encoding="utf-8", errors="replace"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [(e["params"]["url"], e["params"].get("initiator")) for e in log["events"]
            if e["type"] == start and "url" in e.get("params", {})]


def test_no_page_requests_another_host(built_book, server, tmp_path):
    """Open every page in headless Chromium (outside names unresolvable) and read its
    network log.  Requests the page makes carry the page's origin as initiator; the
    browser's own background requests (updates, time) carry none and are not the page's.
    Every request of the page must go to the local server."""
    outside = []
    for i, page in enumerate(pages(built_book)):
        log = tmp_path / f"net{i}.json"
        subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / f'profile{i}'}",
                        f"--log-net-log={log}", "--net-log-capture-mode=Default", "--virtual-time-budget=3000",
                        "--dump-dom", f"{server}/{page}"], capture_output=True, timeout=120, check=True)
        requests = page_requests(log)
        assert (f"{server}/{page}", "not an origin") in requests, (page, "navigation not recorded")
        assert any(init == server for _, init in requests), (page, "no subresource recorded")
        for url, initiator in requests:
            if initiator == "not an origin" and not url.startswith(server):
                continue                                   # the browser's own traffic, not the page's
            if urllib.parse.urlsplit(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:")):
                outside.append((page, url))
    assert outside == []


def test_the_request_check_sees_an_outside_request(built_book, server, tmp_path):
    """The check above can fail: a page that loads an outside script is caught."""
    bad = built_book["html"] / "zz_outside_probe.html"
    bad.write_text('<html><body><script src="https://cdn.example.org/x.js"></script>'
                   '<img src="http://tracker.example.com/p.gif"></body></html>', encoding="utf-8")
    try:
        log = tmp_path / "net.json"
        subprocess.run(["chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                        f"--log-net-log={log}", "--net-log-capture-mode=Default", "--virtual-time-budget=3000",
                        "--dump-dom", f"{server}/zz_outside_probe.html"], capture_output=True, timeout=120, check=True)
        hosts = {urllib.parse.urlsplit(u).hostname for u, init in page_requests(log) if init == server}
        assert {"cdn.example.org", "tracker.example.com"} <= hosts
    finally:
        bad.unlink()


def test_every_figure_has_japanese_alt_text(built_book):
    imgs = []
    for page in built_book["html"].rglob("*.html"):
        for tag in re.findall(r"<img[^>]*>", page.read_text(encoding="utf-8")):
            if "_images/" in tag or "data:image" in tag:
                imgs.append((page.name, tag))
    assert len(imgs) >= 10
    for name, tag in imgs:
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", htmllib.unescape(alt.group(1))), (name, tag)


def figure_tables(built_book):
    """Every figure's drawn data, from the executed notebooks of the build."""
    import nbformat

    from daisen_taiko.downloads import figure_data

    stage = next((built_book["root"] / ".work").glob("*/stage/book"))
    found = {}
    for nb in stage.glob("*.ipynb"):
        found.update(figure_data(nbformat.read(nb, as_version=4)))
    return found


def test_each_figure_offers_csv_and_xlsx_with_exactly_its_data(built_book):
    tables = figure_tables(built_book)
    assert len(tables) >= 10
    links = {}
    for page in built_book["html"].rglob("*.html"):
        for href in re.findall(r'href="([^"]*_downloads/[^"]+)"', page.read_text(encoding="utf-8")):
            target = (page.parent / urllib.parse.unquote(href)).resolve()
            links[target.name] = target
    for name, table in tables.items():
        expected = [[("" if v is None else str(v)) for v in row] for row in table["rows"]]
        csv_file, xlsx_file = links.get(f"{name}.csv"), links.get(f"{name}.xlsx")
        assert csv_file and csv_file.exists() and xlsx_file and xlsx_file.exists(), name
        rows = list(csv.reader(io.StringIO(csv_file.read_bytes().decode("utf-8-sig"))))
        assert rows[0] == table["columns"] and rows[1:] == expected, name
        ws = load_workbook(xlsx_file).active
        cells = list(ws.iter_rows(values_only=True))
        assert cells[0][0] == table["label"] and list(cells[1]) == table["columns"], name
        assert [[same(c) for c in r[:len(table["columns"])]] for r in cells[2:]] == [
            [same(v) for v in row] for row in table["rows"]], name


def same(value):
    """A cell value as a comparable key: Excel stores 108.0 as the number 108."""
    if value is None or value == "":
        return ""
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def test_tables_have_header_cells_and_pages_start_with_h1(built_book):
    for page in built_book["html"].rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if page.name in ("search.html", "genindex.html"):
            continue
        for table in re.findall(r"(?s)<table.*?</table>", text):
            assert "<th" in table, page.name
        heads = [int(h) for h in re.findall(r"<h([1-6])", text.split('<article', 1)[-1])]
        if heads:
            assert heads[0] == 1, page.name
            assert all(b - a <= 1 for a, b in zip(heads, heads[1:])), (page.name, heads)
