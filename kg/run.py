"""``kg extract`` as a library call: documents in, every output file written, a summary back.

Each document's triples are appended to ``triples.jsonl`` as soon as they are extracted,
so a crash loses at most the document in flight; the graph files are written at the end,
each atomically (temporary file, then rename), so a reader never sees a truncated file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.engine import run_documents
from kg.export.jsonl import write_triples
from kg.graph import KnowledgeGraph, to_node_link
from kg.model import DocResult, Skip
from kg.sources import DEFAULT_MAX_CHARS, iter_documents


@dataclass
class RunOptions:
    out_dir: str | Path
    model: str | None = None
    view: bool = True
    base_iri: str | None = None
    processes: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    workers: int | None = None
    resume: bool = False
    max_chars: int | None = None
    progress: bool = True


@dataclass
class RunSummary:
    read: int = 0
    extracted: int = 0
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: int = 0
    triples_by_relation: Counter = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _progress(items: Iterable, enabled: bool):  # noqa: ANN202
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", desc="extract", leave=False, mininterval=0.5, delay=1.0)


def run_extract(paths: Iterable[str], options: RunOptions) -> RunSummary:
    """Extract every document under ``paths`` and write all outputs into ``options.out_dir``."""
    out = Path(options.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    graph = KnowledgeGraph()
    docs = iter_documents(paths, max_chars=options.max_chars or DEFAULT_MAX_CHARS)
    triples_path = out / "triples.jsonl"
    tmp_triples = out / ".triples.jsonl.partial"
    with tmp_triples.open("w", encoding="utf-8") as stream:
        for item in _progress(run_documents(docs, model=options.model, processes=options.processes,
                                                 engine=options.engine, scheduler=options.scheduler,
                                                 workers=options.workers), options.progress):
            summary.read += 1
            if isinstance(item, Skip):
                summary.skipped.append(item)
                continue
            assert isinstance(item, DocResult)
            summary.extracted += 1
            summary.warnings.extend(f"{item.document.id}: {w}" for w in item.warnings)
            graph.add(item)
            write_triples(item.triples, stream)
            stream.flush()
            summary.triples_by_relation.update(t.relation for t in item.triples)
    os.replace(tmp_triples, triples_path)
    summary.files.append(triples_path)
    summary.entities = sum(1 for _, d in graph.graph.nodes(data=True)
                           if d.get("label") in ("Person", "Organization", "Group", "Place", "Report"))
    _write_graph_files(graph, out, options, summary)
    report = {
        "read": summary.read, "extracted": summary.extracted,
        "skipped": [{"doc": s.doc, "reason": s.reason, "source": s.source} for s in summary.skipped],
        "warnings": summary.warnings, "entities": summary.entities,
        "triples": dict(summary.triples_by_relation),
    }
    report_path = out / "report.json"
    write_atomic(report_path, lambda p: p.write_text(json.dumps(report, indent=2), encoding="utf-8"))
    summary.files.append(report_path)
    return summary


def _write_graph_files(graph: KnowledgeGraph, out: Path, options: RunOptions, summary: RunSummary) -> None:
    from kg.export.graphml import write_graphml
    from kg.export.rdf import write_turtle

    writers: list[tuple[str, Callable[[Path], None]]] = [
        ("graph.json", lambda p: p.write_text(json.dumps(to_node_link(graph), ensure_ascii=False), encoding="utf-8")),
        ("graph.graphml", lambda p: write_graphml(graph, p)),
        ("graph.ttl", lambda p: write_turtle(graph, p, base_iri=options.base_iri)),
    ]
    if options.view:
        from kg.export.view import write_html, write_png

        writers += [("graph.html", lambda p: write_html(graph, p)), ("graph.png", lambda p: write_png(graph, p))]
    for name, write in writers:
        path = out / name
        write_atomic(path, write)
        summary.files.append(path)
