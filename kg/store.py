"""The merge on disk: a knowledge graph whose statements and edges live in SQLite, not in memory.

A run over a large archive merges every document into one graph in one process. Kept in a
networkx graph, each short document costs that process ~8.6 KB for good (its article,
statements, their edges and texts: measured with tracemalloc on 12,000 short documents), so
memory grows with the archive. :class:`GraphStore` keeps in memory only what merging needs,
which grows with the *entities*: the entity and role nodes (name, aliases, mention count,
articles named in), the pairs of entities already linked and their edges' keys. Everything
per document (Article, Quote and Finding nodes, every edge and its evidence) is written to an
SQLite file (Python's own ``sqlite3``) as each document is added, as compact JSON rows.

Its output is exactly the in-memory graph's: it is built by the same code
(:class:`kg.graph.KnowledgeGraph` with the node and edge writes redirected), and every row
carries the order networkx would iterate it in (the node's creation number; for an edge, its
source's number, the number of the source/target pair's first edge and its own), so
``graph.json``, GraphML and RDF written from the store are byte-identical to those written
from the networkx graph. :meth:`GraphStore.merge_short_names` replays networkx's own edge moves
(in-edges then out-edges, appended to the target, MENTIONED_IN counts summed on a clash).

Reading: :meth:`~GraphStore.node_items` and :meth:`~GraphStore.edge_items` stream the whole
graph in order; :meth:`~GraphStore.doc_part` is one article's part as a networkx-backed
:class:`KnowledgeGraph`; :meth:`~GraphStore.to_knowledge_graph` the whole of it in memory.
"""

from __future__ import annotations

import errno
import functools
import heapq
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.graph import ENTITY_LABELS, KnowledgeGraph, add_mentions, article_id, unite_forms
from kg.model import DocResult, OpenDescription

if TYPE_CHECKING:
    import networkx as nx

# nodes that belong to one article and go to disk; every other label (entities, roles) stays in memory
DOC_LABELS = frozenset(("Article", "Quote", "Finding"))
_BATCH = 2_000  # documents per transaction
_LIGHT = 2  # attributes an edge between entities may have and still be kept in memory

_SCHEMA = """
CREATE TABLE nodes (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE edges (src_seq INTEGER NOT NULL, pair_seq INTEGER NOT NULL, key_seq INTEGER NOT NULL,
                    src TEXT NOT NULL, tgt TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE open_descriptions (doc TEXT PRIMARY KEY, data TEXT NOT NULL);
"""


