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


def test_graph_json_from_the_store_is_the_node_link_text_even_with_clashing_names(tmp_path):
    from kg.store import GraphStore

    store = GraphStore(tmp_path / "store.sqlite")
    store.add(result("a", TEXT, "Jeff Sessions", (28, 58), "prosecutors"))
    store.add(result("b", "Peña said: “¡Sí!”", "Enrique Peña Nieto", (11, 17)))
    memory = store.to_knowledge_graph()
    # attributes named like the keys graph.json adds, and a value that looks like one
    memory.graph.add_node("odd", id="mine", note='"id": "x"')
    memory.graph.add_edge("odd", "odd", key=7, source="s", target="t", key_text='"key": 1')
    memory.graph.add_edge("odd", "odd", key="empty")
    for graph, name in ((store, "store.json"), (memory, "memory.json")):
        save_graph(graph, tmp_path / name)
        want = json.dumps(to_node_link(graph if graph is memory else graph.to_knowledge_graph()), ensure_ascii=False)
        assert (tmp_path / name).read_text(encoding="utf-8") == want
    store.close()


def test_a_statement_in_pieces_and_its_kind_in_the_graph():
    text = '"We tried," Ellen Park said at noon. "We ran out of money."'
    parts = (Span.of(text, 0, 11), Span.of(text, text.index('"We ran'), len(text)))
    park = EntityRef("person:ellen-park", "Ellen Park", "Person", Span.of(text, 12, 22))
    t = Triple("SAID", park, TripleObject(span=Span.of(text, 0, len(text)), parts=parts),
               Evidence("d", Span.of(text, 0, len(text)), "quotes.rules/2", 0.8), cue=Span.of(text, 23, 27),
               qualifiers=(("mode", "direct"), ("kind", "speech")))
    g = KnowledgeGraph()
    g.add(DocResult(Document("d", text), [Entity(park.id, "Person", "Ellen Park", ("Ellen Park",))], [t]))
    ((quote, data),) = g.nodes("Quote")
    assert data["text"] == '"We tried," … "We ran out of money."'  # what was said, without "Ellen Park said"
    assert (data["start"], data["end"]) == (0, len(text))  # the whole, as annotators score it
    assert data["part_starts"] == [0, text.index('"We ran')]
    assert data["part_texts"] == ['"We tried,"', '"We ran out of money."']
    assert [r["kind"] for r in g.who_said()] == ["speech"]
    assert g.who_said(kind="thought") == []
    back = from_node_link(to_node_link(g))
    assert back.graph.nodes[quote]["part_ends"] == [11, len(text)]


def _people(doc_id: str, *names: str) -> DocResult:
    """A document naming ``names`` (persons), one mention each."""
    text = " ".join(names)
    entities, pos = [], 0
    for name in names:
        entities.append(Entity(entity_id("Person", name), "Person", name, (name,), (Span(pos, pos + len(name), name),)))
        pos += len(name) + 1
    return DocResult(document=Document(id=doc_id, text=text), entities=entities, triples=[])


def test_merges_that_chain_end_at_the_last_target_in_memory_and_in_the_store(tmp_path):
    """A nameless node tied to another nameless node that is itself tied to a person: both end in
    the person, and the ids returned (which rewrite triples.jsonl) name only nodes that exist."""
    from kg.store import GraphStore

    for graph in (KnowledgeGraph(), GraphStore(tmp_path / "store.sqlite")):
        graph.add(_people("a", "Ann Lee", "the candidate"))
        graph.add(_people("b", "the senator"))
        done = graph.merge_into({"person:the-senator": "person:the-candidate",
                                 "person:the-candidate": "person:ann-lee"})
        assert done == {"person:the-senator": "person:ann-lee", "person:the-candidate": "person:ann-lee"}
        nodes = graph.entity_nodes() if isinstance(graph, GraphStore) else dict(graph.graph.nodes)
        assert "person:ann-lee" in nodes and not {"person:the-senator", "person:the-candidate"} & set(nodes)


def test_mentioned_in_says_how_each_article_named_the_entity(nlp, tmp_path):
    """The MENTIONED_IN edge lists the article's words for the entity: names and a description resolved to
    it, never a pronoun; "US" in capitals is a name. In memory and in the SQLite store alike."""
    from conftest import analyse

    from kg.store import GraphStore

    text = ("Gov. Maria Okafor of Ohio signed the budget on Monday. The governor said it would help the US "
            "economy. She said Okafor's plan was sound.")
    result = analyse(nlp, text, "budget")
    memory, store = KnowledgeGraph(), GraphStore(tmp_path / "store.sqlite")
    for graph in (memory, store):
        graph.add(result)
        g = graph if graph is memory else graph.to_knowledge_graph()
        forms = {g.graph.nodes[u]["name"]: d["forms"] for u, _v, d in g.graph.edges(data=True)
                 if d.get("type") == "MENTIONED_IN"}
        assert {"Maria Okafor", "The governor"} <= set(forms["Maria Okafor"])
        assert not {"She", "she"} & set(forms["Maria Okafor"])
        assert "US" in forms["United States"]
    store.close()


def test_merged_nodes_keep_the_words_of_both():
    """A node merged into another in the same article (a short name into the full one) keeps both forms."""
    text = "Lee spoke. Ann Lee left."
    lee, ann = entity_id("Person", "Lee"), entity_id("Person", "Ann Lee")
    g = KnowledgeGraph()
    short = Entity(lee, "Person", "Lee", ("Lee",), (Span.of(text, 0, 3),))
    full = Entity(ann, "Person", "Ann Lee", ("Ann Lee",), (Span.of(text, 11, 18),))
    g.add(DocResult(Document("a", text), [short, full], []))
    g._merge_node(lee, ann)
    [(_u, _v, data)] = [e for e in g.graph.edges(data=True) if e[2].get("type") == "MENTIONED_IN"]
    assert data["forms"] == ["Ann Lee", "Lee"] and data["count"] == 2
