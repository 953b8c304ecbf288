"""Groups of an organisation or a person (kg/groups.py): MEMBER_OF in triples, graph, RDF and Neo4j."""

from __future__ import annotations

import pytest
from conftest import analyse
from test_neo4j import _conn
from test_rdf import check_every_format

from kg.export import neo4j as n4
from kg.graph import KnowledgeGraph

TEXT = ("The Harbor Workers Union (HWU) filed a complaint on Monday. HWU lawyers said the port broke the contract. "
        "Mayor Lena Okafor won the vote. Okafor supporters said they would celebrate. Reporters said little.")


@pytest.fixture(scope="module")
def result(nlp):
    return analyse(nlp, TEXT, "groups-1")


def _members(result) -> dict[str, tuple[str, str | None]]:
    return {t.subject.name: (t.object.name, t.object.span.text if t.object.span else None)
            for t in result.triples if t.relation == "MEMBER_OF"}


@pytest.mark.model
def test_a_group_named_by_an_organisation_or_person_is_its_member(result):
    members = _members(result)
    assert members["Harbor Workers Union lawyers"] == ("Harbor Workers Union", "HWU")
    assert members["Lena Okafor supporters"] == ("Lena Okafor", "Okafor")
    assert "reporters" not in {name.lower() for name in members}  # a generic group belongs to no one
    for t in result.triples:
        if t.relation == "MEMBER_OF":
            assert TEXT[t.subject.mention.start:t.subject.mention.end] == t.subject.mention.text
            assert TEXT[t.object.span.start:t.object.span.end] == t.object.span.text


@pytest.mark.model
def test_membership_is_an_edge_and_conforming_rdf(result, tmp_path):
    graph = KnowledgeGraph()
    graph.add(result)
    edges = {(u, v) for u, v, _d in graph.edges("MEMBER_OF")}
    assert ("group:harbor-workers-union-lawyers", "organization:harbor-workers-union") in edges
    check_every_format(graph, tmp_path)


@pytest.mark.model
@pytest.mark.server
def test_membership_loads_into_the_graph_server(result, graph_server):
    graph = KnowledgeGraph()
    graph.add(result)
    with _conn(graph_server).driver() as driver:
        n4.wipe(driver, database=graph_server.database)
        n4.load(graph, driver, database=graph_server.database)
        rows = n4.run_query(driver, "MATCH (g:Group)-[m:MEMBER_OF]->(o) RETURN g.name AS grp, o.name AS owner, "
                                    "m.text AS words ORDER BY grp", database=graph_server.database)
    assert {"grp": "Harbor Workers Union lawyers", "owner": "Harbor Workers Union", "words": "HWU"} in rows
    assert {"grp": "Lena Okafor supporters", "owner": "Lena Okafor", "words": "Okafor"} in rows


@pytest.mark.model
def test_a_group_of_a_person_is_minted_where_the_text_names_it_not_only_when_it_speaks(nlp):
    """"Okafor's campaign", "the Okafor campaign" and "the campaign of Lena Okafor" are one node, a
    MEMBER_OF her, though none of them speaks; "his campaign" is the one man's (Reyes), "the Okafor
    and Reyes campaigns" (two owners) and a noun inside a name make none."""
    text = ("Mayor Lena Okafor and Dan Reyes met voters on Monday. Okafor's campaign bought new ads, the "
            "Okafor campaign hired staff and the campaign of Lena Okafor paid for both. Reyes thanked his "
            "campaign, while the Okafor and Reyes campaigns both lost money. Lena Okafor's loyal backers "
            "waved flags near the Okafor Foundation.")
    r = analyse(nlp, text, "owned-1")
    groups = {e.name: e for e in r.entities if e.type == "Group"}
    campaign = groups["Lena Okafor campaign"]
    assert {m.text for m in campaign.mentions} == {"Okafor's campaign", "Okafor campaign", "campaign of Lena Okafor"}
    assert {"Okafor's campaign", "Okafor campaign"} <= set(campaign.aliases)
    assert {m.text for m in groups["Lena Okafor supporters"].mentions} == {"Lena Okafor's loyal backers"}
    assert {m.text for m in groups["Dan Reyes campaign"].mentions} == {"his campaign"}
    assert [n for n in groups if n.startswith("Dan Reyes")] == ["Dan Reyes campaign"]
    members = {(t.subject.mention.text, t.object.name) for t in r.triples if t.relation == "MEMBER_OF"}
    assert ("Okafor's campaign", "Lena Okafor") in members
    other = analyse(nlp, "Lena Okafor won the vote. The Okafor campaign said the margin was wide.", "owned-2")
    assert campaign.id in {e.id for e in other.entities}  # the same node when it speaks in another article


