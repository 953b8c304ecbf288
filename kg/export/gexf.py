"""graph.gexf: the graph in Gephi's own format (``kg export --format gexf``).

The same attributes as graph.graphml (``label`` the name or the start of the text, ``type``
the node's kind, one id per edge), through networkx's GEXF writer. GEXF reserves some names
that kg's graph uses: an edge's ``type`` means directed/undirected there, so the relation goes
in ``relation``, and ``start``/``end`` mean time, so character offsets go in ``char_start``/
``char_end``. List attributes are joined by ' | ' as in GraphML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.graphml import _NOT_XML, tool_node
from kg.graph import KnowledgeGraph, edge_id

_RENAMED = {"start": "char_start", "end": "char_end"}


def _value(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        value = " | ".join(str(v) for v in value)
    if value is None:
        return ""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _attrs(data: dict[str, Any]) -> dict[str, Any]:
    return {_RENAMED.get(k, k): _value(v) for k, v in data.items()}


def to_gexf_graph(graph: KnowledgeGraph) -> nx.MultiDiGraph:
    """A copy of the graph with GEXF-safe attribute names and values (pure; the writer does the I/O)."""
    g = graph.graph
    out = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        out.add_node(_value(node), **_attrs(tool_node(node, data)))
    for source, target, key, data in g.edges(keys=True, data=True):
        attrs = _attrs({k: v for k, v in data.items() if k not in ("type", "id")})
        rel = data.get("type", "")
        out.add_edge(_value(source), _value(target), key=edge_id(source, target, key, data),
                     id=edge_id(source, target, key, data), label=rel, relation=rel, **attrs)
    return out


def write_gexf(graph: KnowledgeGraph, path: Path) -> None:
    """Write ``path`` as GEXF 1.2 (``nx.read_gexf`` and Gephi read it)."""
    nx.write_gexf(to_gexf_graph(graph), str(path), version="1.2draft")
