"""Entities: one node per real person inside a document and across the corpus.

Unit tests run the real model on sentences of their own; the cross-document merge is tested on
hand-built DocResults; the last test runs every PolNeAR dev article (marked ``shared``).
"""

from __future__ import annotations

import pytest
from conftest import analyse

from kg.graph import KnowledgeGraph
from kg.model import DocResult, Document, Entity, Span, entity_id


def persons(result) -> dict[str, Entity]:
    return {e.name: e for e in result.entities if e.type == "Person"}


# -- inside one document -----------------------------------------------------------------
@pytest.mark.model
def test_two_people_sharing_a_surname_stay_apart(nlp):
    r = analyse(nlp, "Bernie Sanders endorsed Hillary Clinton in July. Sarah Huckabee Sanders, a spokeswoman "
                     "for Donald Trump, called the endorsement weak. Sanders said on Monday that he would "
                     "campaign in Ohio.")
    names = persons(r)
    assert "Bernie Sanders" in names and "Sarah Huckabee Sanders" in names
    assert names["Bernie Sanders"].id != names["Sarah Huckabee Sanders"].id
    # the bare "Sanders" goes to one of them, and never makes a third Sanders
    assert [n for n in names if n.endswith("Sanders")] == ["Bernie Sanders", "Sarah Huckabee Sanders"] or sorted(
        n for n in names if n.endswith("Sanders")) == ["Bernie Sanders", "Sarah Huckabee Sanders"]


@pytest.mark.model
def test_full_name_surname_title_and_middle_initial_are_one_person(nlp):
    r = analyse(nlp, "Donald J. Trump spoke in Ohio. President Donald Trump later flew home. Trump's aides "
                     "said Trump was tired.")
    trumps = [n for n in persons(r) if "Trump" in n]
    assert trumps == ["Donald Trump"], trumps
    assert len(persons(r)["Donald Trump"].mentions) >= 4


@pytest.mark.model
def test_first_name_alone_joins_the_only_person_with_it(nlp):
    r = analyse(nlp, "Hillary Clinton spoke in Iowa on Monday. Hillary told the crowd that she would win.")
    assert [n for n in persons(r) if "Hillary" in n] == ["Hillary Clinton"]


@pytest.mark.model
def test_quoted_nickname_keeps_the_name_whole(nlp):
    r = analyse(nlp, 'In a tradition, Rep. Robert C. "Bobby" Scott opened his yard. Scott said he was happy.')
    scotts = [e for e in persons(r).values() if e.name.endswith("Scott")]
    assert len(scotts) == 1 and scotts[0].name == "Robert C. Scott"
    assert ("Robert C. Scott", "Representative") in {(t.subject.name, t.object.name) for t in r.triples
                                                     if t.relation == "HOLDS_ROLE"}


@pytest.mark.model
def test_headline_words_glued_to_a_name_are_cut_off(nlp):
    r = analyse(nlp, "Clinton Breaks With Obama on Policing\n\nHillary Clinton said on Friday that the police "
                     "needed more training.")
    assert list(persons(r)) == ["Hillary Clinton"], list(persons(r))


@pytest.mark.model
def test_org_tagged_name_with_a_person_cue_is_a_person(nlp):
    r = analyse(nlp, "The Mexican president, Enrique Peña Nieto, met Donald Trump in Mexico City.")
    assert "Enrique Peña Nieto" in persons(r)
    assert not [e for e in r.entities if e.type == "Organization" and "Nieto" in e.name]


@pytest.mark.model
def test_surname_tagged_as_a_place_is_the_person_but_not_after_in(nlp):
    r = analyse(nlp, "Obama nominated Merrick Garland in March. Garland is Obama's nominee to replace Scalia.")
    garland = persons(r).get("Merrick Garland")
    assert garland is not None and len(garland.mentions) == 2
    assert ("Merrick Garland", "nominee") in {(t.subject.name, t.object.name) for t in r.triples
                                             if t.relation == "HOLDS_ROLE"}


@pytest.mark.model
def test_role_noun_resolves_through_holder_of(nlp):
    from kg.entities import EntityIndex
    from kg.extract import roles

    doc = nlp("Attorney General Jeff Sessions met reporters. The attorney general said little.")
    index = EntityIndex(doc, "d")
    index.register_roles(roles.extract(doc, index))
    holder = index.holder_of("attorney general")
    assert holder is not None and holder.name == "Jeff Sessions"


