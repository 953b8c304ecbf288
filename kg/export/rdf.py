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

import io
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


class _OxTerms:
    """The builder's terms as pyoxigraph objects, for every format pyoxigraph writes."""

    iri = staticmethod(ox.NamedNode)
    quad = staticmethod(ox.Quad)
    default_graph = _DEFAULT_GRAPH
    K, O, TYPE, LABEL = K, O, _TYPE, _LABEL  # noqa: E741
    statement_class, subject_property = _STATEMENT_CLASS, _SUBJECT_PROPERTY

    @staticmethod
    def text(value: Any) -> ox.Literal:
        return ox.Literal(str(value))

    @staticmethod
    def integer(value: Any) -> ox.Literal:
        return ox.Literal(str(int(value)), datatype=_INTEGER)

    @staticmethod
    def decimal(text: str) -> ox.Literal:
        return ox.Literal(text, datatype=_DECIMAL)


class _TurtleTerms:
    """The same terms as Turtle text, written as pyoxigraph's Turtle serialiser writes them
    (:func:`write_turtle`; tests/test_rdf.py compares the bytes): making ~130,000 pyoxigraph
    quads cost more than everything else in graph.ttl. A triple is a tuple of three strings.
    Valid only while no prefix of :func:`_prefixes` is a prefix of the base IRI (then minted IRIs
    are written whole; :func:`_turtle_text_ok`)."""

    default_graph = None
    TYPE, LABEL = "a", "rdfs:label"

    class _Prefixed:
        def __init__(self, prefix: str, terms: tuple[str, ...]) -> None:
            self._prefix, self._terms = prefix, frozenset(terms)

        def __getattr__(self, name: str) -> str:
            if name not in self._terms:
                raise AttributeError(f"{name!r} is not a term of {self._prefix}:")
            text = f"{self._prefix}:{name}"
            setattr(self, name, text)
            return text

    K, O = _Prefixed("kg", KG_TERMS), _Prefixed("oa", OA_TERMS)  # noqa: E741
    statement_class = {"SAID": "kg:Quotation", "HOLDS_ROLE": "kg:RoleAssignment", "FOUND": "kg:Finding",
                       "MEMBER_OF": "kg:Membership"}
    subject_property = {"SAID": "kg:speaker", "HOLDS_ROLE": "kg:roleHolder", "FOUND": "kg:foundBy",
                        "MEMBER_OF": "kg:member"}

    @staticmethod
    def iri(value: str) -> str:
        return f"<{value}>"

    @staticmethod
    def quad(s: str, p: str, o: str, _g: Any = None) -> tuple[str, str, str]:
        return (s, p, o)

    @staticmethod
    def text(value: Any) -> str:
        text = str(value)
        if _TURTLE_SPECIAL.search(text):
            text = _TURTLE_SPECIAL.sub(_turtle_escape, text)
        return f'"{text}"'

    @staticmethod
    def integer(value: Any) -> str:
        return str(int(value))

    @staticmethod
    def decimal(text: str) -> str:
        return text if _TURTLE_DECIMAL.fullmatch(text) else f'"{text}"^^xsd:decimal'


_TURTLE_SPECIAL = re.compile('[\x00-\x1f"\\\\\x7f]')
_TURTLE_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_TURTLE_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")


def _turtle_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _TURTLE_ESCAPES.get(char) or f"\\u{ord(char):04X}"


class IriMinter:
    """Stable IRIs from the graph's deterministic ids, under one base (as pyoxigraph nodes, or
    in ``terms``' form)."""

    def __init__(self, base_iri: str | None = None, terms: Any = _OxTerms) -> None:
        self.base = check_base_iri(base_iri)
        self.terms = terms
        self._nodes: dict[str, Any] = {}

    def node(self, node_id: str) -> Any:
        """``person:jeff-sessions`` -> ``<base>person/jeff-sessions``; cached, entities recur."""
        iri = self._nodes.get(node_id)
        if iri is None:
            kind, sep, key = node_id.partition(":")
            path = f"{segment(kind)}/{segment(key)}" if sep else f"node/{segment(node_id)}"
            iri = self._nodes[node_id] = self.terms.iri(self.base + path)
        return iri

    def article(self, doc: str) -> Any:
        return self.node(f"article:{doc}")

    def named_graph(self, doc: str) -> Any:
        return self.terms.iri(f"{self.base}graph/{segment(doc)}")

    def statement_iri(self, triple_id: str) -> str:
        return f"{self.base}statement/{segment(triple_id.removeprefix('t:'))}"

    def statement(self, triple_id: str) -> Any:
        return self.terms.iri(self.statement_iri(triple_id))


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


