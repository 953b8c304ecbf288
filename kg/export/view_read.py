"""Where the view's fold reads the graph: a networkx graph, or the run's SQLite store one entity at a time.

The fold (:mod:`kg.export.view`) reads, for each entity in creation order, its out-edges in
networkx's order as *facts* ``(target, relation, doc, edge, target's data, outs)``: ``doc`` is the
edge's document (else the target's), ``outs`` the (entity, relation) pairs a SAID or FOUND
statement reaches (MENTIONS, ADDRESSED_TO, IN_REPORT) in order. IN_ARTICLE and MENTIONS edges of
an entity are left out (the fold skips them), and MENTIONED_IN edges are given only when asked.

:class:`StoreReader` asks SQLite for one entity's facts with their statements' nodes and outs in
one query, and leaves the edge and statement as JSON text until the fold needs them (:func:`as_dict`):
nothing of the archive is held beyond one entity's edges, so the fold's memory follows the page it
keeps, not the archive.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterator
from sys import intern
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.store import GraphStore

# (target, relation, doc, edge attributes, target's attributes, outs); attributes may be JSON text
Fact = tuple[str, Any, Any, Any, Any, Any]
STATEMENT_RELATIONS = ("SAID", "FOUND")
_OUTS = ("MENTIONS", "ADDRESSED_TO", "IN_REPORT")


def as_dict(data: Any) -> dict[str, Any]:
    """Attributes as a dict, decoding the store's JSON text."""
    return json.loads(data) if isinstance(data, str) else data


