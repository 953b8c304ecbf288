"""MENTIONS: who each statement talks about, in triples, the graph, the CLI and the graph server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.graph import KnowledgeGraph, save_graph
from kg.mentions import attach_mentions
from kg.model import DocResult, Document, Entity, EntityRef, Evidence, Span, Triple, TripleObject, entity_id
from kg.state import result_from_json, result_to_json

TEXT = ('Maria Okafor said "Pell and the Harbor Council let Dunmore down." '
        'She added that Pell had not called her.')


def _span(needle: str, start: int = 0) -> Span:
    at = TEXT.index(needle, start)
    return Span.of(TEXT, at, at + len(needle))


def _entity(kind: str, name: str, *mentions: Span) -> Entity:
    return Entity(entity_id(kind, name), kind, name, aliases=tuple(sorted({name, *(m.text for m in mentions)})),
                  mentions=mentions)


def hand_result() -> DocResult:
    okafor = _entity("Person", "Maria Okafor", _span("Maria Okafor"), _span("She"))
    pell = _entity("Person", "Tom Pell", _span("Pell"))  # the second "Pell" was not tagged by the model
    council = _entity("Organization", "Harbor Council", _span("the Harbor Council"))
    dunmore = _entity("Place", "Dunmore", _span("Dunmore"))
    speaker = EntityRef(okafor.id, okafor.name, "Person", _span("Maria Okafor"))
    ev = Evidence("okafor-1", Span.of(TEXT, 0, len(TEXT)), "hand", 0.9)
    said = Triple("SAID", speaker, TripleObject(span=_span("Pell and the Harbor Council let Dunmore down.")), ev,
                  cue=_span("said"))
    added = Triple("SAID", EntityRef(okafor.id, okafor.name, "Person", _span("She")),
                   TripleObject(span=_span("Pell had not called her", 40)), ev, cue=_span("added"))
    entities = [okafor, pell, council, dunmore]
    return DocResult(Document("okafor-1", TEXT), entities, attach_mentions([said, added], entities))


def _mentioned(triple: Triple) -> list[tuple[str, str]]:
    return [(r.name, r.mention.text) for r in triple.qualifier("mentions", ())]


def test_a_statement_mentions_the_entities_its_words_name_with_true_offsets():
    said, added = hand_result().triples
    assert _mentioned(said) == [("Tom Pell", "Pell"), ("Harbor Council", "the Harbor Council"),
                                ("Dunmore", "Dunmore")]
    for ref in said.qualifier("mentions"):
        assert TEXT[ref.mention.start:ref.mention.end] == ref.mention.text
        assert said.object.span.start <= ref.mention.start < ref.mention.end <= said.object.span.end


def test_an_untagged_surname_of_a_known_person_counts_but_a_pronoun_does_not():
    _said, added = hand_result().triples
    assert _mentioned(added) == [("Tom Pell", "Pell")]  # "her" inside the statement is not a mention


def test_mentions_survive_json_and_resume_state():
    result = hand_result()
    record = result.triples[0].to_json()
    assert [m["name"] for m in record["qualifiers"]["mentions"]] == ["Tom Pell", "Harbor Council", "Dunmore"]
    assert result_from_json(json.loads(json.dumps(result_to_json(result)))).triples == result.triples


def test_graph_links_statements_to_what_they_mention_and_who_said_filters_on_it(tmp_path):
    graph = KnowledgeGraph()
    graph.add(hand_result())
    edges = [(graph.graph.nodes[v]["name"], d["starts"]) for _u, v, d in graph.edges("MENTIONS")]
    pell_starts = [TEXT.index("Pell"), TEXT.index("Pell", 40)]
    assert sorted(edges) == sorted([("Tom Pell", [pell_starts[0]]), ("Harbor Council", [TEXT.index("the Harbor")]),
                                    ("Dunmore", [TEXT.index("Dunmore")]), ("Tom Pell", [pell_starts[1]])])
    rows = graph.who_said(about="pell")
    assert [r["statement"] for r in rows] == ["Pell and the Harbor Council let Dunmore down.",
                                              "Pell had not called her"]
    assert graph.who_said(about="Dunmore")[0]["about"] == "Dunmore"
    assert graph.who_said(about="Okafor") == []  # the speaker is not what she talks about
    save_graph(graph, tmp_path / "graph.json")
    from kg.cli import main

    assert main(["who-said", "--about", "harbor", "--graph", str(tmp_path)]) == 0


@pytest.mark.model
def test_seed_statements_mention_sessions_and_trump_where_the_text_names_them(seed_result):
    by_speaker: dict[str, set[str]] = {}
    for t in seed_result.triples:
        if t.relation == "SAID":
            by_speaker.setdefault(t.subject.name, set()).update(r.name for r in t.qualifier("mentions", ()))
    assert {"Donald Trump", "Jeff Sessions"} <= by_speaker["Gene Hamilton"]
    # "The attorney general was aware ...": the role noun is Sessions, the one attorney general
    aware = next(t for t in seed_result.triples if t.relation == "SAID" and "was aware" in t.object.span.text)
    assert ("Jeff Sessions", "The attorney general") in [(r.name, r.mention.text) for r in aware.qualifier("mentions")]
    assert {"Donald Trump", "Jeff Sessions", "Rod Rosenstein"} <= by_speaker["New York Times"]
    # Rosenstein's own statements name neither, so they mention neither
    assert not by_speaker["Rod Rosenstein"] & {"Donald Trump", "Jeff Sessions"}


@pytest.mark.model
def test_cli_who_said_about_trump_on_the_seed(seed_result, tmp_path, capsys):
    from kg.cli import main

    graph = KnowledgeGraph()
    graph.add(seed_result)
    save_graph(graph, tmp_path / "graph.json")
    assert main(["who-said", "--about", "Trump", "--graph", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Gene Hamilton" in out and "Jeff Sessions" in out and "ABOUT" in out
    assert "We need to take away children" not in out


@pytest.mark.server
def test_who_said_about_through_the_graph_server(graph_server, tmp_path, capsys, monkeypatch):
    from kg.cli import main
    from kg.export import neo4j as n4

    for var in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(var, raising=False)
    graph = KnowledgeGraph()
    graph.add(hand_result())
    out = Path(tmp_path)
    save_graph(graph, out / "graph.json")
    where = ["--data-dir", str(graph_server.data_dir)]
    assert main(["load", str(out), "--wipe", *where]) == 0
    capsys.readouterr()
    assert main(["who-said", "--about", "pell", *where]) == 0
    printed = capsys.readouterr().out
    assert "Pell and the Harbor Council" in printed and "Pell had not called her" in printed and "Tom Pell" in printed
    assert main(["who-said", "--about", "Dunmore", *where]) == 0
    printed = capsys.readouterr().out
    assert "let Dunmore down" in printed and "had not called" not in printed
    conn = n4.connection(data_dir=graph_server.data_dir)
    with conn.driver() as driver:
        rows = n4.run_named(driver, "mentions", {"about": "harbor"}, database=conn.database)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    first = readme.split("```cypher\n", 1)[1].split("```", 1)[0]
    assert "MENTIONS" in first and "CONTAINS toLower(q.text)" not in first
    with conn.driver() as driver:
        answered = n4.run_query(driver, first, {"about": "harbor"}, database=conn.database)
    assert [r["statement"] for r in answered] == ["Pell and the Harbor Council let Dunmore down."]
    assert rows == [{"statement_type": "Quote", "statement": "Pell and the Harbor Council let Dunmore down.",
                     "entity": "Harbor Council", "type": "Organization", "starts": [TEXT.index("the Harbor")],
                     "ends": [TEXT.index("the Harbor") + len("the Harbor Council")], "article": "okafor-1"}]


def test_rdf_statements_mention_entities_as_schema_mentions_and_the_shapes_hold():
    import rdflib
    from pyshacl import validate

    from kg.export.rdf import to_rdflib
    from kg.schemas_dir import schema_file
    from kg.vocab import KG

    graph = KnowledgeGraph()
    graph.add(hand_result())
    data = to_rdflib(graph)
    ontology = rdflib.Graph().parse(schema_file("kg.ttl"))
    assert (KG.mentions, rdflib.RDFS.subPropertyOf, rdflib.URIRef("https://schema.org/mentions")) in ontology
    named = {str(o) for _s, o in data.subject_objects(KG.mentions) for o in data.objects(o, rdflib.RDFS.label)}
    assert named == {"Tom Pell", "Harbor Council", "Dunmore"}
    spans = list(data.subject_objects(KG.refersTo))
    assert len(spans) == 4
    conforms, _report, text = validate(data, shacl_graph=rdflib.Graph().parse(schema_file("shapes.ttl")))
    assert conforms, text


def test_view_statement_panel_lists_who_the_statement_is_about():
    from kg.export.view import to_view

    graph = KnowledgeGraph()
    graph.add(hand_result())
    view = to_view(graph)
    okafor = view.nodes[entity_id("Person", "Maria Okafor")]
    assert [e["about"] for e in okafor.evidence] == [["Dunmore", "Harbor Council", "Tom Pell"], ["Tom Pell"]]


@pytest.mark.model
def test_a_role_noun_in_a_statement_is_its_one_holder_and_only_for_that_exact_role(nlp):
    from conftest import analyse

    result = analyse(nlp, 'Sarah Mitchell, the city treasurer, met Deputy Mayor Tom Pell on Monday. Pell said "the '
                          'treasurer was right." He added that "the mayor will sign it."')
    about = {t.object.span.text: [(r.name, r.mention.text) for r in t.qualifier("mentions", ())]
             for t in result.triples if t.relation == "SAID"}
    right = next(v for k, v in about.items() if "was right" in k)
    assert right == [("Sarah Mitchell", "the treasurer")]
    sign = next((v for k, v in about.items() if "will sign" in k), [])
    assert ("Tom Pell", "the mayor") not in sign  # Pell is deputy mayor, not the mayor


def test_a_role_noun_said_of_someone_is_no_mention_of_its_holder(nlp):
    """"that Ruiz will become the nominee": the role is said of Ruiz, not a mention of the one who
    holds it in the article (Ashby, the Republican nominee)."""
    from conftest import analyse

    result = analyse(nlp, "Tom Ashby, the Republican nominee, spoke on Monday. Lee said the nominee would win. "
                          "Allies said Sanders should accept that Jane Ruiz will become the nominee.")
    about = {t.object.span.text: [(r.name, r.mention.text) for r in t.qualifier("mentions", ())]
             for t in result.triples if t.relation == "SAID"}
    assert ("Tom Ashby", "the nominee") in next(v for k, v in about.items() if "would win" in k)
    assert ("Tom Ashby", "the nominee") not in next(v for k, v in about.items() if "will become" in k)


def test_a_country_written_in_capitals_is_a_mention_not_a_pronoun(nlp):
    """"US" is the United States, though "us" is a pronoun; a statement naming it mentions it."""
    from conftest import analyse

    result = analyse(nlp, 'Ann Lee said the US would lift the tariffs next year.')
    [row] = [t for t in result.triples if t.relation == "SAID"]
    assert ("United States", "US") in _mentioned(row)


def test_a_hyphenated_lesser_office_is_no_holder_of_the_bare_role(nlp):
    """"the candidate" is not the one "vice-presidential candidate" of the article (a lesser office
    written with a hyphen is still a lesser office), in a statement or as a speaker."""
    from conftest import analyse

    result = analyse(nlp, "The rollout of vice-presidential candidate Tom Ashby was sloppy. Lee said \"they brought "
                          "this on the candidate's family.\" Later, the candidate said the economy was strong.")
    about = [(r.name, r.mention.text) for t in result.triples if t.relation == "SAID"
             for r in t.qualifier("mentions", ())]
    assert not [a for a in about if a[0] == "Tom Ashby"]
    assert "Tom Ashby" not in {t.subject.name for t in result.triples if t.relation == "SAID"}
