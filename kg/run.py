"""``kg extract`` as a library call: documents in, every output file written, a summary back.

Nothing a run writes can be seen half-written: ``triples.jsonl`` grows in a hidden
``.triples.jsonl.partial`` that is renamed into place at the end, and every graph file is
written to a temporary file beside it and renamed (:func:`write_atomic`), so an interrupted
run leaves the previous complete files, or none. Meanwhile each finished document's result is
saved in ``OUTDIR/.kg-state`` (see :mod:`kg.state`), which is what ``--resume`` continues from
and what ``--append`` (:mod:`kg.append`) builds on. Before anything is written, :mod:`kg.outdir`
refuses a missing input path and an OUTDIR that holds something other than this run's output.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kg.append import Append
from kg.engine import run_documents
from kg.export.jsonl import rewrite_merged_entities, write_triples
from kg.files import write_atomic
from kg.graph import ENTITY_LABELS, KnowledgeGraph, save_graph
from kg.model import DocResult, Document, Skip
from kg.outdir import OutputError, check_inputs, check_outdir, saved_settings
from kg.sources import DEFAULT_MAX_CHARS, iter_documents
from kg.state import ResumeError, RunState

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

    Raises:
        ResumeError: ``options.resume`` with inputs or settings other than the saved run's.
        OutputError: an input path that does not exist, or an output folder the run would
            spoil (see :mod:`kg.outdir`); raised before anything is written.
        AppendError: ``options.append`` with another model or size limit than the folder's.
    """
    paths = list(paths)
    out = Path(options.out_dir)
    max_chars = options.max_chars or DEFAULT_MAX_CHARS
    settings = _settings(paths, options, max_chars)
    _check_before_writing(paths, out, settings, options)
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    graph = KnowledgeGraph()
    _remove_torn_temporaries(out)
    state = RunState(out)
    append, replay, only_new = _begin_state(state, settings, options)
    triples_path = out / "triples.jsonl"
    tmp_triples = out / ".triples.jsonl.partial"
    try:
        with tmp_triples.open("w", encoding="utf-8") as stream:
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
                                    scheduler=options.scheduler, workers=options.workers)
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
        merged = graph.merge_short_names()  # "Trump" of one article is the corpus's Donald Trump
        if merged:
            write_atomic(triples_path, lambda p: rewrite_merged_entities(tmp_triples, p, merged, graph.graph.nodes))
            tmp_triples.unlink()
        else:
            os.replace(tmp_triples, triples_path)
    except BaseException:
        tmp_triples.unlink(missing_ok=True)
        raise
    finally:
        state.close()
    summary.files.append(triples_path)
    summary.entities = sum(1 for _, d in graph.graph.nodes(data=True)
                           if d.get("label") in ENTITY_LABELS)
    _write_graph_files(graph, out, options, summary)
    report_path = out / "report.json"
    report = report_data(summary, max_chars=max_chars)
    write_atomic(report_path, lambda p: p.write_text(json.dumps(report, indent=2, ensure_ascii=False),
                                                     encoding="utf-8"))
    summary.files.append(report_path)
    return summary


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


def _write_graph_files(graph: KnowledgeGraph, out: Path, options: RunOptions, summary: RunSummary) -> None:
    from kg.export.graphml import write_graphml
    from kg.export.rdf import write_turtle

    writers: list[tuple[str, Callable[[Path], None]]] = [
        ("graph.json", lambda p: save_graph(graph, p)),
        ("graph.graphml", lambda p: write_graphml(graph, p)),
        ("graph.ttl", lambda p: write_turtle(graph, p, base_iri=options.base_iri)),
    ]
    if options.view:
        from kg.export.view import prepare_view
        from kg.export.view_page import write_page
        from kg.export.view_picture import write_picture

        view = prepare_view(graph)  # one fold and one layout for the page and the picture
        writers += [("graph.html", lambda p: write_page(view, p)), ("graph.png", lambda p: write_picture(view, p))]
    for name, write in writers:
        path = out / name
        write_atomic(path, write)
        summary.files.append(path)