class GraphReader:
    """A networkx graph's adjacency (its documented ``_node``/``_succ`` dicts, not its edge views:
    a 10,000-article graph has a million edges)."""

    def __init__(self, graph: KnowledgeGraph) -> None:  # noqa: D107
        g = graph.graph
        self._nodes, self._succ = g._node, g._succ
        self.node = self._nodes.__getitem__

    def labelled(self, labels: Container[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Nodes with one of ``labels``, in creation order."""
        return ((node, data) for node, data in self._nodes.items() if data.get("label") in labels)

    def has_mentions(self, entities: Container[str]) -> bool:
        """Whether a statement (any node but ``entities``) has a MENTIONS edge."""
        return any(data.get("type") == "MENTIONS" for source, targets in self._succ.items() if source not in entities
                   for keyed in targets.values() for data in keyed.values())

    def facts(self, source: str, *, mentioned_in: bool = True, evidence: bool = True) -> Iterator[Fact]:
        """``source``'s facts; without ``evidence`` a reader may leave a statement's edge and node out (None)."""
        node_data, succ = self._nodes, self._succ
        for target, keyed in succ[source].items():
            for data in keyed.values():
                rel = data.get("type")
                if rel == "MENTIONED_IN":
                    if mentioned_in:
                        yield target, rel, data.get("doc"), data, None, ()
                    continue
                if rel in ("IN_ARTICLE", "MENTIONS"):
                    continue
                tdata = node_data[target]
                outs: Any = ()
                if rel in STATEMENT_RELATIONS:
                    outs = [(other, odata.get("type")) for other, okeyed in succ[target].items()
                            for odata in okeyed.values() if odata.get("type") in _OUTS]
                yield target, rel, data.get("doc") or tdata.get("doc") or "", data, tdata, outs


_FACTS = """
SELECT e.key_seq, e.tgt, json_extract(e.data, '$.type') AS rel, json_extract(e.data, '$.doc'),
       CASE WHEN json_extract(e.data, '$.type') IN ({bare}) THEN NULL ELSE e.data END,
       {statement}, json_extract(n.data, '$.doc'), o.tgt, json_extract(o.data, '$.type')
FROM edges AS e
LEFT JOIN nodes AS n ON json_extract(e.data, '$.type') IN ('SAID', 'FOUND') AND n.id = e.tgt
LEFT JOIN edges AS o ON o.src = n.id AND json_extract(o.data, '$.type') IN ('MENTIONS', 'ADDRESSED_TO', 'IN_REPORT')
WHERE e.src = ? AND ifnull(json_extract(e.data, '$.type'), '') NOT IN ({skip})
ORDER BY e.pair_seq, e.key_seq, o.pair_seq, o.key_seq
"""
# (MENTIONED_IN edges wanted, evidence wanted) -> query; without evidence a statement's edge and
# node are not read (the sort then moves ints and ids, not sentences)
_QUERIES = {
    (mentioned_in, evidence): _FACTS.format(
        skip="'IN_ARTICLE', 'MENTIONS'" + ("" if mentioned_in else ", 'MENTIONED_IN'"),
        bare="'MENTIONED_IN'" + ("" if evidence else ", 'SAID', 'FOUND'"),
        statement="n.data" if evidence else "NULL")
    for mentioned_in in (True, False) for evidence in (True, False)}


class StoreReader:
    """A :class:`kg.store.GraphStore` read as :class:`GraphReader` reads networkx, one entity's
    edges per query (with their statements' nodes and outs joined in), without loading the graph."""

    def __init__(self, store: GraphStore) -> None:  # noqa: D107
        self.store = store
        self._entities = store.entity_nodes()
        self.node = self._node
        store._index()  # the edges' (src, tgt, key) index: one entity's edges, one statement's outs

    def _node(self, node: str) -> dict[str, Any]:
        data = self.store.node_data(node)
        if data is None:
            raise KeyError(node)
        return data

    def labelled(self, labels: Container[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Nodes with one of ``labels``, in creation order (each kind apart: the entities are in
        memory, articles and statements in the file)."""
        yield from ((node, data) for node, data in list(self._entities.items()) if data.get("label") in labels)
        stored = [label for label in ("Article", "Quote", "Finding") if label in labels]
        if stored:
            marks = ", ".join("?" * len(stored))
            query = f"SELECT id, data FROM nodes WHERE json_extract(data, '$.label') IN ({marks}) ORDER BY seq"
            for node, text in self.store.db.execute(query, stored):
                yield node, json.loads(text)

    def has_mentions(self, entities: Container[str]) -> bool:
        rows = self.store.db.execute("SELECT src FROM edges WHERE json_extract(data, '$.type') = 'MENTIONS'")
        return any(source not in entities for (source,) in rows)

    def facts(self, source: str, *, mentioned_in: bool = True, evidence: bool = True) -> Iterator[Fact]:
        entities = self._entities
        rows = self.store.db.execute(_QUERIES[mentioned_in, evidence], (source,))
        edge: Any = None
        outs: list[tuple[str, Any]] = []
        for key_seq, target, rel, doc, data, tdata, tdoc, other, orel in rows:
            if edge is None or key_seq != edge[0]:
                if edge is not None:
                    yield edge[1]
                if rel in STATEMENT_RELATIONS:
                    outs = []
                    fact_doc = doc or tdoc or ""
                    edge = (key_seq, (target, rel, intern(fact_doc) if isinstance(fact_doc, str) else fact_doc,
                                      data, tdata, outs))
                else:
                    known = entities.get(target)
                    fact_doc = doc if rel == "MENTIONED_IN" else doc or (known or {}).get("doc") or ""
                    # a document's id is one string however many sets hold it (kept entities' and links' articles)
                    edge = (key_seq, (target, rel, intern(fact_doc) if isinstance(fact_doc, str) else fact_doc,
                                      data, known, ()))
            if other is not None:
                outs.append((other, orel))
        if edge is not None:
            yield edge[1]


def reader_of(graph: KnowledgeGraph) -> GraphReader | StoreReader:
    """The reader for ``graph``: a store (or a store's :meth:`~kg.store.GraphStore.reader`) is read from its file."""
    from kg.store import GraphStore, StoredGraph

    if isinstance(graph, GraphStore):
        return StoreReader(graph)
    if isinstance(graph.graph, StoredGraph):
        return StoreReader(graph.graph.store)
    return GraphReader(graph)
