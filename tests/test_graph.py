"""The knowledge graph: merge across documents, idempotent adds, node-link round trip."""

from __future__ import annotations

import json

from kg.graph import KnowledgeGraph, from_node_link, load_graph, save_graph, to_node_link
from kg.model import DocResult, Document, Entity, EntityRef, Evidence, Span, Triple, TripleObject, entity_id


def result(doc_id: str, text: str, speaker: str, quote: tuple[int, int], addressee: str | None = None) -> DocResult:
    pid = entity_id("Person", speaker)
    mention = Span.of(text, 0, len(speaker.split()[-1]))
    quals: list = [("mode", "direct")]
    if addressee:
        at = text.index(addressee)
        quals.append(("addressee", EntityRef(entity_id("Group", addressee), addressee, "Group",
                                             Span.of(text, at, at + len(addressee)))))
    triple = Triple("SAID", EntityRef(pid, speaker, "Person", mention), TripleObject(span=Span.of(text, *quote)),
                    Evidence(doc_id, Span.of(text, 0, len(text)), "test", 0.9), cue=None, qualifiers=tuple(quals))
    return DocResult(Document(doc_id, text), [Entity(pid, "Person", speaker, (speaker,), (mention,))], [triple])


TEXT = 'Sessions told prosecutors: "We need to take away children."'


def test_same_person_in_two_documents_is_one_node():
    g = KnowledgeGraph()
    g.add(result("a", TEXT, "Jeff Sessions", (28, 58), "prosecutors"))
    g.add(result("b", TEXT, "Jeff Sessions", (28, 58)))
    persons = list(g.nodes("Person"))
    assert len(persons) == 1
    assert persons[0][1]["mentions"] == 2
    assert len(list(g.nodes("Quote"))) == 2
    assert len(list(g.nodes("Article"))) == 2


def test_adding_a_document_twice_changes_nothing():
    g = KnowledgeGraph()
    g.add(result("a", TEXT, "Jeff Sessions", (28, 58), "prosecutors"))
    before = (g.graph.number_of_nodes(), g.graph.number_of_edges())
    g.add(result("a", TEXT, "Jeff Sessions", (28, 58), "prosecutors"))
    assert (g.graph.number_of_nodes(), g.graph.number_of_edges()) == before
    assert g.graph.nodes["person:jeff-sessions"]["mentions"] == 1


def test_mentions_keep_counting_on_a_graph_read_back_from_json():
    g = KnowledgeGraph()
    g.add(result("a", TEXT, "Jeff Sessions", (28, 58)))
    g.add(result("b", TEXT, "Jeff Sessions", (28, 58)))
    back = from_node_link(to_node_link(g))
    back.add(result("c", TEXT, "Jeff Sessions", (28, 58)))
    back.add(result("b", TEXT, "Jeff Sessions", (28, 58)))  # again: no change
    assert back.graph.nodes["person:jeff-sessions"]["mentions"] == 3


def test_addressee_becomes_an_edge_from_the_quote():
    g = KnowledgeGraph()
    g.add(result("a", TEXT, "Jeff Sessions", (28, 58), "prosecutors"))
    [(quote, target, _)] = list(g.edges("ADDRESSED_TO"))
    assert g.graph.nodes[quote]["label"] == "Quote"
    assert g.graph.nodes[target]["name"] == "prosecutors"


def test_who_said_filters_by_name_and_alias():
    g = KnowledgeGraph()
    g.add(result("a", TEXT, "Jeff Sessions", (28, 58)))
    assert [r["statement"] for r in g.who_said("sessions")] == ['We need to take away children."'[:-1]]
    assert g.who_said("Rosenstein") == []


def test_node_link_round_trip_keeps_everything():
    g = KnowledgeGraph()
    g.add(result("a", TEXT, "Jeff Sessions", (28, 58), "prosecutors"))
    back = from_node_link(to_node_link(g))
    assert dict(back.graph.nodes(data=True)) == dict(g.graph.nodes(data=True))
    assert sorted(back.graph.edges(keys=True)) == sorted(g.graph.edges(keys=True))


def test_streamed_graph_json_is_the_node_link_text(tmp_path):
    g = KnowledgeGraph()
    g.add(result("a", TEXT, "Jeff Sessions", (28, 58), "prosecutors"))
    g.add(result("b", "Peña said: “¡Sí!”", "Enrique Peña Nieto", (11, 17)))
    save_graph(g, tmp_path / "graph.json")
    text = (tmp_path / "graph.json").read_text(encoding="utf-8")
    assert text == json.dumps(to_node_link(g), ensure_ascii=False)
    assert "Peña" in text and dict(load_graph(tmp_path).graph.nodes(data=True)) == dict(g.graph.nodes(data=True))
