"""RDF export: the knowledge graph as linked data in the vocabulary of ``schemas/kg.ttl``.

Every extracted triple becomes a *statement* resource (kg:Quotation, kg:RoleAssignment,
kg:Finding) whose IRI comes from the triple's deterministic id, with provenance to the
character: kg:TextSpan resources whose W3C Web Annotation selectors give the offsets
(oa:TextPositionSelector) and the exact words (oa:TextQuoteSelector) in the article. Nothing
that must merge across runs is a blank node: entity, article, statement and span IRIs are all
derived from ids, so re-running on the same input gives the same IRIs.

The quads are built once, as pyoxigraph terms, and written by pyoxigraph's serialisers (Turtle,
TriG with one named graph per article, N-Triples, N-Quads): rdflib's Turtle serializer is two
orders of magnitude slower and grows faster than linearly (rdflib issue 2135). rdflib remains
the model for JSON-LD (with the context in ``schemas/context.jsonld``), parsing and validation.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pyoxigraph as ox

from kg.graph import ENTITY_LABELS, KnowledgeGraph
from kg.schemas_dir import schema_file
from kg.store import GraphStore
from kg.vocab import KG_NS, KG_TERMS, OA_NS, OA_TERMS, PREFIXES

if TYPE_CHECKING:  # rdflib is imported by the conversions that need it, not to write graph.ttl
    from rdflib import Dataset, Graph
    from rdflib.term import Node

DEFAULT_BASE_IRI = "https://kg.example.org/id/"

# format name -> (pyoxigraph format or None for rdflib, holds named graphs)
FORMATS: dict[str, tuple[ox.RdfFormat | None, bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (None, False),
}
SUFFIXES = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "jsonld": ".jsonld"}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
@cache
def _n(iri: str) -> ox.NamedNode:
    """A vocabulary term as a pyoxigraph node, made once."""
    return ox.NamedNode(iri)


class _Terms:
    """A closed vocabulary's terms as pyoxigraph nodes, each made once on first use (a misspelt
    term raises): a graph file uses ~100,000 terms, and rdflib's closed namespaces take
    microseconds per lookup and a tenth of a second to import."""

    def __init__(self, namespace: str, terms: tuple[str, ...]) -> None:
        self._namespace = namespace
        self._terms = frozenset(terms)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name not in self._terms:
            raise AttributeError(f"{name!r} is not a term of {self._namespace}")
        node = ox.NamedNode(self._namespace + name)
        setattr(self, name, node)
        return node


K = _Terms(KG_NS, KG_TERMS)
O = _Terms(OA_NS, OA_TERMS)  # noqa: E741 - the oa: prefix
_STATEMENT_CLASS = {"SAID": K.Quotation, "HOLDS_ROLE": K.RoleAssignment, "FOUND": K.Finding,
                    "MEMBER_OF": K.Membership}
_SUBJECT_PROPERTY = {"SAID": K.speaker, "HOLDS_ROLE": K.roleHolder, "FOUND": K.foundBy, "MEMBER_OF": K.member}
_DEFAULT_GRAPH = ox.DefaultGraph()
_TYPE = _n("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = _n("http://www.w3.org/2000/01/rdf-schema#label")
_INTEGER = _n(_XSD + "integer")
_DECIMAL = _n(_XSD + "decimal")


def check_base_iri(base_iri: str | None) -> str:
    """The base IRI to mint ids under, validated up front (absolute, ends in '/' or '#')."""
    base = DEFAULT_BASE_IRI if base_iri is None else base_iri
    if not _SCHEME.match(base):
        raise ValueError(f"base IRI {base!r} is not absolute (it needs a scheme such as https:)")
    if not base.endswith(("/", "#")):
        raise ValueError(f"base IRI {base!r} must end with '/' or '#' so ids can be appended")
    try:
        ox.NamedNode(base)
    except ValueError as err:
        raise ValueError(f"base IRI {base!r} is not a valid IRI: {err}") from None
    return base


def segment(text: str) -> str:
    """Percent-encode one path segment: any name gives a valid IRI, and '.'/'..' stay opaque."""
    encoded = quote(text, safe="-_~")  # urllib never encodes '.', so dot-only segments are done by hand
    return encoded.replace(".", "%2E") if not encoded.strip(".") else encoded


class IriMinter:
    """Stable IRIs from the graph's deterministic ids, under one base."""

    def __init__(self, base_iri: str | None = None) -> None:
        self.base = check_base_iri(base_iri)
        self._nodes: dict[str, ox.NamedNode] = {}

    def node(self, node_id: str) -> ox.NamedNode:
        """``person:jeff-sessions`` -> ``<base>person/jeff-sessions``; cached, entities recur."""
        iri = self._nodes.get(node_id)
        if iri is None:
            kind, sep, key = node_id.partition(":")
            path = f"{segment(kind)}/{segment(key)}" if sep else f"node/{segment(node_id)}"
            iri = self._nodes[node_id] = ox.NamedNode(self.base + path)
        return iri

    def article(self, doc: str) -> ox.NamedNode:
        return self.node(f"article:{doc}")

    def named_graph(self, doc: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}graph/{segment(doc)}")

    def statement(self, triple_id: str) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}statement/{segment(triple_id.removeprefix('t:'))}")


