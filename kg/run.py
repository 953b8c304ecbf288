"""``kg extract`` as a library call: documents in, every output file written, a summary back.

One run at a time writes into an output folder (:func:`kg.output_set.lock`), and nothing it
writes can be seen half-written or mixed with the previous run's files: every output
(``triples.jsonl`` growing as documents finish, then the graph files and ``report.json``) is
written into a private staging folder and the whole set is renamed into place only when every
file is complete (:class:`kg.output_set.OutputSet`), so a failed or interrupted run leaves the
previous complete set, or none. Meanwhile each finished document's result is saved in
``OUTDIR/.kg-state`` (see :mod:`kg.state`), which is what ``--resume`` continues from
and what ``--append`` (:mod:`kg.append`) builds on. Before anything is written, :mod:`kg.outdir`
refuses a missing input path and an OUTDIR that holds something other than this run's output.
The documents are merged into a :class:`kg.store.GraphStore`, an SQLite file in the staging
folder that holds the statements and edges, so the process's memory follows the entities, not
the archive; the graph files are written from it and it is deleted with the staging folder.
"""

from __future__ import annotations

import errno
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kg.append import Append
from kg.collector import fewer_collections
from kg.corpus import settle
from kg.engine import DEFAULT_DOC_TIMEOUT, run_documents
from kg.export.jsonl import rewrite_merged_entities, write_triples
from kg.files import write_atomic  # noqa: F401 - kept importable from here for callers
from kg.graph import ENTITY_LABELS, KnowledgeGraph, save_graph
from kg.model import DocResult, Document, Skip
from kg.outdir import OutputError, check_inputs, check_outdir, saved_settings
from kg.output_set import OutputSet, lock, recover
from kg.sources import DEFAULT_MAX_CHARS, iter_documents
from kg.state import ResumeError, RunState
from kg.store import GraphStore

STORE_NAME = ".graph-store.sqlite"  # the merge's store, in the run's staging folder (never an output)
# A store with at most this many edges is loaded into memory once for GraphML, Turtle and the view
# (the same bytes, ~0.1 s less CPU for the 84 PolNeAR dev articles, 8,849 edges, than reading the
# file three times). In memory the graph takes ~3 kB an edge (28 MB for those articles), ~65 MB at
# the limit; a larger store is read from its file, so memory stays bounded however big the archive.
IN_MEMORY_EDGES = 20_000

__all__ = ["OutputError", "ResumeError", "RunOptions", "RunSummary", "run_extract", "write_atomic"]


@dataclass
class RunOptions:
    """How to run ``kg extract``; the defaults are the command line's."""

    out_dir: str | Path
    model: str | None = None
    view: bool = True
    base_iri: str | None = None
    processes: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    workers: int | None = None
    resume: bool = False
    append: bool = False  # add the documents to out_dir's graph (kg.append)
    force: bool = False  # overwrite out_dir even if it holds something else (kg.outdir)
    strict: bool = False
    max_chars: int | None = None
    progress: bool = True
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT


@dataclass
class RunSummary:
    """What a run did; ``stopped_by`` is the skip that ended a ``strict`` run early."""

    read: int = 0
    extracted: int = 0
    resumed: int = 0
    kept: int = 0  # --append: documents already in the output folder, kept
    already_present: int = 0  # --append: inputs left out because the output folder holds them
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: int = 0
    triples_by_relation: Counter = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)
    stopped_by: Skip | None = None


Item = Document | Skip
OUTPUT_NAMES = ("triples.jsonl", "graph.json", "graph.graphml", "graph.ttl", "graph.html", "graph.png", "report.json")


def _remove_torn_temporaries(out: Path) -> None:
    """Delete the temporary files a killed run left behind (``.graph.k3j2.ttl``, ``.triples.jsonl.partial``)."""
    for name in OUTPUT_NAMES:
        path = Path(name)
        for torn in out.glob(f".{path.stem}.*{path.suffix}"):
            torn.unlink(missing_ok=True)
    (out / ".triples.jsonl.partial").unlink(missing_ok=True)


def _progress(items: Iterable, enabled: bool) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", desc="extract", leave=False, mininterval=0.5, delay=1.0)


def _settings(paths: list[str], options: RunOptions, max_chars: int) -> dict[str, Any]:
    """What must not change between an interrupted run and its resume."""
    inputs = [p if p == "-" else str(Path(p).resolve()) for p in paths]
    return {"inputs": inputs, "model": options.model, "max_chars": max_chars}


class _Feed:
    """The documents handed to the engine; in a strict run, none after the first skip.

    The engine may return a skip before the results of documents read just before it (it
    parses in batches), so a strict run does not stop reading results at the first skip: it
    stops *feeding*, and keeps every result of what was already fed.
    """

    def __init__(self, items: Iterator[Document | Skip], *, strict: bool) -> None:
        self.items = items
        self.strict = strict
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True

    def __iter__(self) -> Iterator[Document | Skip]:
        for item in self.items:
            if self.stopped:
                return
            yield item
            if self.strict and isinstance(item, Skip):
                return


