#!/usr/bin/env python
"""Everything ``kg extract`` does besides the NLP: merging, triples, state, graph files, report.

    .venv/bin/python scripts/bench_tail.py CORPUS SAVED_OUTDIR [--repeats 3] [--no-view]

SAVED_OUTDIR is the output folder of a finished ``kg extract CORPUS`` run: its
``.kg-state/results.jsonl`` holds every document's result. The run is repeated with the engine
replaced by those saved results (same documents, same order, no spaCy), so what is timed is
the rest of the command: reading the files, saving the state, merging into the store,
``triples.jsonl``, the corpus-wide settle, each graph file and the commit. Per step: wall and
CPU seconds of the best repeat. Compare with the NLP time of ``scripts/bench_extract.py``.

Printed figures are plain ``name: value`` lines so the closing note can quote them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import kg.run as kg_run  # noqa: E402
from kg.model import DocResult, Document, Skip  # noqa: E402
from kg.state import STATE_DIR, result_from_json  # noqa: E402

TIMES: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its wall and CPU seconds added to TIMES[name] on each call."""
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            TIMES[name][0] += time.perf_counter() - wall
            TIMES[name][1] += time.process_time() - cpu
    return wrapped


def saved_results(out_dir: Path) -> dict[str, DocResult]:
    results = {}
    for line in (out_dir / STATE_DIR / "results.jsonl").read_text(encoding="utf-8").splitlines():
        result = result_from_json(json.loads(line))
        results[result.document.id] = result
    return results


def replaying(results: dict[str, DocResult]) -> Callable[..., Iterator[DocResult | Skip]]:
    def run_documents(feed: Iterable[Document | Skip], **_options: Any) -> Iterator[DocResult | Skip]:
        for item in feed:
            if isinstance(item, Skip):
                yield item
            else:
                result = results[item.id]
                yield DocResult(item, list(result.entities), list(result.triples), list(result.warnings),
                                list(result.descriptions))
    return run_documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("saved", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-view", action="store_true")
    args = parser.parse_args(argv)
    results = saved_results(args.saved)
    kg_run.run_documents = replaying(results)  # type: ignore[assignment]
    kg_run.settle = timed("settle", kg_run.settle)
    kg_run._write_graph_files = timed("graph files", kg_run._write_graph_files)
    kg_run._Collector.result = timed("merge+triples (per doc)", kg_run._Collector.result)  # type: ignore[method-assign]
    kg_run.RunState.save = timed("state (per doc)", kg_run.RunState.save)  # type: ignore[method-assign]
    kg_run.OutputSet.commit = timed("commit", kg_run.OutputSet.commit)  # type: ignore[method-assign]
    import kg.export.graphml as graphml
    import kg.export.rdf as rdf
    import kg.export.view as view
    import kg.export.view_page as view_page
    import kg.export.view_picture as view_picture

    kg_run.save_graph = timed("  graph.json", kg_run.save_graph)
    graphml.write_graphml = timed("  graph.graphml", graphml.write_graphml)
    rdf.write_turtle = timed("  graph.ttl", rdf.write_turtle)
    view.prepare_view = timed("  view: fold and layout", view.prepare_view)
    view_page.write_page = timed("  graph.html", view_page.write_page)
    view_picture.write_picture = timed("  graph.png", view_picture.write_picture)
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.repeats):
        TIMES.clear()
        with tempfile.TemporaryDirectory(prefix="kg-bench-tail-") as folder:
            run = timed("whole", kg_run.run_extract)
            run([args.corpus], kg_run.RunOptions(out_dir=folder, view=not args.no_view, progress=False))
        if not best or TIMES["whole"][0] < best["whole"][0]:
            best = {k: (v[0], v[1]) for k, v in TIMES.items()}
    print(f"documents: {len(results)}")
    for name, (wall, cpu) in best.items():
        print(f"{name}: {wall:.3f} s wall, {cpu:.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
