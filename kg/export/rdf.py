"""RDF export (first version; the vocabulary and fast writer come with issue 6)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.graph import KnowledgeGraph

DEFAULT_BASE = "https://kg.example.org/id/"
KG = Namespace("https://kg.example.org/ns#")


def to_rdflib(graph: KnowledgeGraph, *, base_iri: str | None = None) -> Graph:
    base = base_iri or DEFAULT_BASE
    g = Graph()
    g.bind("kg", KG)

    def iri(node_id: str) -> URIRef:
        return URIRef(base + quote(node_id, safe=""))

    for node, data in graph.graph.nodes(data=True):
        s = iri(node)
        g.add((s, RDF.type, KG[data.get("label", "Thing")]))
        if data.get("name"):
            g.add((s, RDFS.label, Literal(data["name"])))
        if data.get("text"):
            g.add((s, KG.text, Literal(data["text"])))
    for source, target, data in graph.graph.edges(data=True):
        g.add((iri(source), KG[data.get("type", "related")], iri(target)))
    return g


def write_turtle(graph: KnowledgeGraph, path: Path, *, base_iri: str | None = None) -> None:
    to_rdflib(graph, base_iri=base_iri).serialize(destination=str(path), format="turtle")