class _Collector:
    """Takes each result or skip as it arrives: graph, triples stream, state and summary."""

    def __init__(self, summary: RunSummary, graph: KnowledgeGraph, stream: IO[str]) -> None:
        self.summary = summary
        self.graph = graph
        self.stream = stream
        self.pending: dict[str, list[str]] = defaultdict(list)

    def warn(self, doc: str, _source: str, message: str) -> None:
        self.pending[doc].append(message)

    def result(self, result: DocResult, *, counted: bool = True) -> None:
        """Take one result; ``counted=False`` for a kept one of ``--append``, which this run did not read."""
        s = self.summary
        s.read += counted
        s.extracted += counted
        s.warnings.extend(f"{result.document.id}: {w}" for w in result.warnings)
        self.graph.add(result)
        write_triples(result.triples, self.stream)
        self.stream.flush()
        s.triples_by_relation.update(t.relation for t in result.triples)

    def skip(self, skip: Skip) -> None:
        self.summary.read += 1
        self.summary.skipped.append(skip)
        self.summary.warnings.extend(f"{skip.doc}: {w}" for w in self.pending.pop(skip.doc, []))


def run_extract(paths: Iterable[str], options: RunOptions) -> RunSummary:
    """Extract every document under ``paths`` and write all outputs into ``options.out_dir``.

    The folder is locked for the run (:func:`kg.output_set.lock`) and the outputs replace the
    previous ones as one set, only once every file is complete (:class:`kg.output_set.OutputSet`).

    Raises:
        ResumeError: ``options.resume`` with inputs or settings other than the saved run's.
        OutputError: an input path that does not exist, or an output folder the run would
            spoil (see :mod:`kg.outdir`); raised before anything is written.
        AppendError: ``options.append`` with another model or size limit than the folder's.
        OutdirBusy: another kg process is writing into ``options.out_dir``.
        OSError: an output could not be written (disk full…); the previous outputs are kept.
        ValueError: a bad option (``base_iri``, ``processes``…), before anything is read.
    """
    paths = list(paths)
    _check_options(options)
    max_chars = options.max_chars or DEFAULT_MAX_CHARS
    settings = _settings(paths, options, max_chars)
    _check_before_writing(paths, Path(options.out_dir), settings, options)
    with lock(Path(options.out_dir)) as out:
        _check_before_writing(paths, out, settings, options)  # again, now that no other run can change it
        recover(out)
        _remove_torn_temporaries(out)
        with OutputSet(out) as outputs, fewer_collections():
            summary = _extract_into(paths, options, out, outputs, settings)
            summary.files = outputs.commit()
    return summary


def _check_options(options: RunOptions) -> None:
    """Refuse bad options before a minute of extraction is spent (the IRI is only used at the end)."""
    if options.base_iri is not None:
        from kg.export.rdf import check_base_iri

        check_base_iri(options.base_iri)
    if options.processes is not None and options.processes < 1:
        raise ValueError(f"processes must be at least 1, not {options.processes}")
    if options.doc_timeout is not None and not options.doc_timeout > 0:
        raise ValueError(f"the document time limit must be a positive number of seconds, not {options.doc_timeout}")


def _extract_into(paths: list[str], options: RunOptions, out: Path, outputs: OutputSet,
                  settings: dict[str, Any]) -> RunSummary:
    summary = RunSummary()
    graph = GraphStore(outputs.staging / STORE_NAME)  # discarded with the staging folder
    try:
        _merge_into(graph, paths, options, out, outputs, settings, summary)
    finally:
        graph.close()
    return summary