def _disk(method: Callable[..., Any]) -> Callable[..., Any]:
    """SQLite's own error for a failed write (a full disk, a file size limit) as the OSError
    every other output raises, so a run reports it in one line and keeps the previous outputs."""
    @functools.wraps(method)
    def wrapped(self: GraphStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as err:
            code = errno.ENOSPC if "full" in str(err) else errno.EIO
            raise OSError(code, f"the graph store could not be written: {err}", str(self.path)) from err
    return wrapped


@dataclass
class TypeCounts:
    """How many nodes (or edges) there are, and per attribute the types of its values, counted."""

    total: int
    types: dict[str, Counter[type]]


class _DocBuffer:
    """One document's new nodes and edges, until :meth:`GraphStore.add` writes them."""

    __slots__ = ("descriptions", "doc", "edges", "nodes", "pairs")

    def __init__(self, doc: str) -> None:
        self.doc = doc
        self.descriptions: list[OpenDescription] = []
        self.nodes: dict[str, list[Any]] = {}  # id -> [seq, data]
        self.edges: dict[tuple[str, str, str], list[Any]] = {}  # (u, v, key) -> [src_seq, pair_seq, key_seq, data]
        self.pairs: dict[tuple[str, str], int] = {}


class GraphStore(KnowledgeGraph):
    """A :class:`KnowledgeGraph` whose per-document nodes and all edges are rows of an SQLite file.

    ``path`` is a new file (a run puts it in its staging folder); :meth:`close` when done.
    """

    def __init__(self, path: str | Path) -> None:  # noqa: D107 - the class says it
        super().__init__()
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-32000", "temp_store=FILE"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.executescript(_SCHEMA)
        self._seqs: dict[str, int] = {}  # entity or role id -> creation number
        self._data: dict[str, dict[str, Any]] = {}  # entity or role id -> its attributes (networkx's order)
        self._pairs: dict[tuple[str, str], int] = {}  # (entity, entity) -> first edge's number
        # edges between two entities, with their attributes when they are few (AUTHORED_BY: met
        # again in every article that cites the report, so a repeat is judged without reading its row)
        self._links: dict[tuple[str, str, str], dict[str, Any] | None] = {}
        self._articles: Counter[str] = Counter()  # entity -> articles it is named in (MENTIONED_IN edges)
        self._next = 0
        self._buffer: _DocBuffer | None = None
        self._pending = 0
        self._indexed = False
        self._by_doc = False
        self._gone: set[str] = set()  # nodes merged away, until _after_merge forgets their pairs
        self.db.execute("BEGIN")

    def open_descriptions(self) -> list[OpenDescription]:
        """The descriptions the added articles left open, read back from the file in doc order."""
        rows = self.db.execute("SELECT data FROM open_descriptions ORDER BY doc")
        return [OpenDescription.from_json(d) for (data,) in rows for d in json.loads(data)]

    # -- numbering ------------------------------------------------------------------
    def _tick(self) -> int:
        self._next += 1
        return self._next

    def _seq(self, node: str) -> int:
        seq = self._seqs.get(node)
        if seq is None:
            assert self._buffer is not None
            seq = self._buffer.nodes[node][0]
        return seq

    # -- building (the writes KnowledgeGraph.add makes, redirected) -----------------
    def add(self, result: DocResult) -> None:
        """Merge one document; adding the same document again is a no-op."""
        doc = result.document
        art = article_id(doc.id)
        if self.db.execute("SELECT 1 FROM nodes WHERE id = ?", (art,)).fetchone():
            return
        self._buffer = buffer = _DocBuffer(doc.id)
        self._touched = set()
        self._node(art, label="Article", name=doc.title or doc.id, doc=doc.id, url=doc.url or "", date=doc.date or "")
        for entity in result.entities:
            self._entity(entity.id, entity.type, entity.name, aliases=entity.aliases)
            count = len(entity.mentions)
            if count:
                key = f"MENTIONED_IN:{doc.id}"
                old = buffer.edges.get((entity.id, art, key))
                before = old[3].get("count", 0) if old else 0
                self._edge(entity.id, art, "MENTIONED_IN", key=key, count=count, doc=doc.id,
                           forms=entity.forms())
                self._mention_totals[entity.id] = self._mention_totals.get(entity.id, 0) - before + count
                if old is None:
                    self._articles[entity.id] += 1
        for triple in result.triples:
            self._triple(triple, art)
        self._recount_mentions(self._touched)
        buffer.descriptions = list(result.descriptions)  # decided across the corpus (kg.corpus.settle)
        self._write(buffer)
        self._buffer = None

    @_disk
    def _write(self, buffer: _DocBuffer) -> None:
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        self.db.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?)",
                            [(seq, node, buffer.doc, dumps(data)) for node, (seq, data) in buffer.nodes.items()])
        self.db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [(s, p, k, u, v, key, buffer.doc, dumps(data))
                             for (u, v, key), (s, p, k, data) in buffer.edges.items()])
        if buffer.descriptions:  # on disk too: they would grow with the archive until the corpus settles
            self.db.execute("INSERT INTO open_descriptions VALUES (?, ?)",
                            (buffer.doc, dumps([d.to_json() for d in buffer.descriptions])))
        self._pending += 1
        if self._pending >= _BATCH:
            self._commit()

    @_disk
    def _commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")
        self._pending = 0

    def _node(self, node_id: str, **attrs: Any) -> None:
        data = self._data.get(node_id)
        if data is None and self._buffer is not None and node_id in self._buffer.nodes:
            data = self._buffer.nodes[node_id][1]
        if data is not None:
            data.update({k: v for k, v in attrs.items() if v not in (None, "")})
        elif attrs.get("label") in DOC_LABELS:
            assert self._buffer is not None, "articles and statements are added with their document"
            self._buffer.nodes[node_id] = [self._tick(), dict(attrs)]
        else:
            self._seqs[node_id] = self._tick()
            self._data[node_id] = dict(attrs)

    def _entity(self, node_id: str, label: str, name: str, *, aliases: Iterable[str] = ()) -> None:
        self._touched.add(node_id)
        data = self._data.get(node_id)
        if data is not None:
            data["aliases"] = sorted(set(data.get("aliases", [])) | set(aliases) | {name})
            if len(name) > len(data.get("name", "")):
                data["name"] = name
        else:
            self._node(node_id, label=label, name=name, aliases=sorted(set(aliases) | {name}), mentions=0)

    def _edge(self, source: str, target: str, rel: str, *, key: str, **attrs: Any) -> None:
        data = {"type": rel, **{k: v for k, v in attrs.items() if v is not None}}
        buffer = self._buffer
        assert buffer is not None, "edges are added with their document"
        edge = (source, target, key)
        known = buffer.edges.get(edge)
        if known is not None:
            known[3].update(data)
            return
        between_entities = source in self._seqs and target in self._seqs
        if between_entities and edge in self._links:  # an edge of an earlier document, met again (AUTHORED_BY)
            light = self._links[edge]
            if light is None or {**light, **data} != light:
                self._update_row(edge, data)
                self._links[edge] = None
            return
        pair = (source, target)
        pair_seq = buffer.pairs.get(pair) or (self._pairs.get(pair) if between_entities else None)
        if pair_seq is None:
            pair_seq = buffer.pairs[pair] = self._tick()
            if between_entities:
                self._pairs[pair] = pair_seq
        if between_entities:
            self._links[edge] = data if len(data) <= _LIGHT else None
        buffer.edges[edge] = [self._seq(source), pair_seq, self._tick(), data]

    def _update_row(self, edge: tuple[str, str, str], data: dict[str, Any]) -> None:
        row = self.db.execute("SELECT rowid, data FROM edges WHERE src = ? AND tgt = ? AND key = ?", edge).fetchone()
        if row is None:
            return
        old = json.loads(row[1])
        new = {**old, **data}
        if new != old:
            self.db.execute("UPDATE edges SET data = ? WHERE rowid = ?", (json.dumps(new, ensure_ascii=False), row[0]))

    def _mention_total(self, node: str) -> int:
        return self._mention_totals.get(node, 0)

    def _recount_mentions(self, nodes: Iterable[str] | None = None) -> None:
        for node in self._data if nodes is None else nodes:
            data = self._data.get(node)
            if data is not None and data.get("label") in ENTITY_LABELS:
                data["mentions"] = max(self._mention_total(node), 1)

    # -- the corpus-wide merge --------------------------------------------------------
    def _entity_items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        return iter(list(self._data.items()))

    def _article_counts(self) -> Counter[str]:
        return self._articles

    @_disk
    def _named_in(self, node: str) -> set[str]:
        self._index()
        rows = self.db.execute("SELECT doc FROM edges WHERE src = ? AND key LIKE 'MENTIONED_IN:%'", (node,))
        return {row[0] for row in rows}

    @_disk
    def _index(self) -> None:
        if not self._indexed:
            self.db.execute("CREATE INDEX edges_src ON edges (src, tgt, key)")
            self.db.execute("CREATE INDEX edges_tgt ON edges (tgt)")
            self._indexed = True

    @_disk
    def _merge_node(self, node: str, target: str) -> None:
        """networkx's move of ``node``'s edges onto ``target`` (see KnowledgeGraph._merge_node), row by row."""
        self._index()
        db = self.db
        data, tdata = self._data[node], self._data[target]
        tdata["aliases"] = sorted(set(tdata.get("aliases", [])) | set(data.get("aliases", [])) | {data.get("name", "")})
        columns = "src, tgt, key, doc, data"
        moved = (db.execute(f"SELECT {columns} FROM edges WHERE tgt = ? ORDER BY pair_seq, key_seq", (node,)).fetchall()
                 + db.execute(f"SELECT {columns} FROM edges WHERE src = ? ORDER BY pair_seq, key_seq",
                              (node,)).fetchall())
        target_seq = self._seqs[target]
        for u, v, key, doc, text in moved:
            u2, v2 = (target if u == node else u), (target if v == node else v)
            attrs = json.loads(text)
            clash = db.execute("SELECT rowid, data FROM edges WHERE src = ? AND tgt = ? AND key = ?",
                               (u2, v2, key)).fetchone()
            if clash is not None:
                old = json.loads(clash[1])
                if add_mentions(old, attrs):
                    db.execute("UPDATE edges SET data = ? WHERE rowid = ?",
                               (json.dumps(old, ensure_ascii=False), clash[0]))
                continue
            pair = db.execute("SELECT pair_seq FROM edges WHERE src = ? AND tgt = ? LIMIT 1", (u2, v2)).fetchone()
            pair_seq = pair[0] if pair else self._tick()
            src_seq = target_seq if u2 == target else self._node_seq(u2)
            db.execute("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (src_seq, pair_seq, self._tick(), u2, v2, key, doc, text))
            if u2 in self._seqs and v2 in self._seqs:
                self._pairs.setdefault((u2, v2), pair_seq)
                self._links[(u2, v2, key)] = None
        db.execute("DELETE FROM edges WHERE src = ? OR tgt = ?", (node, node))
        self._mention_totals[target] = self._mention_total(target) + self._mention_totals.pop(node, 0)
        self._articles.pop(node, None)
        del self._data[node], self._seqs[node]
        self._gone.add(node)

    def _node_seq(self, node: str) -> int:
        seq = self._seqs.get(node)
        if seq is not None:
            return seq
        row = self.db.execute("SELECT seq FROM nodes WHERE id = ?", (node,)).fetchone()
        return int(row[0])

    def _after_merge(self) -> None:
        gone = self._gone
        if gone:
            self._pairs = {p: s for p, s in self._pairs.items() if p[0] not in gone and p[1] not in gone}
            self._links = {e: d for e, d in self._links.items() if e[0] not in gone and e[1] not in gone}
            gone.clear()
        self._recount_mentions()

    # -- reading ------------------------------------------------------------------------
    def _stored_nodes(self) -> Iterator[tuple[int, str, dict[str, Any]]]:
        for seq, node, text in self.db.execute("SELECT seq, id, data FROM nodes ORDER BY seq"):
            yield seq, node, json.loads(text)

    def node_items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every node and its attributes, in networkx's order (creation order)."""
        kept = ((self._seqs[n], n, d) for n, d in list(self._data.items()))
        for _seq, node, data in heapq.merge(kept, self._stored_nodes(), key=lambda item: item[0]):
            yield node, data

    def edge_items(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """Every edge as (source, target, key, attributes), in networkx's order."""
        for u, v, key, text in self.db.execute(
                "SELECT src, tgt, key, data FROM edges ORDER BY src_seq, pair_seq, key_seq"):
            yield u, v, key, json.loads(text)

    def node_json_items(self) -> Iterator[tuple[str, str]]:
        """:meth:`node_items` with the attributes as JSON text: the rows' own, not decoded."""
        encode = json.JSONEncoder(ensure_ascii=False).encode
        kept = ((self._seqs[n], n, d) for n, d in list(self._data.items()))
        stored = self.db.execute("SELECT seq, id, data FROM nodes ORDER BY seq")
        for _seq, node, data in heapq.merge(kept, stored, key=lambda item: item[0]):
            yield node, data if isinstance(data, str) else encode(data)

    def edge_json_items(self) -> Iterator[tuple[str, str, str, str]]:
        """:meth:`edge_items` with the attributes as JSON text: the rows' own, not decoded."""
        yield from self.db.execute("SELECT src, tgt, key, data FROM edges ORDER BY src_seq, pair_seq, key_seq")

    def attribute_types(self) -> tuple[TypeCounts, TypeCounts] | None:
        """For the nodes and for the edges: the number of them and, per attribute name, how many
        values of each Python type (as ``json.loads`` gives them) it holds; read by SQLite from
        the rows without decoding them in Python (GraphML declares a type per attribute). None
        when SQLite cannot read a row (a NaN written by Python's json)."""
        kinds = {"null": type(None), "true": bool, "false": bool, "integer": int, "real": float, "text": str,
                 "array": list, "object": dict}
        nodes: dict[str, Counter[type]] = {}
        for data in self._data.values():
            for name, value in data.items():
                nodes.setdefault(name, Counter())[type(value)] += 1
        counts = [TypeCounts(len(self._data), nodes), TypeCounts(0, {})]
        try:
            for i, table in enumerate(("nodes", "edges")):
                found = counts[i]
                found.total += self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for name, kind, count in self.db.execute(
                        f"SELECT j.key, j.type, count(*) FROM {table}, json_each({table}.data) AS j "
                        "GROUP BY j.key, j.type"):
                    found.types.setdefault(name, Counter())[kinds[kind]] += count
        except sqlite3.OperationalError:
            return None
        return counts[0], counts[1]

    def node_data(self, node: str) -> dict[str, Any] | None:
        """One node's attributes (None: no such node)."""
        data = self._data.get(node)
        if data is None:
            row = self.db.execute("SELECT data FROM nodes WHERE id = ?", (node,)).fetchone()
            data = json.loads(row[0]) if row else None
        return data

    def entity_nodes(self) -> dict[str, dict[str, Any]]:
        """The nodes kept in memory (entities and roles), id -> attributes, in creation order."""
        return self._data

    def docs(self) -> Iterator[str]:
        """Every article's document id, sorted."""
        for (doc,) in self.db.execute("SELECT DISTINCT doc FROM nodes ORDER BY doc"):
            yield doc

    @_disk
    def doc_rows(self, doc: str) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str, str], dict[str, Any]]]:
        """One article's part of the graph: its nodes, the edges its document added (or that a
        merge moved), and the entities and roles at their ends, as plain dicts (node -> attributes,
        (source, target, key) -> attributes) in networkx's order, without building a graph."""
        if not self._by_doc:
            self.db.execute("CREATE INDEX nodes_doc ON nodes (doc)")
            self.db.execute("CREATE INDEX edges_doc ON edges (doc)")
            self._by_doc = True
        own = [(seq, node, json.loads(text)) for seq, node, text in
               self.db.execute("SELECT seq, id, data FROM nodes WHERE doc = ?", (doc,))]
        rows = self.db.execute("SELECT src_seq, pair_seq, key_seq, src, tgt, key, data FROM edges WHERE doc = ?",
                               (doc,)).fetchall()
        ends = {n for row in rows for n in row[3:5] if n in self._data}
        found = own + [(self._seqs[n], n, self._data[n]) for n in ends]
        nodes = {node: data for _seq, node, data in sorted(found, key=lambda item: item[0])}
        edges = {}
        for *_order, u, v, key, text in sorted(rows):
            edges[(u, v, key)] = json.loads(text)
        return _with_ends(nodes, edges), edges

    def doc_part(self, doc: str) -> KnowledgeGraph:
        """:meth:`doc_rows` as an in-memory graph."""
        return _graph_of(*self.doc_rows(doc))

    def entity_rows(self) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str, str], dict[str, Any]]]:
        """The entities and roles with the edges among them, as :meth:`doc_rows` gives an article's."""
        edges = {}
        for u, v, key in sorted(self._links, key=lambda e: (self._seqs[e[0]], self._pairs[e[:2]])):
            row = self.db.execute("SELECT data FROM edges WHERE src = ? AND tgt = ? AND key = ?", (u, v, key))
            found = row.fetchone()
            if found:
                edges[(u, v, key)] = json.loads(found[0])
        return _with_ends(dict(self._data), edges), edges

    def entity_part(self) -> KnowledgeGraph:
        """:meth:`entity_rows` as an in-memory graph."""
        return _graph_of(*self.entity_rows())

    def roles_graph(self) -> nx.MultiDiGraph:
        """The entities and roles (in memory) with the HOLDS_ROLE edges (on disk), for the corpus's
        description linking (:func:`kg.corpus.settle`): small beside the statements."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for node, data in self._data.items():
            g.add_node(node, **data)
        for u, v, key, text in self.db.execute(
                "SELECT src, tgt, key, data FROM edges WHERE json_extract(data, '$.type') = 'HOLDS_ROLE' "
                "ORDER BY src_seq, pair_seq, key_seq"):
            g.add_edge(u, v, key=key, **json.loads(text))
        return g

    def _attributes(self, node: str) -> dict[str, Any]:
        """A node's attributes (kept in memory), to change in place."""
        return self._data[node]

    def add_aliases(self, aliases: dict[str, set[str]]) -> None:
        """More words for entities the corpus resolved, on the entities kept in memory."""
        for node, words in aliases.items():
            data = self._data.get(node)
            if data is not None:
                data["aliases"] = sorted(set(data.get("aliases", [])) | words)

    @_disk
    def add_forms(self, forms: dict[tuple[str, str], set[str]]) -> None:
        """More words an article used for an entity, found once the corpus settled: added to the
        ``forms`` of the entity's MENTIONED_IN edge for that article (on disk), when it has one."""
        if forms:
            self._index()
        for (node, doc), words in forms.items():
            row = self.db.execute("SELECT rowid, data FROM edges WHERE src = ? AND tgt = ? AND key = ?",
                                  (node, article_id(doc), f"MENTIONED_IN:{doc}")).fetchone()
            if row is None:
                continue
            data = json.loads(row[1])
            if unite_forms(data, words):
                self.db.execute("UPDATE edges SET data = ? WHERE rowid = ?",
                                (json.dumps(data, ensure_ascii=False), row[0]))

    def edge_count(self) -> int:
        """How many edges the file holds (whether the whole graph fits in memory)."""
        return self.db.execute("SELECT count(*) FROM edges").fetchone()[0]

    def to_knowledge_graph(self) -> KnowledgeGraph:
        """The whole graph in memory (a networkx graph one call away; large archives need the memory)."""
        import networkx as nx

        g = nx.MultiDiGraph()
        for node, data in self.node_items():
            g.add_node(node, **data)
        for u, v, key, data in self.edge_items():
            g.add_edge(u, v, key=key, **data)
        return KnowledgeGraph(g)

    def to_networkx(self) -> nx.MultiDiGraph:
        return self.to_knowledge_graph().graph

    def nodes(self, label: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        for node, data in self.node_items():
            if label is None or data.get("label") == label:
                yield node, data

    def edges(self, rel: str | None = None) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for u, v, _key, data in self.edge_items():
            if rel is None or data.get("type") == rel:
                yield u, v, data

    def counts(self) -> dict[str, Counter[str]]:
        return {"nodes": Counter(d.get("label", "?") for _, d in self.node_items()),
                "edges": Counter(d.get("type", "?") for _, _, _, d in self.edge_items())}

    def graph_attrs(self) -> dict[str, Any]:
        return {}

    def reader(self) -> KnowledgeGraph:
        """A :class:`KnowledgeGraph` whose ``graph`` reads this store as the view reads networkx
        (``_node``, ``_succ``, ``nodes``): the view is drawn without loading the graph."""
        return KnowledgeGraph(StoredGraph(self))  # type: ignore[arg-type]

    # the query methods on the whole graph, in memory (the CLI queries graph.json instead)
    def who_said(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        return self.to_knowledge_graph().who_said(*args, **kwargs)

    def roles(self, name: str | None = None) -> list[dict[str, Any]]:
        return self.to_knowledge_graph().roles(name)

    def findings(self, name: str | None = None) -> list[dict[str, Any]]:
        return self.to_knowledge_graph().findings(name)

    def statements(self) -> list[dict[str, Any]]:
        return self.to_knowledge_graph().statements()

    def mentioned(self, statement: str, about: str | None = None) -> list[str]:
        return self.to_knowledge_graph().mentioned(statement, about)

    @_disk
    def close(self) -> None:
        """Close the file (it stays on disk)."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self.db.close()


def _with_ends(nodes: dict[str, dict[str, Any]], edges: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, Any]]:
    """``nodes`` and, after them, any edge end they lack (with no attributes), as networkx adds them."""
    for u, v, _key in edges:
        for end in (u, v):
            if end not in nodes:
                nodes[end] = {}
    return nodes


def _graph_of(nodes: dict[str, dict[str, Any]], edges: dict[tuple[str, str, str], dict[str, Any]]) -> KnowledgeGraph:
    import networkx as nx

    g = nx.MultiDiGraph()
    for node, data in nodes.items():
        g.add_node(node, **data)
    for (u, v, key), data in edges.items():
        g.add_edge(u, v, key=key, **data)
    return KnowledgeGraph(g)


class _NodeMap(Mapping[str, dict[str, Any]]):
    """networkx's ``_node`` dict, read from a store (what :func:`kg.export.view.to_view` reads)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def __getitem__(self, node: str) -> dict[str, Any]:
        data = self.store.node_data(node)
        if data is None:
            raise KeyError(node)
        return data

    def __iter__(self) -> Iterator[str]:
        return (node for node, _data in self.store.node_items())

    def __len__(self) -> int:
        return len(self.store.entity_nodes()) + self.store.db.execute("SELECT count(*) FROM nodes").fetchone()[0]

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:  # type: ignore[override]
        return self.store.node_items()


class _SuccessorMap(Mapping[str, dict[str, dict[str, dict[str, Any]]]]):
    """networkx's ``_succ`` dict (node -> target -> key -> attributes), read from a store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def __getitem__(self, node: str) -> dict[str, dict[str, dict[str, Any]]]:
        self.store._index()
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for v, key, text in self.store.db.execute(
                "SELECT tgt, key, data FROM edges WHERE src = ? ORDER BY pair_seq, key_seq", (node,)):
            out.setdefault(v, {})[key] = json.loads(text)
        return out

    def __iter__(self) -> Iterator[str]:
        return (node for node, _targets in self.items())

    def __len__(self) -> int:
        return len(_NodeMap(self.store))

    def items(self) -> Iterator[tuple[str, dict[str, dict[str, dict[str, Any]]]]]:  # type: ignore[override]
        """Each node with out-edges and its targets, in order (nodes without any are left out)."""
        source: str | None = None
        targets: dict[str, dict[str, dict[str, Any]]] = {}
        for u, v, key, data in self.store.edge_items():
            if u != source:
                if source is not None:
                    yield source, targets
                source, targets = u, {}
            targets.setdefault(v, {})[key] = data
        if source is not None:
            yield source, targets


class StoredGraph:
    """The read side of a networkx graph that the view uses (``_node``, ``_succ``, ``nodes``),
    served from a :class:`GraphStore` without loading it."""

    def __init__(self, store: GraphStore) -> None:
        self._node = _NodeMap(store)
        self._succ = _SuccessorMap(store)
        self.graph: dict[str, Any] = {}
        self.store = store

    def nodes(self, data: bool = False) -> Iterator[Any]:
        return self.store.node_items() if data else iter(self._node)
