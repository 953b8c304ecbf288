"""How fast the view is written (page + picture), and how fast graph.html opens and reacts in Chromium.

    .venv/bin/python scripts/bench_view.py                       # synthetic news-shaped graph, 2,000 entities
    .venv/bin/python scripts/bench_view.py --graph OUTDIR        # a graph from `kg extract` (e.g. PolNeAR dev)
    .venv/bin/python scripts/bench_view.py --graph OUTDIR --docs 10000 --runs 0
                                   # OUTDIR's saved results replayed with new ids to 10,000 articles

Writing: the time of ``kg extract``'s view step (fold, one layout, page, picture), with the
imports the view's first write pays (numpy for the layout, Pillow for the picture) given apart
(once per process), best and median of ``--writes``; CPU time of this process and wall time
(the machine may be shared: ``load`` is printed).

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
sys.path.insert(0, str(ROOT / "scripts"))

from chromium import DEEP_QUERY, Browser  # noqa: E402

from kg.export.view import build_page, prepare_view, to_view  # noqa: E402
from kg.graph import KnowledgeGraph, load_graph  # noqa: E402


def _timed(browser: Browser, script: str) -> float:
    start = time.monotonic()
    browser.eval(DEEP_QUERY + "(() => {" + script + "})()")
    browser.frames(2)
    return time.monotonic() - start


def write_view_timing(graph: KnowledgeGraph, writes: int) -> None:
    """The view step of ``kg extract``: imports once, then fold + layout + page + picture, best of ``writes``."""
    import os

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    wall, cpu = time.perf_counter(), time.process_time()
    import numpy
    from PIL import Image, ImageDraw, ImageFont  # noqa: F401 - what the view's first write imports, timed apart

    from kg.export.view_page import write_page
    from kg.export.view_picture import write_picture

    numpy  # noqa: B018
    print(f"imports (numpy, Pillow, kg's view modules): {time.perf_counter() - wall:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU")
    times: dict[str, list[tuple[float, float]]] = {}

    def keep(name: str, start: tuple[float, float]) -> None:
        times.setdefault(name, []).append((time.perf_counter() - start[0], time.process_time() - start[1]))

    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(writes):
            begin = step = (time.perf_counter(), time.process_time())
            prepared = prepare_view(graph)
            keep("fold+layout", step)
            step = (time.perf_counter(), time.process_time())
            write_page(prepared, Path(tmp) / "graph.html")
            keep("page", step)
            step = (time.perf_counter(), time.process_time())
            write_picture(prepared, Path(tmp) / "graph.png")
            keep("picture", step)
            keep("total (HTML + PNG)", begin)
    print(f"view of {len(prepared.page.nodes)} entities (of {prepared.total}), {len(prepared.page.links)} links; "
          f"load {load}")
    for name, runs in times.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"write {name}: best {min(walls):.2f} s wall, {min(cpus):.2f} s CPU; median "
              f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU (of {writes})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", help="a graph.json or OUTDIR from kg extract (default: synthetic)")
    parser.add_argument("--entities", type=int, default=2000, help="size of the synthetic graph")
    parser.add_argument("--runs", type=int, default=3, help="browser runs (0: only the writing time)")
    parser.add_argument("--docs", type=int, default=0, help="replay OUTDIR's saved results to this many articles")
    parser.add_argument("--writes", type=int, default=3)
    args = parser.parse_args()

    if args.graph and args.docs:
        from bench_merge import replicated_results, result_lines

        graph = KnowledgeGraph()
        graph.add_all(replicated_results(result_lines(Path(args.graph)), args.docs))
        graph.merge_short_names()
    elif args.graph:
        graph = load_graph(args.graph)
    else:
        from test_view import synthetic_graph

        graph = synthetic_graph(args.entities)
    write_view_timing(graph, args.writes)
    if args.runs <= 0:
        return 0
    start = time.monotonic()
    view = to_view(graph)
    html = build_page(view)
    build_s = time.monotonic() - start
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "graph.html"
        page.write_text(html, encoding="utf-8")
        print(f"graph: {len(view.nodes)} entities, {len(view.links)} links, {len(view.articles)} articles")
        print(f"page: {len(html.encode()) / 1e6:.1f} MB, built in {build_s:.1f} s (fold, layout, page)")
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