def _merge_into(graph: GraphStore, paths: list[str], options: RunOptions, out: Path, outputs: OutputSet,
                settings: dict[str, Any], summary: RunSummary) -> None:
    max_chars: int = settings["max_chars"]
    state = RunState(out)
    append, replay, only_new = _begin_state(state, settings, options)
    staged_triples = outputs.path("triples.jsonl")
    try:
        with staged_triples.open("w", encoding="utf-8") as stream:
            collect = _Collector(summary, graph, stream)
            done: set[str] = set()
            for result in replay:
                done.add(result.document.id)
                if append:
                    summary.kept += 1
                else:
                    summary.resumed += 1
                collect.result(result, counted=not append)
            docs = only_new(iter_documents(paths, max_chars=max_chars, exclude=[out], on_warning=collect.warn))
            feed = _Feed((item for item in docs if not (isinstance(item, Document) and item.id in done)),
                         strict=options.strict)
            results = run_documents(feed, model=options.model, processes=options.processes, engine=options.engine,
                                    scheduler=options.scheduler, workers=options.workers,
                                    doc_timeout=options.doc_timeout)
            for item in _progress(results, options.progress):
                if isinstance(item, Skip):
                    collect.skip(item)
                    if options.strict and summary.stopped_by is None:
                        summary.stopped_by = item
                        feed.stop()
                    continue
                item.warnings.extend(collect.pending.pop(item.document.id, []))
                state.save(item)
                collect.result(item)
        summary.already_present = append.present if append else 0
    finally:
        state.close()
    merged = settle(graph)  # "Trump" of one article is the corpus's Donald Trump; open descriptions
    if merged:
        rewritten = staged_triples.with_name("triples.jsonl.merged")
        rewrite_merged_entities(staged_triples, rewritten, merged, graph.entity_nodes())
        os.replace(rewritten, staged_triples)
    summary.entities = sum(1 for d in graph.entity_nodes().values() if d.get("label") in ENTITY_LABELS)
    _write_graph_files(graph, outputs, options)
    report = report_data(summary, max_chars=max_chars)
    outputs.path("report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False),
                                           encoding="utf-8")


def _check_before_writing(paths: list[str], out: Path, settings: dict[str, Any], options: RunOptions) -> None:
    """Refuse, before anything is written, a run that would lose what the user has (kg.outdir)."""
    if options.append and (options.resume or options.force):
        raise OutputError("--append cannot be combined with --resume or --force")
    check_inputs(paths)
    check_outdir(out, settings, force=options.force, append=options.append, resume=options.resume)


def _begin_state(state: RunState, settings: dict[str, Any], options: RunOptions
                 ) -> tuple[Append | None, Iterable[DocResult], Callable[[Iterable[Item]], Iterable[Item]]]:
    """The append (if it is one), the saved results to replay first, and the new input's filter.

    A new run forgets the old state; ``--resume`` replays the interrupted run's results;
    ``--append`` replays the folder's results and leaves out inputs it holds (kg.append).
    """
    if options.append:
        append = Append.start(state, saved_settings(state.dir.parent) or {}, settings)
        return append, append.replay(), append.new_only
    if options.resume:
        return None, state.resume(settings), lambda items: items
    state.start(settings)
    return None, (), lambda items: items


def report_data(summary: RunSummary, *, max_chars: int) -> dict[str, Any]:
    """``report.json``: counts, every skipped document with its reason, every warning."""
    def skip_json(s: Skip) -> dict[str, Any]:
        return {"doc": s.doc, "reason": s.reason, "source": s.source}

    return {
        "read": summary.read, "extracted": summary.extracted, "resumed": summary.resumed,
        "kept": summary.kept, "already_present": summary.already_present,
        "skipped": [skip_json(s) for s in summary.skipped],
        "stopped_by": skip_json(summary.stopped_by) if summary.stopped_by else None,
        "warnings": summary.warnings, "entities": summary.entities,
        "triples": dict(summary.triples_by_relation), "max_chars": max_chars,
    }


def _write_graph_files(graph: GraphStore | KnowledgeGraph, outputs: OutputSet, options: RunOptions) -> None:
    from kg.export.graphml import write_graphml
    from kg.export.rdf import write_turtle

    # graph.json is spliced from the store's own JSON text (faster than from memory); the rest
    # read a small store from memory (:data:`IN_MEMORY_EDGES`)
    whole: KnowledgeGraph | GraphStore = graph
    if isinstance(graph, GraphStore) and graph.edge_count() <= IN_MEMORY_EDGES:
        whole = graph.to_knowledge_graph()
    writers: list[tuple[str, Callable[[Path], None]]] = [
        ("graph.json", lambda p: save_graph(graph, p)),
        ("graph.graphml", lambda p: write_graphml(whole, p)),
        ("graph.ttl", lambda p: write_turtle(whole, p, base_iri=options.base_iri)),
    ]
    if options.view:
        from kg.export.view import prepare_view
        from kg.export.view_page import write_page
        from kg.export.view_picture import write_picture

        view: list[Any] = []  # one fold and one layout for the page and the picture, made after the graph
        # files so the fold's memory (every statement of the graph) does not add to theirs

        def prepared() -> Any:
            if not view:
                view.append(prepare_view(whole.reader() if isinstance(whole, GraphStore) else whole))
            return view[0]

        writers += [("graph.html", lambda p: write_page(prepared(), p)),
                    ("graph.png", lambda p: write_picture(prepared(), p))]
    for name, write in writers:
        try:
            write(outputs.path(name))
        except OSError:
            raise
        except Exception as err:  # a writer's own wrapping of a failed write (lxml: IO_EFBIG, IO_ENOSPC)
            raise OSError(errno.EIO, f"{name}: {type(err).__name__}: {err}") from err
