"""graph.graphml: the graph for Gephi, yEd and Cytoscape (list attributes joined by ' | ')."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.graph import KnowledgeGraph


def to_graphml_graph(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values GraphML can hold (strings, numbers, booleans)."""
    out = nx.MultiDiGraph()
    for node, data in graph.graph.nodes(data=True):
        out.add_node(node, **{k: _scalar(v) for k, v in data.items()})
    for source, target, key, data in graph.graph.edges(keys=True, data=True):
        out.add_edge(source, target, key=key, **{k: _scalar(v) for k, v in data.items()})
    return out


def _scalar(value: object) -> object:
    if isinstance(value, (list, tuple, set)):
        return " | ".join(str(v) for v in value)
    if value is None:
        return ""
    return value


def write_graphml(graph: KnowledgeGraph, path: Path) -> None:
    nx.write_graphml(to_graphml_graph(graph), str(path))
