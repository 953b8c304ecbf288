"""The data model: deterministic ids and the offsets invariant by construction."""

from __future__ import annotations

from kg.model import EntityRef, Evidence, Span, Triple, TripleObject, entity_id, normalise_key


def make_triple(doc: str = "d1", start: int = 10, end: int = 20) -> Triple:
    text = "x" * 40
    return Triple(
        relation="SAID",
        subject=EntityRef(entity_id("Person", "Jeff Sessions"), "Jeff Sessions", "Person", Span.of(text, 0, 3)),
        object=TripleObject(span=Span.of(text, start, end)),
        evidence=Evidence(doc, Span.of(text, 0, 40), "test", 0.9),
    )


def test_entity_ids_fold_case_accents_and_possessives():
    assert entity_id("Person", "Jeff Sessions") == entity_id("Person", "jeff  SESSIONS")
    assert entity_id("Person", "Horowitz’s") == entity_id("Person", "Horowitz")
    assert entity_id("Person", "José Núñez") == "person:jose-nunez"
    assert entity_id("Person", "Trump") != entity_id("Organization", "Trump")


def test_normalise_key_keeps_words_only():
    assert normalise_key("The New York Times") == "the new york times"
    assert normalise_key("x}) DETACH DELETE n //") == "x detach delete n"


def test_triple_id_is_stable_and_depends_on_place():
    assert make_triple().id == make_triple().id
    assert make_triple().id != make_triple(start=11).id
    assert make_triple().id != make_triple(doc="d2").id


def test_span_of_keeps_text_equal_to_slice():
    text = "Sessions told prosecutors"
    span = Span.of(text, 14, 25)
    assert span.text == "prosecutors" == text[span.start:span.end]


def test_triples_deduplicate_in_sets():
    assert len({make_triple(), make_triple()}) == 1


def test_to_json_shape():
    row = make_triple().to_json()
    assert row["relation"] == "SAID" and row["doc"] == "d1"
    assert row["object"] == {"text": "x" * 10, "start": 10, "end": 20}
    assert row["evidence"]["extractor"] == "test"
