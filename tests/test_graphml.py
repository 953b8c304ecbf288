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
