"""graph.graphml: what Gephi and networkx read back is the graph, whatever the text holds."""

from __future__ import annotations

import networkx as nx

from kg.export.graphml import write_graphml
from kg.graph import KnowledgeGraph


def small_graph() -> KnowledgeGraph:
    g = KnowledgeGraph()
    g.graph.add_node("person:ann-lee", label="Person", name="Ann Lee", aliases=["Ann Lee", "Lee"], mentions=3)
    g.graph.add_node("quote:1", label="Quote", text="We won\x0b\x00 — “sí” 😀", start=10, end=30)
    g.graph.add_edge("person:ann-lee", "quote:1", key="t:1", type="SAID", confidence=0.8, cue="said")
    g.graph.add_edge("person:ann-lee", "quote:1", key="t:2", type="SAID", confidence=1, cue="added")
    return g


def test_graphml_reads_back_with_types_lists_and_parallel_edges(tmp_path):
    write_graphml(small_graph(), tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.nodes["person:ann-lee"] == {"label": "Ann Lee", "type": "Person", "name": "Ann Lee",
                                            "aliases": "Ann Lee | Lee", "mentions": 3}
    edges = {d["cue"]: d for _, _, d in back.edges(data=True)}
    assert edges == {"said": {"type": "SAID", "label": "SAID", "confidence": 0.8, "cue": "said"},
                     "added": {"type": "SAID", "label": "SAID", "confidence": 1.0, "cue": "added"}}
    assert len({k for _, _, k in back.edges(keys=True)}) == 2  # parallel edges keep ids of their own


def test_characters_xml_cannot_hold_become_replacement_marks_of_the_same_length(tmp_path):
    write_graphml(small_graph(), tmp_path / "g.graphml")
    text = nx.read_graphml(tmp_path / "g.graphml").nodes["quote:1"]["text"]
    assert text == "We won\ufffd\ufffd — “sí” 😀"
    assert len(text) == len(small_graph().graph.nodes["quote:1"]["text"])


def _lxml_graphml(graph: KnowledgeGraph, path) -> None:
    """The writer kg used before its text one: lxml's incremental writer, pretty-printed."""
    from lxml import etree

    from kg.export.graphml import GRAPHML_NS, SCHEMA_LOCATION, XSI_NS, _id, _keys, _text, edge_id, tool_edge, tool_node

    def element(tag, attrs, data, keys):
        out = etree.Element(tag, attrs)
        for name, value in data.items():
            etree.SubElement(out, "data", key=keys[name][0]).text = _text(value)
        return out

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
                    xf.write(element("node", {"id": _id(node)}, tool_node(node, data), node_keys), pretty_print=True)
                for u, v, key, data in graph.edge_items():
                    attrs = {"id": _id(edge_id(u, v, key, data)), "source": _id(u), "target": _id(v)}
                    xf.write(element("edge", attrs, tool_edge(data), edge_keys), pretty_print=True)


def test_the_text_writer_escapes_as_lxml_does_byte_for_byte(tmp_path):
    nasty = 'a & b < c > d "e" \'f\' \r\n\t g \x01\x1f \ud800 \ufffe end'
    g = small_graph()
    g.graph.add_node("person:a&b\"c\x01\\x", label="Person", name=nasty, aliases=[nasty, "x"], mentions=3,
                     score=0.1 + 0.2, missing=None, flag=False)
    g.graph.add_node("article:a&b", label="Article", name="", text="", url=None)
    g.graph.add_edge("person:a&b\"c\x01\\x", "article:a&b", key="k&<", type="MENTIONED_IN", count=2, doc=nasty)
    g.graph.add_edge("article:a&b", "quote:1", key="k", type=nasty)
    for graph, name in ((g, "nasty"), (KnowledgeGraph(), "empty")):
        write_graphml(graph, tmp_path / f"{name}.graphml")
        _lxml_graphml(graph, tmp_path / f"{name}.lxml.graphml")
        assert (tmp_path / f"{name}.graphml").read_bytes() == (tmp_path / f"{name}.lxml.graphml").read_bytes()
    back = nx.read_graphml(tmp_path / "nasty.graphml")  # and a parser reads the escapes back
    assert back.nodes["article:a&b"]["type"] == "Article"
    assert back.nodes["quote:1"]["text"] == "We won\ufffd\ufffd — “sí” 😀"


def test_key_types_counted_by_the_store_are_those_of_a_pass_over_the_records():
    """A store's GraphML declares its keys from types SQLite counts (GraphStore.attribute_types),
    not from a pass over every record: the same keys, whatever the attributes hold or lack."""
    from collections import Counter

    from kg.export.graphml import _counted_types, _keys, _numbered, tool_edge, tool_node
    from kg.store import TypeCounts

    g = KnowledgeGraph()  # labels and types that are numbers, or missing: a missing one counts as ""
    g.graph.add_node("x", name=None, aliases=[], type=3, flag=True)  # no label; a "type" of its own
    g.graph.add_node("y", label=7, score=0.5, extra={"a": 1})
    g.graph.add_edge("x", "y", key="k", id="e1", label="mine", count=None)  # no type; a "label" of its own
    g.graph.add_edge("y", "x", key="k", type=5, parts=[1, 2])

    def counted(records):
        types: dict[str, Counter] = {}
        for data in records:
            for name, value in data.items():
                types.setdefault(name, Counter())[type(value)] += 1
        return TypeCounts(len(records), types)

    nodes = [d for _n, d in g.node_items()]
    edges = [d for *_e, d in g.edge_items()]
    want_nodes = _keys("node", (tool_node(n, d) for n, d in g.node_items()), 0)
    assert _numbered(_counted_types(counted(nodes), "node"), 0) == want_nodes
    assert (_numbered(_counted_types(counted(edges), "edge"), len(want_nodes))
            == _keys("edge", (tool_edge(d) for d in edges), len(want_nodes)))
    assert _counted_types(counted([]), "node") == {}