@pytest.mark.model
def test_group_speaker_that_is_a_name_is_the_person(nlp):
    from kg.entities import EntityIndex

    doc = nlp("Donald Trump spoke in Ohio on Monday.")
    index = EntityIndex(doc, "d")
    ref = index.mint("Group", "Trump", Span(0, 5, "Donal"))
    assert ref.type == "Person" and ref.name == "Donald Trump"


# -- across documents ----------------------------------------------------------------------
def _result(doc_id: str, *names: str) -> DocResult:
    text = " ".join(names)
    entities = []
    pos = 0
    for name in names:
        kind, _, label = name.partition(":") if ":" in name else ("Person", "", name)
        entities.append(Entity(entity_id(kind, label), kind, label, (label,), (Span(pos, pos + len(name), name),)))
        pos += len(name) + 1
    return DocResult(document=Document(id=doc_id, text=text), entities=entities, triples=[])


def test_surname_only_node_merges_into_the_dominant_full_name():
    g = KnowledgeGraph()
    for i in range(6):
        g.add(_result(f"a{i}", "Donald Trump"))
    g.add(_result("b", "Ivanka Trump"))
    g.add(_result("c", "Trump"))  # an article that never says "Donald Trump"
    g.add(_result("d", "Organization:Trump"))  # the model's type error
    g.add(_result("e", "Donald J. Trump"))
    merged = g.merge_short_names()
    assert merged == {"person:trump": "person:donald-trump", "organization:trump": "person:donald-trump",
                      "person:donald-j-trump": "person:donald-trump"}
    node = g.graph.nodes["person:donald-trump"]
    assert {"Trump", "Donald J. Trump"} <= set(node["aliases"])
    assert node["mentions"] == 9
    assert "person:ivanka-trump" in g.graph
    assert g.merge_short_names() == {}  # idempotent


def test_merge_chain_ends_at_the_plain_full_name():
    """"Trump" may point at "Donald J. Trump", itself merged away: both land on Donald Trump."""
    g = KnowledgeGraph()
    for i in range(8):
        g.add(_result(f"a{i}", "Donald J. Trump"))
    for i in range(2):
        g.add(_result(f"b{i}", "Donald Trump"))
    g.add(_result("c", "Trump"))
    merged = g.merge_short_names()
    assert merged == {"person:trump": "person:donald-trump", "person:donald-j-trump": "person:donald-trump"}
    assert [n for n, _ in g.nodes("Person")] == ["person:donald-trump"]
    assert g.graph.nodes["person:donald-trump"]["mentions"] == 11


def test_surname_shared_by_two_common_people_is_not_merged():
    g = KnowledgeGraph()
    for i in range(3):
        g.add(_result(f"a{i}", "Bernie Sanders"))
        g.add(_result(f"b{i}", "Sarah Huckabee Sanders"))
    g.add(_result("c", "Sanders"))
    assert g.merge_short_names() == {}
    assert "person:sanders" in g.graph


# -- the PolNeAR dev corpus ---------------------------------------------------------------------
TRUMP_FORMS = {"trump", "donald trump", "donald j trump", "mr trump", "president trump", "donald"}
CLINTON_FORMS = {"clinton", "hillary", "hillary clinton", "hillary rodham clinton", "mrs clinton", "secretary clinton"}
OTHER_TRUMPS = {"ivanka", "melania", "ivana", "eric", "barron", "tiffany", "fred", "lara", "mary", "maryanne"}
OTHER_CLINTONS = {"bill", "chelsea", "william", "george"}


@pytest.mark.shared
@pytest.mark.slow
def test_dev_corpus_has_one_node_for_trump_and_one_for_clinton(dev_results):
    from kg.model import normalise_key

    g = KnowledgeGraph()
    g.add_all(dev_results)
    g.merge_short_names()
    entity_labels = ("Person", "Organization", "Group", "Place")
    trump_nodes, clinton_nodes, strays = set(), set(), []
    for node, data in g.graph.nodes(data=True):
        if data.get("label") not in entity_labels:
            continue
        key = normalise_key(data.get("name", ""))
        if key in TRUMP_FORMS:
            trump_nodes.add(node)
        if key in CLINTON_FORMS:
            clinton_nodes.add(node)
        words = key.split()
        if data["label"] == "Person" and words and words[-1] in ("trump", "clinton") and len(words) > 1:
            first = words[0]
            if key not in TRUMP_FORMS | CLINTON_FORMS and first not in OTHER_TRUMPS | OTHER_CLINTONS:
                strays.append(data["name"])
    assert trump_nodes == {"person:donald-trump"}, trump_nodes
    assert clinton_nodes == {"person:hillary-clinton"}, clinton_nodes
    assert not strays, strays
