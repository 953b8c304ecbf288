#!/usr/bin/env python
"""Benchmark the RDF writers: rdflib's Turtle serializer against kg's default (pyoxigraph) writer.

Builds a graph of at least ``--triples`` RDF triples by extracting PolNeAR train articles once
and adding them again under new document ids (triple and statement ids derive from the doc id,
so every copy adds new statements while people and organisations merge, as in a real corpus).
Each writer then runs in its own subprocess on the same saved graph.json, so its peak memory is
its own: we reset the kernel's peak-RSS mark after loading the graph and read it back after
writing (``VmHWM`` in /proc/self/status; ``ru_maxrss`` where that is unavailable). Finally both
files are parsed back with rdflib and compared (no blank nodes, so equal triple sets means
isomorphic).

    .venv/bin/python scripts/bench_export.py [--articles 100] [--triples 200000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
WRITERS = ("rdflib-turtle", "kg-turtle")


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Reset the peak-RSS mark so the next reading is this writer's peak, not the loader's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def run_writer(name: str, graph_json: Path, out: Path) -> dict:
    """One writer, timed, with its peak memory over the loaded graph (runs in a subprocess)."""
    import gc

    from kg.export import rdf
    from kg.graph import load_graph

    graph = load_graph(graph_json)
    gc.collect()
    baseline = _status_kb("VmRSS") or 0
    reset = _reset_peak()
    start = time.perf_counter()
    if name == "rdflib-turtle":
        model = rdf.to_rdflib(graph)
        built = time.perf_counter()
        model.serialize(destination=str(out), format="turtle")
        triples = len(model)
    else:
        quads = rdf.to_quads(graph)
        built = time.perf_counter()
        rdf.write_quads(quads, out, format="turtle")
        triples = len(quads)
    end = time.perf_counter()
    peak = (_status_kb("VmHWM") if reset else None) or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"writer": name, "triples": triples, "seconds": end - start, "build_seconds": built - start,
            "serialize_seconds": end - built, "baseline_mb": baseline / 1024, "peak_mb": peak / 1024,
            "peak_over_baseline_mb": (peak - baseline) / 1024, "peak_reset": reset}


def build_graph(articles: int, min_triples: int, graph_json: Path) -> tuple[int, int]:
    """Extract ``articles`` train articles once, then add copies until the export has enough triples."""
    from kg.export import rdf
    from kg.graph import KnowledgeGraph, to_node_link
    from kg.model import DocResult, Document
    from kg.nlp import load
    from kg.pipeline import extract_document

    paths = sorted(TRAIN.glob("*.txt"))[:articles]
    if not paths:
        sys.exit(f"no PolNeAR train articles under {TRAIN}")
    nlp = load()
    docs = [Document(id=p.stem, text=p.read_text(encoding="utf-8")) for p in paths]
    results = [extract_document(d, s) for d, s in zip(docs, nlp.pipe(d.text for d in docs), strict=True)]
    graph = KnowledgeGraph()
    graph.add_all(results)
    per_round = len(rdf.to_quads(graph))
    rounds = 1
    while len(rdf.to_quads(graph)) < min_triples:
        for result in results:
            graph.add(_copy(result, rounds, DocResult, Document))
        rounds += 1
    graph_json.write_text(json.dumps(to_node_link(graph), ensure_ascii=False), encoding="utf-8")
    print(f"extracted {len(results)} train articles ({per_round:,} triples), repeated {rounds}x under new ids "
          f"-> {rounds * len(results)} articles", file=sys.stderr)
    return rounds * len(results), len(rdf.to_quads(graph))


def _copy(result, n: int, doc_result, document):  # noqa: ANN001, ANN202 - kg.model classes passed in
    """The same article under a new id: its statements get new ids, its entities stay shared."""
    new_id = f"{result.document.id}~{n}"
    triples = [replace(t, evidence=replace(t.evidence, doc=new_id)) for t in result.triples]
    return doc_result(replace(result.document, id=new_id), list(result.entities), triples, [])


def same_content(a: Path, b: Path) -> tuple[bool, int, int]:
    """Both Turtle files parsed with rdflib: equal triple sets (no blank nodes: isomorphic)."""
    from rdflib import BNode, Graph

    ga = Graph().parse(a, format="turtle")
    gb = Graph().parse(b, format="turtle")
    no_bnodes = not any(isinstance(t, BNode) for triple in ga for t in triple)
    return no_bnodes and set(ga) == set(gb), len(ga), len(gb)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="train articles to extract (default 100)")
    parser.add_argument("--triples", type=int, default=200_000, help="least RDF triples in the graph")
    parser.add_argument("--keep", metavar="DIR", help="keep graph.json and both Turtle files here")
    parser.add_argument("--worker", choices=WRITERS, help=argparse.SUPPRESS)
    parser.add_argument("--graph", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_writer(args.worker, args.graph, args.out)))
        return 0

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    graph_json = work / "graph.json"
    n_articles, n_triples = build_graph(args.articles, args.triples, graph_json)
    results = {}
    for name in WRITERS:
        out = work / f"{name}.ttl"
        proc = subprocess.run([sys.executable, __file__, "--worker", name, "--graph", str(graph_json),
                               "--out", str(out)], capture_output=True, text=True, check=True)
        results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    identical, len_a, len_b = same_content(work / "rdflib-turtle.ttl", work / "kg-turtle.ttl")

    print(f"graph: {n_articles} articles, {n_triples:,} RDF triples")
    print(f"{'writer':<15}{'total s':>9}{'build s':>9}{'write s':>9}{'triples/s':>12}{'peak MB':>9}"
          f"{'over graph MB':>15}{'file MB':>9}")
    for name, r in results.items():
        size = (work / f"{name}.ttl").stat().st_size / 1e6
        print(f"{name:<15}{r['seconds']:>9.2f}{r['build_seconds']:>9.2f}{r['serialize_seconds']:>9.2f}"
              f"{r['triples'] / r['seconds']:>12,.0f}{r['peak_mb']:>9.1f}{r['peak_over_baseline_mb']:>15.1f}"
              f"{size:>9.1f}")
    slow, fast = results["rdflib-turtle"], results["kg-turtle"]
    print(f"speed-up (total): {slow['seconds'] / fast['seconds']:.1f}x; "
          f"(serialise only): {slow['serialize_seconds'] / fast['serialize_seconds']:.1f}x")
    print(f"memory over the loaded graph: kg {fast['peak_over_baseline_mb']:.1f} MB vs rdflib "
          f"{slow['peak_over_baseline_mb']:.1f} MB")
    print(f"parsed back with rdflib: {len_a:,} vs {len_b:,} triples, identical: {'yes' if identical else 'NO'}")
    if not args.keep:
        for path in work.iterdir():
            path.unlink()
        work.rmdir()
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