def _str(value: Any) -> ox.Literal:
    return ox.Literal(str(value))


def _confidence(value: Any) -> ox.Literal:
    return ox.Literal(f"{float(value):.3f}", datatype=_DECIMAL)


def _offset(value: Any) -> ox.Literal:
    """A character offset: xsd:integer, which JSON-LD writes as a plain JSON number (shapes.ttl keeps it >= 0)."""
    return ox.Literal(str(int(value)), datatype=_INTEGER)


def _article_doc(node_id: str, data: dict[str, Any]) -> str:
    return str(data.get("doc") or node_id.partition(":")[2])


def _edge_doc(target: str, data: dict[str, Any]) -> str | None:
    """The article whose named graph holds an edge's quads; None for the default graph."""
    rel = data.get("type")
    if rel in _STATEMENT_CLASS:
        return str(data["doc"])
    if rel == "MENTIONED_IN":
        return str(data.get("doc") or target.partition(":")[2])
    return None


class _QuadBuilder:
    """Collects quads per named graph so each article's graph is written as one block."""

    def __init__(self, graph: KnowledgeGraph, iris: IriMinter) -> None:
        self.kg = graph
        self.g = graph.graph
        self.iris = iris
        self.default: list[ox.Quad] = []
        self.by_doc: dict[str, list[ox.Quad]] = defaultdict(list)
        self._graph_names: dict[str, ox.NamedNode] = {}

    def _graph(self, doc: str) -> ox.NamedNode:
        name = self._graph_names.get(doc)
        if name is None:
            name = self._graph_names[doc] = self.iris.named_graph(doc)
        return name

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, lazily: the shared entities, then one article at a time.

        Only one article's quads are held at once; a 10,000-article graph has over ten
        million quads, more memory than the graph itself.
        """
        article_nodes, doc_edges = self.sort_out(shared=True)
        yield from self.default
        self.default = []
        for doc in sorted(article_nodes.keys() | doc_edges.keys()):
            yield from self.doc_quads(doc, article_nodes.get(doc, ()), doc_edges.get(doc, ()))

    def sort_out(self, *, shared: bool) -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str, Any]]]]:
        """Article nodes and edges by the article whose graph holds them; with ``shared``, the
        quads of everything else (entities, roles, AUTHORED_BY) are made into :attr:`default`."""
        article_nodes: dict[str, list[str]] = defaultdict(list)
        for node_id in sorted(self.g.nodes):
            data = self.g.nodes[node_id]
            if data.get("label") == "Article":
                article_nodes[_article_doc(node_id, data)].append(node_id)
            elif shared:
                self._node(node_id, data)
        doc_edges: dict[str, list[tuple[str, str, Any]]] = defaultdict(list)
        for source, target, key in sorted(self.g.edges(keys=True), key=lambda e: (e[0], str(e[2]), e[1])):
            data = self.g.edges[source, target, key]
            doc = _edge_doc(target, data)
            if doc is None:
                if shared:
                    self._edge(source, target, data)  # AUTHORED_BY: the default graph
            else:
                doc_edges[doc].append((source, target, key))
        return article_nodes, doc_edges

    def doc_quads(self, doc: str, article_nodes: Iterable[str], edges: Iterable[tuple[str, str, Any]]
                  ) -> Iterator[ox.Quad]:
        """One article's named graph: its description, mentions and statements."""
        for node_id in article_nodes:
            self._node(node_id, self.g.nodes[node_id])
        for source, target, key in edges:
            self._edge(source, target, self.g.edges[source, target, key])
        yield from self.by_doc.pop(doc, [])

    # -- nodes ------------------------------------------------------------------------
    def _node(self, node_id: str, data: dict[str, Any]) -> None:
        label = data.get("label")
        if label in ("Quote", "Finding"):
            return  # their words live on the statements that point at them
        s = self.iris.node(node_id)
        if label == "Article":
            doc = _article_doc(node_id, data)
            g = self._graph(doc)
            add = self.by_doc[doc].append
            add(ox.Quad(s, _TYPE, K.Article, g))
            add(ox.Quad(s, K.identifier, _str(doc), g))
            if data.get("name"):
                add(ox.Quad(s, _LABEL, _str(data["name"]), g))
            if data.get("url"):
                add(ox.Quad(s, K.url, _str(data["url"]), g))
            if data.get("date"):
                add(ox.Quad(s, K.datePublished, _str(data["date"]), g))
            return
        add = self.default.append
        g = _DEFAULT_GRAPH
        cls = K.Role if label == "Role" else (getattr(K, label) if label in ENTITY_LABELS else K.Entity)
        add(ox.Quad(s, _TYPE, cls, g))
        add(ox.Quad(s, K.identifier, _str(node_id), g))
        if data.get("name"):
            add(ox.Quad(s, _LABEL, _str(data["name"]), g))
        if label != "Role":
            for alias in sorted(set(data.get("aliases") or ())):
                add(ox.Quad(s, K.alias, _str(alias), g))
            if data.get("mentions") is not None:
                add(ox.Quad(s, K.mentionCount, ox.Literal(str(int(data["mentions"])), datatype=_INTEGER), g))

    # -- edges ------------------------------------------------------------------------
    def _edge(self, source: str, target: str, data: dict[str, Any]) -> None:
        rel = data.get("type")
        if rel in _STATEMENT_CLASS:
            self._statement(source, target, rel, data)
        elif rel == "MENTIONED_IN":
            doc = str(_edge_doc(target, data))
            self.by_doc[doc].append(ox.Quad(self.iris.node(source), K.mentionedIn, self.iris.node(target),
                                            self._graph(doc)))
        elif rel == "AUTHORED_BY":
            self.default.append(ox.Quad(self.iris.node(source), K.author, self.iris.node(target),
                                        _DEFAULT_GRAPH))
        # IN_ARTICLE, ADDRESSED_TO, IN_REPORT, MENTIONS and WORKS_FOR are read from the statement's side

    def _linked(self, node_id: str, rel: str, name: Any) -> str | None:
        """The entity a statement's qualifier names, through its node's ``rel`` edges."""
        targets = [t for _s, t, d in self.g.out_edges(node_id, data=True) if d.get("type") == rel]
        for t in targets:
            data = self.g.nodes[t]
            if name == data.get("name") or name in (data.get("aliases") or ()):
                return t
        return targets[0] if len(targets) == 1 else None

    def _statement(self, source: str, target: str, rel: str, data: dict[str, Any]) -> None:
        doc = str(data["doc"])
        g = self._graph(doc)
        quads = self.by_doc[doc]
        add = quads.append
        details: list[ox.Quad] = []
        st = self.iris.statement(str(data["id"]))
        article = self.iris.article(doc)

        def span(key: str, prop: ox.NamedNode, start: Any, end: Any, exact: Any) -> None:
            self._span(add, details, st, key, prop, article, start, end, exact, g)

        add(ox.Quad(st, _TYPE, _STATEMENT_CLASS[rel], g))
        add(ox.Quad(st, K.identifier, _str(data["id"]), g))
        add(ox.Quad(st, _SUBJECT_PROPERTY[rel], self.iris.node(source), g))
        add(ox.Quad(st, K.inArticle, article, g))
        add(ox.Quad(st, K.extractor, _str(data.get("extractor", "")), g))
        add(ox.Quad(st, K.confidence, _confidence(data.get("confidence", 0.0)), g))
        if data.get("cue"):
            add(ox.Quad(st, K.cue, _str(data["cue"]), g))
        if data.get("qualifier"):
            add(ox.Quad(st, K.qualifier, _str(data["qualifier"]), g))
        if rel == "HOLDS_ROLE":
            role = self.g.nodes[target]
            add(ox.Quad(st, K.role, self.iris.node(target), g))
            add(ox.Quad(st, K.roleName, _str(role.get("name") or data.get("text", "")), g))
            if data.get("org"):
                add(ox.Quad(st, K.organizationName, _str(data["org"]), g))
            if data.get("org_id") and data["org_id"] in self.g:
                add(ox.Quad(st, K.organization, self.iris.node(str(data["org_id"])), g))
            if data.get("start") is not None:
                span("role", K.roleSpan, data["start"], data["end"], data.get("text"))
        elif rel == "MEMBER_OF":
            add(ox.Quad(st, K.memberOf, self.iris.node(target), g))
            if data.get("start") is not None:
                span("memberOf", K.memberOfSpan, data["start"], data["end"], data.get("text"))
        else:
            words = self.g.nodes[target]
            add(ox.Quad(st, K.text, _str(words.get("text", "")), g))
            if data.get("mode"):
                add(ox.Quad(st, K.mode, _str(data["mode"]), g))
            if data.get("kind"):
                add(ox.Quad(st, K.kind, _str(data["kind"]), g))
            if data.get("addressee"):
                add(ox.Quad(st, K.addresseeName, _str(data["addressee"]), g))
                to = self._linked(target, "ADDRESSED_TO", data["addressee"])
                if to is not None:
                    add(ox.Quad(st, K.addressee, self.iris.node(to), g))
            if data.get("in_report"):
                report = self._linked(target, "IN_REPORT", data["in_report"])
                if report is not None:
                    add(ox.Quad(st, K.inReport, self.iris.node(report), g))
            pieces = list(zip(words.get("part_starts") or (), words.get("part_ends") or (),
                              words.get("part_texts") or (), strict=False))
            if words.get("start") is not None:  # a statement in pieces: the whole by position only
                span("text", K.textSpan, words["start"], words["end"], None if pieces else words.get("text"))
            for i, (start, end, exact) in enumerate(pieces, 1):
                span(f"part{i}", K.partSpan, start, end, exact)
            self._mentions(target, st, add, details, article, g)
        if data.get("cue_start") is not None:
            span("cue", K.cueSpan, data["cue_start"], data["cue_end"], data.get("cue"))
        if data.get("mention_start") is not None:
            span("mention", K.mentionSpan, data["mention_start"], data["mention_end"],
                       data.get("mention"))
        if data.get("sentence_start") is not None:
            span("sentence", K.sentenceSpan, data["sentence_start"],
                       data["sentence_end"], None)
        quads.extend(details)

    def _mentions(self, statement: str, st: ox.NamedNode, add: Any, details: list[ox.Quad], article: ox.NamedNode,
                  g: ox.NamedNode) -> None:
        """``kg:mentions`` (a schema:mentions) for each entity the statement names, and a span per mention."""
        # by entity, then by place: after a short-name merge one entity can have two MENTIONS edges
        # ("Trump" and "Donald Trump" in one quotation), and their attribute dicts do not compare
        edges = sorted(((t, d) for _s, t, d in self.g.out_edges(statement, data=True) if d.get("type") == "MENTIONS"),
                       key=lambda edge: (edge[0], list(edge[1].get("starts") or ()), list(edge[1].get("ends") or ())))
        for target, data in edges:
            entity = self.iris.node(target)
            add(ox.Quad(st, K.mentions, entity, g))
            for start, end in zip(data.get("starts") or (), data.get("ends") or (), strict=False):
                key = f"about/{int(start)}-{int(end)}"
                self._span(add, details, st, key, K.mentionedSpan, article, start, end, None, g)
                details.append(ox.Quad(ox.NamedNode(f"{st.value}/{key}"), K.refersTo, entity, g))

    @staticmethod
    def _span(add: Any, details: list[ox.Quad], st: ox.NamedNode, key: str, prop: ox.NamedNode, article: ox.NamedNode,
              start: Any, end: Any, exact: Any, g: ox.NamedNode) -> None:
        """A kg:TextSpan at ``<statement>/key`` with position (and, given the words, quote) selectors.

        The link goes into the statement's block (``add``), the span's own triples into ``details``,
        written after it, so Turtle and TriG keep each subject's triples together.
        """
        span = ox.NamedNode(f"{st.value}/{key}")
        position = ox.NamedNode(f"{st.value}/{key}/position")
        words = ox.NamedNode(f"{st.value}/{key}/quote") if exact is not None else None
        add(ox.Quad(st, prop, span, g))
        more = details.append
        more(ox.Quad(span, _TYPE, K.TextSpan, g))
        more(ox.Quad(span, O.hasSource, article, g))
        more(ox.Quad(span, O.hasSelector, position, g))
        if words is not None:
            more(ox.Quad(span, O.hasSelector, words, g))
        more(ox.Quad(position, _TYPE, O.TextPositionSelector, g))
        more(ox.Quad(position, O.start, _offset(start), g))
        more(ox.Quad(position, O.end, _offset(end), g))
        if words is not None:
            more(ox.Quad(words, _TYPE, O.TextQuoteSelector, g))
            more(ox.Quad(words, O.exact, _str(exact), g))


