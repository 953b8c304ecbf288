"""graph.graphml: the graph for Gephi, yEd and Cytoscape (list attributes joined by ' | ').

What those tools expect: every edge has an id of its own (Gephi drops an edge whose id it
has seen), ``label`` is what a node is called (a name, or the start of a quotation or
finding: Gephi and Cytoscape show it), the node's kind is ``type`` (Person, Quote, ...), and
an edge's ``label`` and ``type`` are its relation (SAID, ...).

Written as text a line at a time, straight from the graph: no copy of the graph with
GraphML-ready values and no document tree in memory (networkx's writer needs both, which for
10,000 articles cost more than the graph itself), and no XML library objects per element
(lxml's incremental writer spent ~40 µs per element; the text is the same byte for byte,
escaped as libxml2 escapes it: tests/test_graphml.py compares). ``nx.read_graphml`` and igraph
read it back.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

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
            kind = type(value)
            types[name].add(kind if kind is str or kind is int or kind is float else type(_scalar(value)))
    return _numbered(types, first_id)


# libxml2's escapes: in text & < > and carriage return; in attribute values also " and the
# other white space, which a parser would otherwise normalise to spaces
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')


def _attr(value: str) -> str:
    if not _ATTR_SPECIAL.search(value):
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _data(value: object) -> str:
    """An attribute value as the text of its ``data`` element (:func:`_text`, escaped)."""
    kind = type(value)
    if kind is int or kind is float:
        return str(value)
    text = value if isinstance(value, str) else _text(value)
    if not _TEXT_SPECIAL.search(text):
        return text
    return (_NOT_XML.sub("\ufffd", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _element(tag: str, attrs: str, data: Mapping[str, Any], keys: dict[str, tuple[str, str]]) -> str:
    """One element with a ``data`` child per attribute, as lxml pretty-prints it (a line each)."""
    if not data:
        return f"<{tag} {attrs}/>\n"
    lines = [f"<{tag} {attrs}>\n"]
    lines += [f'  <data key="{keys[name][0]}">{_data(value)}</data>\n'
              for name, value in data.items()]
    lines.append(f"</{tag}>\n")
    return "".join(lines)


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


def _counted_types(counts: Any, scope: str) -> dict[str, set[type]]:
    """What :func:`_keys` finds in the :func:`tool_node` (``scope`` "node") or :func:`tool_edge`
    records, from the types counted in the graph's own attributes
    (:meth:`kg.store.GraphStore.attribute_types`) instead of a pass over every record."""
    def scalar(kind: type) -> type:
        return str if kind in (list, tuple, set, type(None)) else kind

    # a node's "label" is shown as "type" and its name as "label"; an edge's "type" also as "label"
    if scope == "node":
        source, shown, gone = "label", "type", {"label", "type"}
    else:
        source, shown, gone = "type", "label", {"id", "label"}
    types = {name: {scalar(kind) for kind in kinds} for name, kinds in counts.types.items() if name not in gone}
    if counts.total:
        kinds = counts.types.get(source, {})
        types[shown] = {scalar(kind) for kind in kinds} | ({str} if sum(kinds.values()) < counts.total else set())
        if scope == "node":
            types["label"] = {str}
    return types


def _numbered(types: dict[str, set[type]], first_id: int) -> dict[str, tuple[str, str]]:
    return {name: (f"d{first_id + i}", _xml_type(found)) for i, (name, found) in enumerate(sorted(types.items()))}


def write_graphml(graph: KnowledgeGraph, path: Path) -> None:
    counted = graph.attribute_types() if hasattr(graph, "attribute_types") else None
    if counted is None:
        node_keys = _keys("node", (tool_node(n, d) for n, d in graph.node_items()), 0)
        edge_keys = _keys("edge", (tool_edge(d) for _, _, _, d in graph.edge_items()), len(node_keys))
    else:  # a store: the attribute types counted by SQLite, without reading every row in Python
        node_keys = _numbered(_counted_types(counted[0], "node"), 0)
        edge_keys = _numbered(_counted_types(counted[1], "edge"), len(node_keys))
    with open(path, "w", encoding="utf-8", newline="") as out:
        write = out.write
        write("<?xml version='1.0' encoding='utf-8'?>\n")
        write(f'<graphml xmlns="{_attr(GRAPHML_NS)}" xmlns:xsi="{_attr(XSI_NS)}" '
              f'xsi:schemaLocation="{_attr(SCHEMA_LOCATION)}">')
        for scope, keys in (("node", node_keys), ("edge", edge_keys)):
            for name, (key_id, xml_type) in keys.items():
                write(f'<key id="{key_id}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml_type}"/>\n')
        write('<graph edgedefault="directed">')
        for node, data in graph.node_items():
            write(_element("node", f'id="{_attr(_id(node))}"', tool_node(node, data), node_keys))
        for source, target, key, data in graph.edge_items():
            attrs = (f'id="{_attr(_id(edge_id(source, target, key, data)))}" source="{_attr(_id(source))}" '
                     f'target="{_attr(_id(target))}"')
            write(_element("edge", attrs, tool_edge(data), edge_keys))
        write("</graph></graphml>")
