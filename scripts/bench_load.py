"""Benchmark ``kg load``: batched UNWIND/MERGE against one transaction per row, same graph, same run.

Extracts the graph of N PolNeAR articles (default 200, from ../shared/data/polnear/train/text)
once into a work folder (kept, so a second run skips the NLP), starts a private local kg server
on a free port (stopped at the end) unless --uri/NEO4J_URI names another, and loads the graph
into an emptied database, after untimed warm-up loads (a fresh JVM and fresh ArcadeDB types are
slow at first): once with one row per transaction, then --repeat times with --batch-size rows
per transaction (the best batched run counts; the machine may be shared). Prints nodes/s,
relationships/s and rows/s for both and the ratio of the rates; acceptance (issue 7) is a ratio
of at least 15. Exit code 1 when it is below --min-ratio.

    .venv/bin/python scripts/bench_load.py [--articles 200] [--batch-size 5000] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def extract(texts: Path, articles: int, work: Path) -> Path:
    """The graph of the first ``articles`` texts (sorted by name), extracted once into ``work``."""
    from kg.run import RunOptions, run_extract

    out = work / f"polnear-{articles}"
    if (out / "graph.json").exists():
        return out
    chosen = sorted(texts.glob("*.txt"))[:articles]
    if len(chosen) < articles:
        raise SystemExit(f"only {len(chosen)} texts in {texts}, {articles} asked")
    inputs = work / f"texts-{articles}"
    inputs.mkdir(parents=True, exist_ok=True)
    for path in chosen:
        target = inputs / path.name
        if not target.exists():
            target.symlink_to(path)
    started = time.perf_counter()
    run_extract([str(inputs)], RunOptions(out_dir=out, view=False, progress=False))
    print(f"extracted {articles} articles in {time.perf_counter() - started:.0f} s -> {out}", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--texts", type=Path, default=TEXTS)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-load")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--min-ratio", type=float, default=15.0)
    parser.add_argument("--warmup", type=int, default=2, help="untimed batched loads first (JIT, type creation)")
    parser.add_argument("--repeat", type=int, default=3, help="timed batched loads; the best is reported")
    parser.add_argument("--uri", default=None, help="load into this server instead of a private local one")
    args = parser.parse_args(argv)

    from kg import server
    from kg.export import neo4j as n4
    from kg.graph import load_graph

    args.work.mkdir(parents=True, exist_ok=True)
    graph = load_graph(extract(args.texts, args.articles, args.work))
    nodes, rels = graph.graph.number_of_nodes(), graph.graph.number_of_edges()
    print(f"graph: {nodes} nodes, {rels} relationships", file=sys.stderr)

    data_dir = None
    if not (args.uri or os.environ.get("NEO4J_URI")):
        data_dir = Path(tempfile.mkdtemp(prefix="kg-bench-server-"))
        started = time.perf_counter()
        server.start(port=server.free_port(), data_dir=data_dir)
        print(f"local server up in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    try:
        conn = n4.connection(uri=args.uri, data_dir=data_dir)
        with conn.driver() as driver:
            # Warm-up, untimed: the first loads into a fresh database create ArcadeDB's types and
            # files and run on a cold JIT; the measured loads then all start from the same state.
            for _ in range(args.warmup):
                n4.wipe(driver, database=conn.database)
                warm = n4.load(graph, driver, database=conn.database, batch_size=args.batch_size)
                print(f"warm-up load: {warm.rate():,.0f} rows/s", file=sys.stderr)
            results = {}
            n4.wipe(driver, database=conn.database)
            results["row by row"] = n4.load(graph, driver, database=conn.database, batch_size=1)
            runs = []
            for _ in range(args.repeat):
                n4.wipe(driver, database=conn.database)
                runs.append(n4.load(graph, driver, database=conn.database, batch_size=args.batch_size))
                print(f"batched load: {runs[-1].rate():,.0f} rows/s", file=sys.stderr)
            results["batched"] = max(runs, key=lambda r: r.rate())
            again = n4.counts(driver, database=conn.database)
    finally:
        if data_dir is not None:
            server.stop(data_dir=data_dir)

    expected = graph.counts()
    same = again["nodes"] == expected["nodes"] and again["edges"] == expected["edges"]
    print(f"{'loader':<12} {'txs':>7} {'nodes/s':>9} {'rels/s':>9} {'rows/s':>9} {'seconds':>8}")
    for name in ("batched", "row by row"):
        report = results[name]
        n, r = sum(report.nodes.values()), sum(report.relationships.values())
        print(f"{name:<12} {report.transactions:>7} {n / report.node_seconds:>9,.0f} "
              f"{r / report.relationship_seconds:>9,.0f} {report.rate():>9,.0f} {report.seconds:>8.1f}")
    ratio = results["batched"].rate() / results["row by row"].rate()
    print(f"ratio (batched / row by row, rows/s): {ratio:.1f}x (acceptance: >= {args.min_ratio:g}x); "
          f"graph in the server equals the extracted graph: {same}")
    return 0 if ratio >= args.min_ratio and same else 1


if __name__ == "__main__":
    sys.exit(main())