# -- pure converters ----------------------------------------------------------------------
def iter_quads(graph: KnowledgeGraph, *, base_iri: str | None = None) -> Iterator[ox.Quad]:
    """Every quad of the export, in a deterministic order: shared entities in the default
    graph first, then one named graph per article (its description, mentions and statements)."""
    if isinstance(graph, GraphStore):
        return _store_quads(graph, IriMinter(base_iri))
    return _QuadBuilder(graph, IriMinter(base_iri)).quads()


def _store_quads(store: GraphStore, iris: IriMinter) -> Iterator[ox.Quad]:
    """:func:`iter_quads` of a graph on disk, the same quads in the same order: the entities'
    part first, then each article's part read on its own (:meth:`GraphStore.doc_part`)."""
    shared = _QuadBuilder(store.entity_part(), iris)
    shared.sort_out(shared=True)
    yield from shared.default
    for doc in store.docs():
        part = _QuadBuilder(store.doc_part(doc), iris)
        article_nodes, doc_edges = part.sort_out(shared=False)
        yield from part.doc_quads(doc, article_nodes.get(doc, ()), doc_edges.get(doc, ()))


def to_quads(graph: KnowledgeGraph, *, base_iri: str | None = None) -> list[ox.Quad]:
    """:func:`iter_quads` as a list."""
    return list(iter_quads(graph, base_iri=base_iri))


