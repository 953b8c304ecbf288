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