class _Part:
    """What the quad builder reads of a graph, as plain dicts in networkx's order: the nodes,
    the edges by (source, target, key), and each node's out-edges."""

    __slots__ = ("edges", "nodes", "out")

    def __init__(self, nodes: dict[str, dict[str, Any]], edges: dict[tuple[str, str, Any], dict[str, Any]]) -> None:
        self.nodes, self.edges = nodes, edges
        self.out: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for (source, target, _key), data in edges.items():
            self.out[source].append((target, data))

    @classmethod
    def of(cls, graph: KnowledgeGraph) -> _Part:
        g = graph.graph
        return cls(dict(g.nodes(data=True)), {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)})


class _QuadBuilder:
    """Collects quads per named graph so each article's graph is written as one block."""

    def __init__(self, part: _Part, iris: IriMinter) -> None:
        self.nodes, self.edges, self.out = part.nodes, part.edges, part.out
        self.iris = iris
        self.t = iris.terms
        self.default: list[Any] = []
        self.by_doc: dict[str, list[Any]] = defaultdict(list)
        self._graph_names: dict[str, Any] = {}

    def _graph(self, doc: str) -> Any:
        name = self._graph_names.get(doc)
        if name is None:
            name = self._graph_names[doc] = self.iris.named_graph(doc)
        return name

    def quads(self) -> Iterator[Any]:
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
        for node_id in sorted(self.nodes):
            data = self.nodes[node_id]
            if data.get("label") == "Article":
                article_nodes[_article_doc(node_id, data)].append(node_id)
            elif shared:
                self._node(node_id, data)
        doc_edges: dict[str, list[tuple[str, str, Any]]] = defaultdict(list)
        for source, target, key in sorted(self.edges, key=lambda e: (e[0], str(e[2]), e[1])):
            data = self.edges[source, target, key]
            doc = _edge_doc(target, data)
            if doc is None:
                if shared:
                    self._edge(source, target, data)  # AUTHORED_BY: the default graph
            else:
                doc_edges[doc].append((source, target, key))
        return article_nodes, doc_edges

    def doc_quads(self, doc: str, article_nodes: Iterable[str], edges: Iterable[tuple[str, str, Any]]
                  ) -> Iterator[Any]:
        """One article's named graph: its description, mentions and statements."""
        for node_id in article_nodes:
            self._node(node_id, self.nodes[node_id])
        for source, target, key in edges:
            self._edge(source, target, self.edges[source, target, key])
        yield from self.by_doc.pop(doc, [])

    # -- nodes ------------------------------------------------------------------------
    def _node(self, node_id: str, data: dict[str, Any]) -> None:
        label = data.get("label")
        if label in ("Quote", "Finding"):
            return  # their words live on the statements that point at them
        t = self.t
        q, k, text = t.quad, t.K, t.text
        s = self.iris.node(node_id)
        if label == "Article":
            doc = _article_doc(node_id, data)
            g = self._graph(doc)
            add = self.by_doc[doc].append
            add(q(s, t.TYPE, k.Article, g))
            add(q(s, k.identifier, text(doc), g))
            if data.get("name"):
                add(q(s, t.LABEL, text(data["name"]), g))
            if data.get("url"):
                add(q(s, k.url, text(data["url"]), g))
            if data.get("date"):
                add(q(s, k.datePublished, text(data["date"]), g))
            return
        add = self.default.append
        g = t.default_graph
        cls = k.Role if label == "Role" else (getattr(k, label) if label in ENTITY_LABELS else k.Entity)
        add(q(s, t.TYPE, cls, g))
        add(q(s, k.identifier, text(node_id), g))
        if data.get("name"):
            add(q(s, t.LABEL, text(data["name"]), g))
        if label != "Role":
            for alias in sorted(set(data.get("aliases") or ())):
                add(q(s, k.alias, text(alias), g))
            if data.get("mentions") is not None:
                add(q(s, k.mentionCount, t.integer(data["mentions"]), g))

    # -- edges ------------------------------------------------------------------------
    def _edge(self, source: str, target: str, data: dict[str, Any]) -> None:
        rel = data.get("type")
        if rel in _STATEMENT_CLASS:
            self._statement(source, target, rel, data)
        elif rel == "MENTIONED_IN":
            doc = str(_edge_doc(target, data))
            entity, graph = self.iris.node(source), self._graph(doc)
            self.by_doc[doc].append(self.t.quad(entity, self.t.K.mentionedIn, self.iris.node(target), graph))
            self.by_doc[doc].extend(self.t.quad(entity, self.t.K.mentionedAs, self.t.text(form), graph)
                                    for form in data.get("forms") or ())
        elif rel == "AUTHORED_BY":
            self.default.append(self.t.quad(self.iris.node(source), self.t.K.author, self.iris.node(target),
                                            self.t.default_graph))
        # IN_ARTICLE, ADDRESSED_TO, IN_REPORT, MENTIONS and WORKS_FOR are read from the statement's side

    def _linked(self, node_id: str, rel: str, name: Any) -> str | None:
        """The entity a statement's qualifier names, through its node's ``rel`` edges."""
        targets = [t for t, d in self.out.get(node_id, ()) if d.get("type") == rel]
        for t in targets:
            data = self.nodes[t]
            if name == data.get("name") or name in (data.get("aliases") or ()):
                return t
        return targets[0] if len(targets) == 1 else None

    def _statement(self, source: str, target: str, rel: str, data: dict[str, Any]) -> None:
        t = self.t
        q, k, text, node = t.quad, t.K, t.text, self.iris.node
        doc = str(data["doc"])
        g = self._graph(doc)
        quads = self.by_doc[doc]
        add = quads.append
        details: list[Any] = []
        st_iri = self.iris.statement_iri(str(data["id"]))
        st = t.iri(st_iri)
        article = self.iris.article(doc)

        def span(key: str, prop: Any, start: Any, end: Any, exact: Any) -> None:
            self._span(add, details, st, st_iri, key, prop, article, start, end, exact, g)

        add(q(st, t.TYPE, t.statement_class[rel], g))
        add(q(st, k.identifier, text(data["id"]), g))
        add(q(st, t.subject_property[rel], node(source), g))
        add(q(st, k.inArticle, article, g))
        add(q(st, k.extractor, text(data.get("extractor", "")), g))
        add(q(st, k.confidence, t.decimal(f"{float(data.get('confidence', 0.0)):.3f}"), g))
        if data.get("cue"):
            add(q(st, k.cue, text(data["cue"]), g))
        if data.get("qualifier"):
            add(q(st, k.qualifier, text(data["qualifier"]), g))
        if rel == "HOLDS_ROLE":
            role = self.nodes[target]
            add(q(st, k.role, node(target), g))
            add(q(st, k.roleName, text(role.get("name") or data.get("text", "")), g))
            if data.get("org"):
                add(q(st, k.organizationName, text(data["org"]), g))
            if data.get("org_id") and data["org_id"] in self.nodes:
                add(q(st, k.organization, node(str(data["org_id"])), g))
            if data.get("start") is not None:
                span("role", k.roleSpan, data["start"], data["end"], data.get("text"))
        elif rel == "MEMBER_OF":
            add(q(st, k.memberOf, node(target), g))
            if data.get("start") is not None:
                span("memberOf", k.memberOfSpan, data["start"], data["end"], data.get("text"))
        else:
            words = self.nodes[target]
            add(q(st, k.text, text(words.get("text", "")), g))
            if data.get("mode"):
                add(q(st, k.mode, text(data["mode"]), g))
            if data.get("kind"):
                add(q(st, k.kind, text(data["kind"]), g))
            if data.get("addressee"):
                add(q(st, k.addresseeName, text(data["addressee"]), g))
                to = self._linked(target, "ADDRESSED_TO", data["addressee"])
                if to is not None:
                    add(q(st, k.addressee, node(to), g))
            if data.get("in_report"):
                report = self._linked(target, "IN_REPORT", data["in_report"])
                if report is not None:
                    add(q(st, k.inReport, node(report), g))
            pieces = list(zip(words.get("part_starts") or (), words.get("part_ends") or (),
                              words.get("part_texts") or (), strict=False))
            if words.get("start") is not None:  # a statement in pieces: the whole by position only
                span("text", k.textSpan, words["start"], words["end"], None if pieces else words.get("text"))
            for i, (start, end, exact) in enumerate(pieces, 1):
                span(f"part{i}", k.partSpan, start, end, exact)
            self._mentions(target, st, st_iri, add, details, article, g)
        if data.get("cue_start") is not None:
            span("cue", k.cueSpan, data["cue_start"], data["cue_end"], data.get("cue"))
        if data.get("mention_start") is not None:
            span("mention", k.mentionSpan, data["mention_start"], data["mention_end"], data.get("mention"))
        if data.get("sentence_start") is not None:
            span("sentence", k.sentenceSpan, data["sentence_start"], data["sentence_end"], None)
        quads.extend(details)

    def _mentions(self, statement: str, st: Any, st_iri: str, add: Any, details: list[Any], article: Any,
                  g: Any) -> None:
        """``kg:mentions`` (a schema:mentions) for each entity the statement names, and a span per mention."""
        # by entity, then by place: after a short-name merge one entity can have two MENTIONS edges
        # ("Trump" and "Donald Trump" in one quotation), and their attribute dicts do not compare
        t = self.t
        edges = sorted(((t2, d) for t2, d in self.out.get(statement, ()) if d.get("type") == "MENTIONS"),
                       key=lambda edge: (edge[0], list(edge[1].get("starts") or ()), list(edge[1].get("ends") or ())))
        for target, data in edges:
            entity = self.iris.node(target)
            add(t.quad(st, t.K.mentions, entity, g))
            for start, end in zip(data.get("starts") or (), data.get("ends") or (), strict=False):
                key = f"about/{int(start)}-{int(end)}"
                self._span(add, details, st, st_iri, key, t.K.mentionedSpan, article, start, end, None, g)
                details.append(t.quad(t.iri(f"{st_iri}/{key}"), t.K.refersTo, entity, g))

    def _span(self, add: Any, details: list[Any], st: Any, st_iri: str, key: str, prop: Any, article: Any,
              start: Any, end: Any, exact: Any, g: Any) -> None:
        """A kg:TextSpan at ``<statement>/key`` with position (and, given the words, quote) selectors.

        The link goes into the statement's block (``add``), the span's own triples into ``details``,
        written after it, so Turtle and TriG keep each subject's triples together.
        """
        t = self.t
        q, o, iri = t.quad, t.O, t.iri
        span = iri(f"{st_iri}/{key}")
        position = iri(f"{st_iri}/{key}/position")
        words = iri(f"{st_iri}/{key}/quote") if exact is not None else None
        add(q(st, prop, span, g))
        more = details.append
        more(q(span, t.TYPE, t.K.TextSpan, g))
        more(q(span, o.hasSource, article, g))
        more(q(span, o.hasSelector, position, g))
        if words is not None:
            more(q(span, o.hasSelector, words, g))
        more(q(position, t.TYPE, o.TextPositionSelector, g))
        more(q(position, o.start, t.integer(start), g))
        more(q(position, o.end, t.integer(end), g))
        if words is not None:
            more(q(words, t.TYPE, o.TextQuoteSelector, g))
            more(q(words, o.exact, t.text(exact), g))