def test_a_group_of_a_short_name_joins_the_group_of_the_person_the_corpus_merges_it_into():
    """An article that says only "Obama" mints "Obama administration"; once "Obama" merges into
    Barack Obama, its administration is the corpus's "Barack Obama administration"."""
    from kg.model import DocResult, Document, Entity, Span, entity_id

    def result(doc_id: str, person: str) -> DocResult:
        group = f"{person} administration"
        text = f"{person} spoke. The {group} agreed."
        return DocResult(document=Document(id=doc_id, text=text), triples=[], entities=[
            Entity(entity_id("Person", person), "Person", person, (person,), (Span(0, len(person), person),)),
            Entity(entity_id("Group", group), "Group", group, (group,),
                   (Span(text.index(group), text.index(group) + len(group), group),))])

    g = KnowledgeGraph()
    for i in range(3):
        g.add(result(f"a{i}", "Barack Obama"))
    g.add(result("b", "Obama"))
    merged = g.merge_short_names()
    assert merged == {"person:obama": "person:barack-obama",
                      "group:obama-administration": "group:barack-obama-administration"}
    assert g.merge_short_names() == {}


@pytest.mark.model
def test_a_partys_presidential_candidates_are_one_named_group_across_articles(nlp):
    """"The Republican presidential hopefuls" and "top GOP presidential candidates" of two stories are
    one group; an unmarked "GOP hopefuls" joins it only where its article names that group, never
    in a story of a Senate race."""
    first = analyse(nlp, "The Republican presidential hopefuls met in Ohio on Monday, and many GOP hopefuls "
                         "stayed late.", "race-a")
    second = analyse(nlp, "Top GOP presidential candidates left early on Tuesday.", "race-b")
    senate = analyse(nlp, "In Ohio, the GOP hopefuls for the Senate seat met voters on Monday.", "race-c")

    def groups(result):
        return {e.id: {m.text for m in e.mentions} for e in result.entities if e.type == "Group"}

    key = "group:republican-presidential-candidates"
    assert groups(first)[key] == {"Republican presidential hopefuls", "many GOP hopefuls"}
    assert groups(second)[key] == {"Top GOP presidential candidates"}
    assert key not in groups(senate)


@pytest.mark.model
def test_a_group_read_back_by_his_her_or_the_is_the_group_of_the_person_meant(nlp):
    """"Her campaign" and "her loyal backers" after Lena Okafor alone are her campaign and
    supporters, "The campaign said" after "the Okafor campaign" is it too, all MEMBER_OF her at a
    lower confidence and without the words as an alias; a "his" between two men, a "his" inside a
    quotation and "during the campaign" (the race, not the group) are nobody's group."""
    text = ("Lena Okafor toured the port on Monday. Her campaign bought new ads, and her loyal backers waved "
            "flags. The Okafor campaign hired staff. The campaign said the margin was wide. During the "
            "campaign, turnout rose. Dan Reyes met Tom Hale, and his campaign paid. \"His campaign is "
            "broke,\" Okafor said.")
    r = analyse(nlp, text, "owned-3")
    groups = {e.name: e for e in r.entities if e.type == "Group"}
    campaign = groups["Lena Okafor campaign"]
    assert {m.text for m in campaign.mentions} == {"Her campaign", "Okafor campaign", "The campaign"}
    assert {m.text for m in groups["Lena Okafor supporters"].mentions} == {"her loyal backers"}
    assert "Her campaign" not in campaign.aliases and "campaign" not in campaign.aliases
    assert not any(n.startswith(("Dan Reyes", "Tom Hale")) for n in groups), groups
    members = {(t.subject.mention.text, t.object.name, t.evidence.confidence) for t in r.triples
               if t.relation == "MEMBER_OF"}
    assert ("Her campaign", "Lena Okafor", 0.7) in members and ("Okafor campaign", "Lena Okafor", 0.8) in members
    speakers = {(t.subject.name, t.subject.mention.text) for t in r.triples if t.relation == "SAID"}
    assert ("Lena Okafor campaign", "The campaign") in speakers


@pytest.mark.model
def test_his_group_is_not_read_past_a_subject_that_is_someone_else(nlp):
    """"Dan Reyes met the former governor, who defended his administration": the "who" is the
    governor's, so "his administration" is not Reyes's, though he is the one man named."""
    r = analyse(nlp, "Dan Reyes met the former governor, who defended his administration on Monday.", "owned-4")
    assert not any(e.name.startswith("Dan Reyes") for e in r.entities if e.type == "Group")


@pytest.mark.model
def test_a_persons_aides_and_advisers_are_one_group_of_that_person(nlp):
    """"Okafor aides", "her aides" and "Lena Okafor's advisors" / "her advisers": her aides and her
    advisers, two groups of hers (MEMBER_OF her), not nameless "aides" of the article."""
    text = ("Lena Okafor toured the port on Monday. Okafor aides said the visit went well, and her aides "
            "booked a second one. Lena Okafor's advisors were pleased, and her advisers planned more.")
    r = analyse(nlp, text, "owned-5")
    groups = {e.name: {m.text for m in e.mentions} for e in r.entities if e.type == "Group"}
    assert groups["Lena Okafor aides"] == {"Okafor aides", "her aides"}
    assert groups["Lena Okafor advisers"] == {"Lena Okafor's advisors", "her advisers"}
