"""graph.graphml: the graph for Gephi, yEd and Cytoscape (list attributes joined by ' | ').

What those tools expect: every edge has an id of its own (Gephi drops an edge whose id it
has seen), ``label`` is what a node is called (a name, or the start of a quotation or
finding: Gephi and Cytoscape show it), the node's kind is ``type`` (Person, Quote, ...), and
an edge's ``label`` and ``type`` are its relation (SAID, ...).

Written element by element with lxml's incremental writer, straight from the graph: no copy
of the graph with GraphML-ready values and no document tree in memory (networkx's writer
needs both, which for 10,000 articles cost more than the graph itself). ``nx.read_graphml``
and igraph read it back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from lxml import etree

from kg.graph import KnowledgeGraph, edge_id

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
# characters XML 1.0 cannot hold at all (a stray control byte in an article): one U+FFFD each,
# so text keeps its length and offsets still point where they did
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _scalar(value: object) -> object:
    if isinstance(value, (list, tuple, set)):
        return " | ".join(str(v) for v in value)
    if value is None:
        return ""
    return value


def _xml_type(types: set[type]) -> str:
    """The one GraphML type that holds every value an attribute takes."""
    if types <= {bool}:
        return "boolean"
    if types <= {int, bool}:
        return "long"
    if types <= {int, float, bool}:
        return "double"
    return "string"


def _text(value: object) -> str:
    value = _scalar(value)
    return str(value).lower() if isinstance(value, bool) else _NOT_XML.sub("\ufffd", str(value))


def _id(value: object) -> str:
    """An id XML can hold, distinct for distinct ids: a character XML cannot hold becomes a
    ``\\uXXXX`` escape and a backslash doubles (a replacement mark, as in text, would make
    ids differing only in a control character one node). Ids without either are unchanged."""
    text = str(value)
    if "\\" not in text and not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\\", "\\\\"))


def _keys(scope: str, records: Iterable[Mapping[str, Any]], first_id: int) -> dict[str, tuple[str, str]]:
    """Attribute name -> (key id, GraphML type), from one pass over the records."""
    types: dict[str, set[type]] = defaultdict(set)
    for data in records:
        for name, value in data.items():
            types[name].add(type(_scalar(value)))
    return {name: (f"d{first_id + i}", _xml_type(found)) for i, (name, found) in enumerate(sorted(types.items()))}


def _element(tag: str, attrs: dict[str, str], data: Mapping[str, Any], keys: dict[str, tuple[str, str]]
             ) -> etree._Element:
    element = etree.Element(tag, attrs)
    for name, value in data.items():
        etree.SubElement(element, "data", key=keys[name][0]).text = _text(value)
    return element


LABEL_CHARS = 60  # a quotation or finding is labelled with its first words, up to this many characters


def display_label(data: Mapping[str, Any], node: str = "") -> str:
    """What a node is called in a drawing tool: its name, or the start of its text."""
    name = data.get("name")
    if name:
        return str(name)
    text = " ".join(str(data.get("text") or "").split())
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text or str(node)


def tool_node(node: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A node's attributes as drawing tools read them: ``label`` its name, ``type`` its kind."""
    out = {k: v for k, v in data.items() if k != "label"}
    out["type"] = data.get("label", "")
    out["label"] = display_label(data, node)
    return out


def tool_edge(data: Mapping[str, Any]) -> dict[str, Any]:
    """An edge's attributes as drawing tools read them: ``label`` its relation; a triple's id is
    the edge's own id (:func:`kg.graph.edge_id`), not an attribute igraph would clash with."""
    return {**{k: v for k, v in data.items() if k != "id"}, "label": data.get("type", "")}


def write_graphml(graph: KnowledgeGraph, path: Path) -> None:
    node_keys = _keys("node", (tool_node(n, d) for n, d in graph.node_items()), 0)
    edge_keys = _keys("edge", (tool_edge(d) for _, _, _, d in graph.edge_items()), len(node_keys))
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("graphml", {f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION},
                        nsmap={None: GRAPHML_NS, "xsi": XSI_NS}):
            for scope, keys in (("node", node_keys), ("edge", edge_keys)):
                for name, (key_id, xml_type) in keys.items():
                    xf.write(etree.Element("key", {"id": key_id, "for": scope, "attr.name": name,
                                                   "attr.type": xml_type}), pretty_print=True)
            with xf.element("graph", edgedefault="directed"):
                for node, data in graph.node_items():
                    xf.write(_element("node", {"id": _id(node)}, tool_node(node, data), node_keys),
                             pretty_print=True)
                for source, target, key, data in graph.edge_items():
                    attrs = {"id": _id(edge_id(source, target, key, data)), "source": _id(source),
                             "target": _id(target)}
                    xf.write(_element("edge", attrs, tool_edge(data), edge_keys), pretty_print=True)
