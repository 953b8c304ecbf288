#!/usr/bin/env python
"""Benchmark kg's own extraction rules (``extract_document``) against the spaCy parse of the same docs.

Usage:
    .venv/bin/python scripts/bench_extractors.py CORPUS [--repeats 3] [--limit N] [--profile FILE]

CORPUS is a folder of ``.txt`` articles (PolNeAR dev: 84). The articles are read as
``kg extract`` reads them, parsed ONCE as the engine parses them (same batches, same defused
text), and the parse is timed; then ``extract_document`` (entities, roles, descriptions,
findings, quotes, mentions: kg's rules only, no graph or files) runs over the parsed docs
``--repeats`` times and the best run is kept. Each run starts from the docs as the parse left
them (the per-document caches kg keeps in ``Doc.user_data`` are dropped between runs).

CPU time (``process_time``) is the figure to trust on a shared machine; wall time is printed
beside it. ``--profile FILE`` writes a cProfile of one more extraction run to FILE.

Printed figures are plain ``name: value`` lines so a closing note can quote them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import nlp as kg_nlp  # noqa: E402
from kg.model import Document  # noqa: E402
from kg.pipeline import extract_document  # noqa: E402
from kg.sources import iter_documents  # noqa: E402
from kg.text import defuse  # noqa: E402


def say(line: str) -> None:
    print(line, flush=True)


def load_load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def parse_all(documents: list[Document], model: str) -> tuple[list, float, float]:
    """(docs, wall seconds, CPU seconds): every document parsed in the engine's batches."""
    nlp = kg_nlp.load(model)
    wall, cpu = time.perf_counter(), time.process_time()
    docs = []
    for batch in kg_nlp.batches_by_size(documents, size_of=lambda d: len(d.text)):
        docs.extend(kg_nlp.read(nlp, [defuse(d.text) for d in batch]))
    return docs, time.perf_counter() - wall, time.process_time() - cpu


def extract_all(documents: list[Document], docs: list, fresh: list[dict]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, triples) of ``extract_document`` over every parsed doc."""
    for sdoc, data in zip(docs, fresh, strict=True):
        sdoc.user_data.clear()
        sdoc.user_data.update(data)
    triples = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for document, sdoc in zip(documents, docs, strict=True):
        triples += len(extract_document(document, sdoc).triples)
    return time.perf_counter() - wall, time.process_time() - cpu, triples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of .txt articles (PolNeAR dev/text)")
    parser.add_argument("--model", default=kg_nlp.DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--repeats", type=int, default=3, help="extraction runs; the best is kept")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of one more run here")
    args = parser.parse_args(argv)

    documents = [d for d in iter_documents([str(args.corpus)]) if isinstance(d, Document)][: args.limit]
    say(f"corpus: {args.corpus} ({len(documents)} articles); model {args.model}; load {load_load()}")
    kg_nlp.load(args.model)  # loading is not what either side is timed on
    docs, p_wall, p_cpu = parse_all(documents, args.model)
    words = sum(len(d) for d in docs)
    fresh = [dict(d.user_data) for d in docs]
    say(f"spaCy parse: {words} words, {p_wall:.2f} s wall, {p_cpu:.2f} s CPU; load {load_load()}")
    best_wall = best_cpu = float("inf")
    for rep in range(args.repeats):
        wall, cpu, triples = extract_all(documents, docs, fresh)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        say(f"    run {rep + 1}: kg rules {wall:.2f} s wall, {cpu:.2f} s CPU, {triples} triples; load {load_load()}")
    say(f"kg rules (extract_document), best of {args.repeats}: {best_wall:.2f} s wall, {best_cpu:.2f} s CPU")
    say(f"ratio kg rules / spaCy parse: {best_wall / p_wall:.3f} wall, {best_cpu / p_cpu:.3f} CPU")
    if args.profile:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
        extract_all(documents, docs, fresh)
        profile.disable()
        profile.dump_stats(str(args.profile))
        say(f"profile of one run: {args.profile}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
