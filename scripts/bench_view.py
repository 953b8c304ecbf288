"""How fast graph.html opens and reacts at 2,000 entities, in real headless Chromium, offline.

    .venv/bin/python scripts/bench_view.py                       # synthetic news-shaped graph, 2,000 entities
    .venv/bin/python scripts/bench_view.py --graph OUTDIR        # a graph from `kg extract` (e.g. PolNeAR train)

Reports the time to write the page, its size, and for each run in a fresh browser profile: the
time from navigation to the first drawing (the page's own ``data-kg-ms``, measured with
``performance.now()`` two animation frames after bokeh reports the document idle), the wall time
the driver waited, then the time to draw all entities ("Show all") and to run a name search.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from chromium import DEEP_QUERY, Browser  # noqa: E402

from kg.export.view import build_page, to_view  # noqa: E402
from kg.graph import load_graph  # noqa: E402


def _timed(browser: Browser, script: str) -> float:
    start = time.monotonic()
    browser.eval(DEEP_QUERY + "(() => {" + script + "})()")
    browser.frames(2)
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", help="a graph.json or OUTDIR from kg extract (default: synthetic)")
    parser.add_argument("--entities", type=int, default=2000, help="size of the synthetic graph")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    if args.graph:
        graph = load_graph(args.graph)
    else:
        from test_view import synthetic_graph

        graph = synthetic_graph(args.entities)
    start = time.monotonic()
    view = to_view(graph)
    html = build_page(view)
    build_s = time.monotonic() - start
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "graph.html"
        page.write_text(html, encoding="utf-8")
        print(f"graph: {len(view.nodes)} entities, {len(view.links)} links, {len(view.articles)} articles")
        print(f"page: {len(html.encode()) / 1e6:.1f} MB, built in {build_s:.1f} s (fold, layout, bokeh)")
        rows = []
        for run in range(args.runs):
            with Browser(Path(tmp) / f"profile-{run}") as browser:
                wall = browser.open(page, timeout=180)
                drawn_ms = int(browser.eval("+document.documentElement.dataset.kgMs"))
                show_all = _timed(browser, 'deep("button").find((b) => b.textContent.includes("Show all")).click();')
                shown = browser.eval("+document.documentElement.dataset.kgNodes")
                search = _timed(browser, 'const i = deep("input[type=text]")[0]; i.value = "smith";'
                                          'i.dispatchEvent(new Event("input", {bubbles: true}));')
                errors = browser.errors()
                rows.append((drawn_ms / 1000, wall, show_all, search))
                print(f"run {run + 1}: drawn {drawn_ms / 1000:.2f} s after navigation (driver waited {wall:.2f} s); "
                      f"show all {shown}: {show_all:.2f} s; search: {search:.2f} s; errors: {len(errors)}")
        if rows:
            drawn, all_s, find = (statistics.median(r[k] for r in rows) for k in (0, 2, 3))
            print(f"median: drawn {drawn:.2f} s, show all {all_s:.2f} s, search {find:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
