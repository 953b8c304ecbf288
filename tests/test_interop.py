"""The output files open where people open them: networkx defaults, igraph, Gephi's GEXF.

A graph of two articles that mention the same person is the case that broke Gephi: both
articles' MENTIONED_IN and IN_ARTICLE edges used to share one id, and Gephi drops an edge
whose id it has seen.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from lxml import etree

from kg.export.gexf import write_gexf
from kg.export.graphml import GRAPHML_NS, write_graphml
from kg.graph import KnowledgeGraph, load_graph, save_graph
from kg.model import DocResult, Document, Entity, EntityRef, Evidence, Span, Triple, TripleObject, entity_id

TEXT = 'Ann Lee told reporters: "We will win this vote, and then we will win the next one as well, you will see."'


def _said(doc: str) -> DocResult:
    pid = entity_id("Person", "Ann Lee")
    mention = Span.of(TEXT, 0, 7)
    quote = Span.of(TEXT, 25, len(TEXT) - 1)
    reporters = EntityRef(entity_id("Group", "reporters"), "reporters", "Group", Span.of(TEXT, 13, 22))
    triple = Triple("SAID", EntityRef(pid, "Ann Lee", "Person", mention), TripleObject(span=quote),
                    Evidence(doc, Span.of(TEXT, 0, len(TEXT)), "test", 0.9), cue=Span.of(TEXT, 8, 12),
                    qualifiers=(("mode", "direct"), ("addressee", reporters)))
    return DocResult(Document(doc, TEXT, title=f"Article {doc}"),
                     [Entity(pid, "Person", "Ann Lee", ("Ann Lee", "Lee"), (mention,))], [triple])


@pytest.fixture
def two_articles() -> KnowledgeGraph:
    g = KnowledgeGraph()
    g.add(_said("a"))
    g.add(_said("b"))
    return g


def test_graph_json_reads_with_networkx_defaults(tmp_path, two_articles):
    save_graph(two_articles, tmp_path / "graph.json")
    back = nx.node_link_graph(json.loads((tmp_path / "graph.json").read_text(encoding="utf-8")))
    assert isinstance(back, nx.MultiDiGraph)
    assert back.number_of_edges() == two_articles.graph.number_of_edges() == 8
    assert back.nodes["person:ann-lee"]["name"] == "Ann Lee"


def test_graph_json_of_older_runs_with_links_still_loads(tmp_path, two_articles):
    data = nx.node_link_data(two_articles.graph, edges="links")  # what kg wrote before networkx 3.6's "edges"
    (tmp_path / "graph.json").write_text(json.dumps(data), encoding="utf-8")
    back = load_graph(tmp_path)
    assert nx.utils.graphs_equal(back.graph, two_articles.graph)


def test_graphml_edges_have_unique_ids_and_nodes_their_names_as_labels(tmp_path, two_articles):
    write_graphml(two_articles, tmp_path / "graph.graphml")
    back = nx.read_graphml(tmp_path / "graph.graphml")
    assert back.number_of_edges() == two_articles.graph.number_of_edges()
    ids = etree.parse(str(tmp_path / "graph.graphml")).xpath("//g:edge/@id", namespaces={"g": GRAPHML_NS})
    assert len(ids) == len(set(ids)) == two_articles.graph.number_of_edges()
    assert back.nodes["person:ann-lee"]["label"] == "Ann Lee"
    assert back.nodes["person:ann-lee"]["type"] == "Person"
    quote = next(d for _, d in back.nodes(data=True) if d["type"] == "Quote")
    assert quote["label"].startswith("We will win this vote") and quote["label"].endswith("…")
    assert len(quote["label"]) <= 60
    assert {d["label"] for _, _, d in back.edges(data=True)} == {"SAID", "ADDRESSED_TO", "IN_ARTICLE", "MENTIONED_IN"}


def test_graphml_opens_in_igraph_with_every_edge(tmp_path, two_articles):
    igraph = pytest.importorskip("igraph", reason="igraph is a test extra (pip install -e '.[test]')")
    write_graphml(two_articles, tmp_path / "graph.graphml")
    back = igraph.Graph.Read_GraphML(str(tmp_path / "graph.graphml"))
    assert back.ecount() == two_articles.graph.number_of_edges()
    assert len(set(back.es["id"])) == back.ecount()
    assert "Ann Lee" in back.vs["label"]
    assert set(back.vs["type"]) == {"Person", "Group", "Quote", "Article"}


def test_gexf_reads_back_with_networkx(tmp_path, two_articles):
    write_gexf(two_articles, tmp_path / "graph.gexf")
    back = nx.read_gexf(tmp_path / "graph.gexf")
    assert back.number_of_edges() == two_articles.graph.number_of_edges()
    assert back.nodes["person:ann-lee"]["label"] == "Ann Lee"
    assert back.nodes["person:ann-lee"]["type"] == "Person"
    said = [d for _, _, d in back.edges(data=True) if d.get("relation") == "SAID"]
    assert len(said) == 2 and said[0]["label"] == "SAID" and said[0]["cue"] == "told"
    quote = next(d for _, d in back.nodes(data=True) if d["type"] == "Quote")
    assert TEXT[quote["char_start"]:quote["char_end"]] == quote["text"]


def test_kg_export_writes_gexf_and_graphml(tmp_path, two_articles):
    from kg.cli import main

    save_graph(two_articles, tmp_path / "graph.json")
    assert main(["export", str(tmp_path), "--format", "gexf", "-o", str(tmp_path / "g.gexf")]) == 0
    assert main(["export", str(tmp_path), "--format", "graphml", "-o", str(tmp_path / "g.graphml")]) == 0
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == 8
    assert nx.read_graphml(tmp_path / "g.graphml").nodes["person:ann-lee"]["label"] == "Ann Lee"