def to_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The union graph (named graphs merged), for the triple formats."""
    return (q.triple for q in quads)


def rdflib_term(term: ox.NamedNode | ox.Literal) -> Node:
    """One pyoxigraph term as the rdflib term a parser would produce (xsd:string stays plain)."""
    from rdflib import Literal as RdfLiteral
    from rdflib import URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return RdfLiteral(term.value, lang=term.language)
    datatype = term.datatype.value
    return RdfLiteral(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype), normalize=False)


def to_rdflib(graph: KnowledgeGraph, *, base_iri: str | None = None) -> Graph:
    """The union graph as an rdflib Graph (for JSON-LD, queries and tests)."""
    return quads_to_rdflib_graph(to_quads(graph, base_iri=base_iri))


def quads_to_rdflib_graph(quads: Iterable[ox.Quad]) -> Graph:
    from rdflib import Graph

    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    for q in quads:
        out.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
    return out


def quads_to_rdflib_dataset(quads: Iterable[ox.Quad]) -> Dataset:
    """The export as an rdflib Dataset, one named graph per article (as TriG holds it)."""
    from rdflib import Dataset, URIRef

    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    graphs: dict[str, Graph] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.DefaultGraph):
            target = ds.default_graph  # Dataset.add with a None context loses the triple (rdflib 7.6)
        else:
            name = q.graph_name.value
            target = graphs.get(name) or graphs.setdefault(name, ds.graph(URIRef(name)))
        target.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
    return ds


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context published in ``schemas/context.jsonld``."""
    return json.loads(schema_file("context.jsonld").read_text(encoding="utf-8"))["@context"]


