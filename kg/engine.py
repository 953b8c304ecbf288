"""Runs the pipeline over many documents: parse in size-bounded batches, extract, stream out.

Results come back in input order, one document at a time, so the caller can merge each
into the graph and append its triples to disk as it arrives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg import nlp as kg_nlp
from kg.model import DocResult, Document, Skip
from kg.pipeline import extract_document


def run_local(items: Iterable[Document | Skip], *, model: str | None = None) -> Iterator[DocResult | Skip]:
    """Parse and extract in this process; skips pass through in their place."""
    nlp = kg_nlp.load(model or kg_nlp.DEFAULT_MODEL)
    pending_skips: list[Skip] = []

    def texts() -> Iterator[tuple[str, object]]:
        for item in items:
            if isinstance(item, Skip):
                pending_skips.append(item)
                continue
            yield item.text, item

    for sdoc, document in kg_nlp.parse(nlp, texts()):
        while pending_skips:
            yield pending_skips.pop(0)
        try:
            yield extract_document(document, sdoc)
        except Exception as err:  # one bad article never stops a batch
            yield Skip(document.id, f"extraction failed: {type(err).__name__}: {err}", document.source)
    while pending_skips:
        yield pending_skips.pop(0)


def run_documents(items: Iterable[Document | Skip], *, model: str | None = None, processes: int | None = None,
                  engine: str = "local", scheduler: str | None = None, workers: int | None = None
                  ) -> Iterator[DocResult | Skip]:
    """The one entry point: results of every document, in input order, whatever the engine."""
    del processes, scheduler, workers  # multiprocess and Dask engines: issue 9
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}")
    return run_local(items, model=model)