# -- pure converters ----------------------------------------------------------------------
def iter_quads(graph: KnowledgeGraph, *, base_iri: str | None = None) -> Iterator[ox.Quad]:
    """Every quad of the export, in a deterministic order: shared entities in the default
    graph first, then one named graph per article (its description, mentions and statements)."""
    if isinstance(graph, GraphStore):
        return _store_quads(graph, IriMinter(base_iri))
    return _QuadBuilder(_Part.of(graph), IriMinter(base_iri)).quads()


def _store_quads(store: GraphStore, iris: IriMinter) -> Iterator[ox.Quad]:
    """:func:`iter_quads` of a graph on disk, the same quads in the same order: the entities'
    part first, then each article's part read on its own (:meth:`GraphStore.doc_rows`)."""
    shared = _QuadBuilder(_Part(*store.entity_rows()), iris)
    shared.sort_out(shared=True)
    yield from shared.default
    for doc in store.docs():
        part = _QuadBuilder(_Part(*store.doc_rows(doc)), iris)
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
    """The default RDF output of ``kg extract`` (graph.ttl); returns the number of triples.

    Written as text by :class:`_TurtleTerms`, byte for byte what pyoxigraph's serialiser writes
    for the quads of :func:`iter_quads`, at a third of the cost; pyoxigraph writes it when the
    base IRI lies under one of the prefixes (its IRIs would then be abbreviated).
    """
    base = check_base_iri(base_iri)
    if any(base.startswith(namespace) for namespace in _prefixes().values()):
        return write_rdf(graph, path, format="turtle", base_iri=base_iri)
    iris = IriMinter(base_iri, terms=_TurtleTerms)
    triples = (_store_quads(graph, iris) if isinstance(graph, GraphStore)
               else _QuadBuilder(_Part.of(graph), iris).quads())
    written = 0
    with Path(path).open("w", encoding="utf-8", newline="") as out:
        write = out.write
        last_s = last_p = None
        for s, p, o in triples:
            if s == last_s:
                write(f" , {o}" if p == last_p else f" ;\n\t{p} {o}")
            else:
                write(f" .\n{s} {p} {o}" if written else f"{_turtle_header()}{s} {p} {o}")
                last_s = s
            last_p = p
            written += 1
        if written:
            write(" .\n")
    return written


@cache
def _turtle_header() -> str:
    """The prefix lines pyoxigraph's Turtle serialiser writes before the first triple."""
    x = ox.NamedNode("urn:x")
    buffer = io.BytesIO()
    ox.serialize([ox.Triple(x, x, x)], buffer, ox.RdfFormat.TURTLE, prefixes=_prefixes())
    text = buffer.getvalue().decode("utf-8")
    return text[: text.index("<urn:x>")]