# -- writers ------------------------------------------------------------------------------
def write_rdf(graph: KnowledgeGraph, path: str | Path, *, format: str = "turtle", base_iri: str | None = None) -> int:
    """Write the export in one of :data:`FORMATS`; returns the number of quads written."""
    if format not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; choose from {', '.join(FORMATS)}")
    written = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal written
        for quad in iter_quads(graph, base_iri=base_iri):
            written += 1
            yield quad

    write_quads(counted(), path, format=format)
    return written


def write_quads(quads: Iterable[ox.Quad], path: str | Path, *, format: str = "turtle") -> None:
    """Serialise prepared quads: pyoxigraph for the line and Turtle formats, rdflib for JSON-LD."""
    oxformat, named = FORMATS[format]
    path = Path(path)
    if oxformat is None:
        data = quads_to_rdflib_graph(quads).serialize(format="json-ld", context=jsonld_context(), indent=1)
        path.write_text(data, encoding="utf-8")
        return
    prefixes = None if oxformat in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS) else _prefixes()
    with path.open("wb") as stream:
        ox.serialize(quads if named else to_triples(quads), stream, oxformat, prefixes=prefixes)


def _prefixes() -> dict[str, str]:
    return {k: v for k, v in PREFIXES.items() if k in ("kg", "oa", "rdfs", "xsd")}


def write_turtle(graph: KnowledgeGraph, path: str | Path, *, base_iri: str | None = None) -> int:
    """The default RDF output of ``kg extract`` (graph.ttl)."""
    return write_rdf(graph, path, format="turtle", base_iri=base_iri)
