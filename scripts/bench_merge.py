#!/usr/bin/env python
"""The merge alone: documents merged into the graph per second by the main process, and its memory.

    .venv/bin/python scripts/bench_merge.py OUTDIR [--docs 10000] [--memory]

OUTDIR is the output folder of a ``kg extract`` run (its ``.kg-state/results.jsonl`` holds every
document's result). The results are replayed again and again with new document ids (so every
statement is new while the entities recur, as in a real archive) into ``KnowledgeGraph.add``
without any NLP: this is the work the single merging process does while workers parse, so its
speed says how many workers it can feed. Resident memory is sampled every 5% of the documents.
The merge is ``kg extract``'s own, the on-disk :class:`kg.store.GraphStore` (its file in a
temporary folder), and the time includes writing its rows; ``--memory`` measures the networkx
``KnowledgeGraph`` instead, for comparison.

Printed figures are plain ``name: value`` lines so the closing note can quote them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.graph import KnowledgeGraph  # noqa: E402
from kg.model import DocResult  # noqa: E402
from kg.state import STATE_DIR, result_from_json  # noqa: E402
from kg.store import GraphStore  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def result_lines(out_dir: Path) -> list[tuple[str, str]]:
    """(document id, JSON line) of every saved result of a finished run."""
    path = Path(out_dir) / STATE_DIR / "results.jsonl"
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        lines.append((json.loads(line)["document"]["id"], line))
    return lines


def replicated_results(lines: list[tuple[str, str]], count: int) -> Iterator[DocResult]:
    """``count`` results cycling through ``lines``, copy ``n`` of document ``X`` renamed ``X--copyN``.

    The id is replaced in the saved JSON text, so statement ids (which hash the document id) are
    new in each copy while entity ids recur.
    """
    for n in range(count):
        doc, line = lines[n % len(lines)]
        copy = n // len(lines)
        yield result_from_json(json.loads(line.replace(json.dumps(doc), json.dumps(f"{doc}--copy{copy}"))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="OUTDIR of a finished kg extract run")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--memory", action="store_true", help="the in-memory networkx graph, not the store")
    args = parser.parse_args(argv)
    lines = result_lines(args.out_dir)
    print(f"results: {len(lines)} documents from {args.out_dir}; replayed to {args.docs}; "
          f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    folder = tempfile.TemporaryDirectory(prefix="kg-bench-merge-")
    graph = KnowledgeGraph() if args.memory else GraphStore(Path(folder.name) / "store.sqlite")
    print(f"graph: {type(graph).__name__}")
    every = max(1, args.docs // 20)
    curve = [(0, rss_mb())]
    decode = merge = 0.0
    results = replicated_results(lines, args.docs)
    for n in range(1, args.docs + 1):
        t = time.process_time()
        result = next(results)
        t2 = time.process_time()
        graph.add(result)
        t3 = time.process_time()
        decode += t2 - t
        merge += t3 - t2
        if n % every == 0:
            curve.append((n, rss_mb()))
            print(f"  rss at {n:>7} docs: {curve[-1][1]:7.0f} MB; merged {n / merge:,.0f} docs/s CPU so far",
                  flush=True)
    t = time.process_time()
    graph.merge_short_names()
    short = time.process_time() - t
    print(f"merge: {args.docs} documents in {merge:.1f} s CPU: {args.docs / merge:,.0f} documents/s "
          f"(decoding the saved results, not counted: {decode:.1f} s); merge_short_names at the end {short:.1f} s")
    counts = graph.counts()
    print(f"graph: {sum(counts['nodes'].values())} nodes, {sum(counts['edges'].values())} edges")
    if len(curve) >= 3:
        (d0, m0), (d1, m1) = curve[len(curve) // 2], curve[-1]
        print(f"memory: {curve[-1][1]:.0f} MB at the end; growth from {d0} to {d1} docs "
              f"{(m1 - m0) / max(1, d1 - d0) * 1000:+.1f} MB per 1000 docs")
    if isinstance(graph, GraphStore):
        graph.close()
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
