"""Entities: one node per real person inside a document and across the corpus.

Unit tests run the real model on sentences of their own; the cross-document merge is tested on
hand-built DocResults; the last test runs every PolNeAR dev article (marked ``shared``).
"""

from __future__ import annotations

import pytest
from conftest import analyse, said

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
    # the bare "Sanders" goes to neither of them (the nearest one, Sarah, is not meant here): a
    # name of its own, which the corpus merge settles
    assert sorted(n for n in names if n.endswith("Sanders")) == ["Bernie Sanders", "Sanders", "Sarah Huckabee Sanders"]
    assert names["Sanders"].id == "person:sanders-test"  # keyed to its article: not the "Sanders" of another


@pytest.mark.model
def test_a_surname_an_honorific_gives_a_second_unnamed_bearer_goes_to_neither(nlp):
    """"Mr. Vance" beside Laura Vance is another Vance: "Governor Vance", written before she is
    named, may be either of them, so it is not hers; "Mrs. Vance" still is."""
    text = ("Governor Vance arrived late to the gala on Friday. His wife, Laura Vance, had planned it for "
            "months, and Mr. Vance thanked the chefs. Mrs. Vance stayed after midnight.")
    r = analyse(nlp, text)
    laura = {(m.start, m.end) for m in persons(r)["Laura Vance"].mentions}
    for at in (text.index("Governor Vance") + 9, text.index("Mr. Vance") + 4):
        assert (at, at + 5) not in laura
    assert (text.index("Mrs. Vance") + 5, text.index("Mrs. Vance") + 10) in laura
    governor = next(e for e in r.entities if any(m.start == text.index("Governor Vance") + 9 for m in e.mentions))
    assert governor.id.endswith("-test")  # a name of its own, keyed to the article


@pytest.mark.model
def test_an_honorific_that_tells_two_bearers_apart_stays_in_their_alias(nlp):
    """Tom and Laura Vance: "Mr. Vance" and "Mrs. Vance" say which is which, so the aliases a
    reader sees keep them; beside one bearer only, the alias is the surname alone."""
    r = analyse(nlp, "Tom Vance and Laura Vance arrived together on Friday. Mr. Vance spoke first, and "
                     "Mrs. Vance followed him.")
    names = persons(r)
    assert "Mr. Vance" in names["Tom Vance"].aliases and "Mrs. Vance" in names["Laura Vance"].aliases
    assert "Mrs. Vance" not in names["Tom Vance"].aliases
    r = analyse(nlp, "Laura Vance arrived on Friday. Mrs. Vance spoke first.")
    assert persons(r)["Laura Vance"].aliases == ("Laura Vance", "Vance")


@pytest.mark.model
def test_the_first_bearer_of_a_name_is_not_the_one_with_a_middle_initial(nlp):
    """"The first Governor Frank Dale" beside Frank T. Dale is the father, not the son: a name
    written after "the first" or "the elder" never takes in a longer one of the same first and last name."""
    r = analyse(nlp, "Frank T. Dale hosted 25 dinners in 2008. The first Governor Frank Dale had hosted "
                     "fewer in 1992.")
    names = persons(r)
    assert names["Frank T. Dale"].id != names["Frank Dale"].id
    r = analyse(nlp, "Frank T. Dale hosted 25 dinners in 2008. Governor Frank Dale said they were fun.")
    assert len([n for n in persons(r) if "Dale" in n]) == 1  # without "the first": one person


@pytest.mark.model
def test_a_man_and_a_woman_named_only_by_honorific_and_surname_stay_apart(nlp):
    """"Mr. Keller" and "Mrs. Keller", no full name given: two people of this article, and the
    bare "Keller" is neither; one honorific alone keeps the surname one node."""
    text = ("Mr. Keller opened the shop in 1990. Mrs. Keller joined him a year later, and Keller said business "
            "was good. Mrs. Keller said she kept the books.")
    r = analyse(nlp, text)
    owner = {e.name: {(m.start, m.end) for m in e.mentions} for e in r.entities if e.type == "Person"}
    mr, mrs = text.index("Mr. Keller") + 4, text.index("Mrs. Keller") + 5
    assert (mr, mr + 6) in owner["Mr. Keller"] and (mrs, mrs + 6) in owner["Mrs. Keller"]
    bare = text.index(" Keller said") + 1
    assert (bare, bare + 6) in owner["Keller"] and len(owner["Keller"]) == 1
    r = analyse(nlp, "Mr. Keller opened the shop in 1990. Keller said business was good, and Mr. Keller smiled.")
    assert [e.name for e in r.entities if e.type == "Person"] == ["Keller"]


@pytest.mark.model
def test_a_gendered_title_is_not_the_one_bearer_of_the_other_gender(nlp):
    """"Congresswoman Keller" beside Tom Keller alone is someone else, as "Mrs. Keller" would be."""
    text = "Tom Keller opened the shop in 1990. Congresswoman Keller visited it on Monday and said she liked it."
    names = persons(analyse(nlp, text))
    at = text.index("Congresswoman Keller") + 14
    assert (at, at + 6) not in {(m.start, m.end) for m in names["Tom Keller"].mentions}
    assert any((m.start, m.end) == (at, at + 6) for e in names.values() for m in e.mentions)


@pytest.mark.model
def test_a_shared_surname_used_before_the_second_bearer_is_named_is_the_first(nlp):
    """"Mr. Bush" written while the article has named only George W. Bush is George W. Bush, though
    Jeb Bush comes later; a surname used again after both are named stays a name of its own."""
    r = analyse(nlp, "Voters still blame President George W. Bush for the war. Mr. Bush defended it on Monday. "
                     "Later his brother Jeb Bush spoke in Iowa.")
    names = persons(r)
    assert "Bush" in {m.text for m in names["George W. Bush"].mentions}
    assert {m.text for m in names["Jeb Bush"].mentions} == {"Jeb Bush", "his brother"}  # (kg.indefinites)
    r = analyse(nlp, "Jeb Bush spoke in Iowa on Monday. Mr. Bush said the race was close. George W. Bush stayed "
                     "in Texas, and Mr. Bush called him.")
    names = persons(r)
    assert not any(m.text == "Bush" for n in ("George W. Bush", "Jeb Bush") for m in names[n].mentions)


@pytest.mark.model
def test_a_surname_two_people_share_is_neither_but_an_honorific_decides(nlp):
    r = analyse(nlp, "Bill Clinton spoke first. Hillary Clinton followed him on stage. Later, Clinton told "
                     "reporters the race was close, and Mrs. Clinton thanked the crowd.")
    names = persons(r)
    assert {"Bill Clinton", "Hillary Clinton", "Clinton"} <= set(names)
    hillary = {(m.start, m.end) for m in names["Hillary Clinton"].mentions}
    text = r.document.text
    assert (text.index("Mrs. Clinton") + 5, text.index("Mrs. Clinton") + 12) in hillary
    assert not any(text[m.start:m.end] == "Clinton" for m in names["Bill Clinton"].mentions)


@pytest.mark.model
def test_an_honorific_of_the_other_gender_is_not_the_one_bearer_of_the_surname(nlp):
    """"Mrs. Ashby" beside Thomas Ashby alone is someone else: a person of this article, named
    with the honorific; "Mr. Ashby" and the bare surname stay his."""
    text = ("Thomas Ashby spoke at the convention. Mr. Ashby said his son had died. Mrs. Ashby stood beside him "
            "and said nothing. Ashby said he was proud.")
    names = persons(analyse(nlp, text))
    assert set(names) == {"Thomas Ashby", "Mrs. Ashby"}
    assert names["Mrs. Ashby"].id == "person:mrs-ashby-test"
    at = text.index("Mrs. Ashby") + 5
    assert [(m.start, m.end) for m in names["Mrs. Ashby"].mentions] == [(at, at + 5)]
    assert len(names["Thomas Ashby"].mentions) == 3


@pytest.mark.model
def test_a_generation_after_a_name_is_another_person(nlp):
    """"Walter Brandt Jr." is the son of Walter Brandt, not him: his own node and his own words."""
    text = ("Walter Brandt Jr. spoke at the rally on Tuesday. His father, Walter Brandt, watched from the stage. "
            "\"We will win,\" Walter Brandt Jr. told supporters. Brandt Jr. later said the crowd was huge.")
    r = analyse(nlp, text)
    names = persons(r)
    assert {"Walter Brandt", "Walter Brandt Jr."} <= set(names)
    assert names["Walter Brandt"].id != names["Walter Brandt Jr."].id == "person:walter-brandt-jr"
    assert [(t.subject.name, t.object.span.text) for t in said(r)] == [
        ("Walter Brandt Jr.", '"We will win,"'), ("Walter Brandt Jr.", "the crowd was huge")]


@pytest.mark.model
def test_two_generations_of_one_name_stay_apart(nlp):
    text = ("The Rev. Nathan Okoro Jr. led the prayer, and Nathan Okoro III read a poem. "
            "\"It was a blessing,\" Okoro III said.")
    r = analyse(nlp, text)
    names = persons(r)
    assert {"Nathan Okoro Jr.", "Nathan Okoro III"} <= set(names)
    assert [t.subject.name for t in said(r)] == ["Nathan Okoro III"]


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
def test_a_given_name_alone_joins_a_full_name_first_met_without_it(nlp):
    r = analyse(nlp, "Wasserman Schultz won her primary. Debbie Wasserman Schultz thanked voters. \"No matter "
                     "what is thrown her way, Debbie gets back up,\" an ally said.")
    assert [n for n in persons(r) if "Debbie" in n or "Schultz" in n] == ["Debbie Wasserman Schultz"]
    assert not [e for e in r.entities if e.name == "Debbie"]


@pytest.mark.model
def test_a_role_noun_refers_back_not_to_a_holder_named_later(nlp):
    r = analyse(nlp, "Anna Berg and Tom Hale met voters in Ohio on Monday. The senator said the plan was sound. "
                     "Later, Sen. Mary Voss said she agreed with the plan.")
    speakers = {t.subject.mention.text: t.subject.name for t in said(r)}
    assert speakers.get("The senator") != "Mary Voss", speakers
    # in a lede, before anyone is named, the role may still point forward
    r = analyse(nlp, "The mayor said on Monday that the bridge would reopen. Mayor Ann Lee spoke at city hall.")
    assert {t.subject.mention.text: t.subject.name for t in said(r)}.get("The mayor") == "Ann Lee"


@pytest.mark.model
def test_a_speaker_phrase_whose_name_is_a_complement_is_not_that_person(nlp):
    r = analyse(nlp, "Bernie Sanders spoke in Iowa. Supporters of Bernie Sanders said they would vote. "
                     "Ann Lee runs the city. A spokesman for Ann Lee said the plan was fine.")
    speakers = {t.subject.mention.text: t.subject.id for t in said(r)}
    assert speakers["Supporters of Bernie Sanders"] != "person:bernie-sanders", speakers
    assert speakers["A spokesman for Ann Lee"] != "person:ann-lee", speakers
    r = analyse(nlp, "Sadiq Khan spoke. Mayor of London Sadiq Khan said it was fine.")
    assert [t.subject.id for t in said(r)] == ["person:sadiq-khan"]


@pytest.mark.model
def test_a_role_noun_with_a_nationality_is_not_a_holder_of_the_bare_role(nlp):
    r = analyse(nlp, "President Tom Ashby spoke with Luc Marchand on Monday. The French president said the "
                     "plan was good.")
    assert "person:tom-ashby" not in {t.subject.id for t in said(r)}


@pytest.mark.model
def test_an_epithet_before_the_one_given_name_is_that_person(nlp):
    r = analyse(nlp, "Hillary Clinton spoke in Ohio on Monday. Her rival kept calling her Crooked Hillary at "
                     "his rallies, and Crooked Hillary answered him on Tuesday.")
    assert [n for n in persons(r) if "Hillary" in n] == ["Hillary Clinton"]


@pytest.mark.model
def test_a_given_name_of_no_clear_gender_is_no_epithet_before_a_surname(nlp):
    """"Rand Paul" after "Paul Ryan": "Rand" is a given name of either gender, not a word of scorn
    before Ryan's given name; the two stay two people."""
    r = analyse(nlp, "House Speaker Paul Ryan said the bill would pass. Sen. Rand Paul disagreed on Monday.")
    assert sorted(n for n in persons(r) if "Paul" in n) == ["Paul Ryan", "Rand Paul"]


def test_a_bare_name_that_is_a_corpus_surname_never_joins_a_bearer_of_that_first_name():
    """"Paul" of one article: Rand and Ron Paul carry it as a surname (neither dominant), so it is
    not Paul Ryan, however often the corpus names him; "Hillary" still joins Hillary Clinton."""
    g = KnowledgeGraph()
    for i in range(4):
        g.add(_result(f"a{i}", "Paul Ryan", "Hillary Clinton"))
    for i in range(2):
        g.add(_result(f"b{i}", "Rand Paul", "Ron Paul"))
    g.add(_result("c", "Paul", "Hillary"))
    assert g.merge_short_names() == {"person:hillary": "person:hillary-clinton"}


@pytest.mark.model
def test_a_bare_name_two_people_carry_as_surname_is_not_a_third_ones_first_name(nlp):
    r = analyse(nlp, "Sen. Rand Paul and his father Ron Paul met Speaker Paul Ryan on Monday. Paul said it went well.")
    names = persons(r)
    said = [t.subject.name for t in r.triples if t.relation == "SAID"]
    assert "Paul Ryan" not in said, said
    assert {"Rand Paul", "Ron Paul", "Paul Ryan"} <= set(names)


@pytest.mark.model
def test_a_plural_title_before_two_names_is_no_part_of_either(nlp):
    r = analyse(nlp, "Barack Obama left office in January. The slow growth under Presidents Obama and Bush "
                     "was a theme of the campaign.")
    assert [n for n in persons(r) if "Obama" in n] == ["Barack Obama"]
    assert len(persons(r)["Barack Obama"].mentions) == 2


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
    from kg.extractors import roles

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


def test_a_surname_an_article_kept_from_its_one_bearer_is_never_glued_back_to_her():
    """An article names Laura Vance and a "Mr. Vance", and kg.entities leaves "Vance" to neither:
    the corpus, where Laura Vance is common, must not give it back to her."""
    g = KnowledgeGraph()
    for i in range(4):
        g.add(_result(f"a{i}", "Laura Vance"))
    result = _result("c", "Laura Vance", "Vance", "Mr. Vance")
    keyed = [Entity(entity_id("Person", f"{e.name} c"), *fields) if e.name == "Vance" else e
             for e in result.entities for fields in [(e.type, e.name, e.aliases, e.mentions)]]
    g.add(DocResult(document=result.document, entities=keyed, triples=[]))  # kg.entities keys it to "c"
    assert g.merge_short_names() == {}


def test_a_person_named_by_honorific_and_surname_merges_into_the_common_bearer_of_that_gender():
    """"Mr. Vance" of an article that names only Laura Vance is the corpus's common Tom Vance; a
    "Mrs. Vance" beside Tom Vance is never him."""
    g = KnowledgeGraph()
    for i in range(4):
        g.add(_result(f"a{i}", "Tom Vance"))
    g.add(_result("c", "Laura Vance", "Mr. Vance"))
    g.add(_result("d", "Tom Vance", "Mrs. Vance"))
    assert g.merge_short_names() == {"person:mr-vance": "person:tom-vance"}
    g = KnowledgeGraph()  # "Mr. Vance" beside two men of that name, left to neither: not a third one either
    for i in range(4):
        g.add(_result(f"a{i}", "Tom Vance"))
    g.add(_result("c", "Carl Vance", "Mr. Vance", "Peter Vance"))
    assert g.merge_short_names() == {}


def test_surname_beside_two_bearers_goes_to_the_one_named_in_twice_the_articles():
    """An article names Bill and Hillary Clinton and says "Clinton" (left to neither inside it):
    the corpus names Hillary in 2.5 times as many articles, so the bare name is hers; with a
    ratio under two it stays alone."""
    g = KnowledgeGraph()
    for i in range(4):
        g.add(_result(f"a{i}", "Hillary Clinton"))
    g.add(_result("b0", "Bill Clinton"))
    g.add(_result("c", "Bill Clinton", "Hillary Clinton", "Clinton"))
    assert g.merge_short_names() == {"person:clinton": "person:hillary-clinton"}

    g = KnowledgeGraph()
    for i in range(2):
        g.add(_result(f"a{i}", "Hillary Clinton"))
    g.add(_result("b0", "Bill Clinton"))
    g.add(_result("c", "Bill Clinton", "Hillary Clinton", "Clinton"))
    assert g.merge_short_names() == {}


def test_surname_goes_to_the_one_bearer_the_corpus_calls_by_it():
    """Barack and Michelle Obama are both named in two articles, but only Barack is called
    "Obama" alone in one of his: the bare "Obama" of another article is his."""
    g = KnowledgeGraph()
    g.add(_result("a0", "Barack Obama"))
    result = _result("a1", "Barack Obama")
    g.add(DocResult(document=result.document, entities=[Entity("person:barack-obama", "Person", "Barack Obama",
                                                               ("Barack Obama", "Obama"), result.entities[0].mentions)],
                    triples=[]))
    g.add(_result("b0", "Michelle Obama"))
    g.add(_result("b1", "Michelle Obama"))
    g.add(_result("c", "Obama"))
    assert g.merge_short_names() == {"person:obama": "person:barack-obama"}


def test_an_honorific_and_surname_an_article_kept_apart_is_the_corpus_bearer_of_that_gender(nlp):
    """"Mr. Varga" beside Maria Varga is another Varga, of that article only; the corpus names one man
    Varga, Peter, in two articles: it is he. A "Mrs. Varga" beside Peter Varga, with no woman Varga
    in the corpus, stays apart."""
    g = KnowledgeGraph()
    for i in range(2):
        g.add(analyse(nlp, "Peter Varga spoke in Budapest on Monday.", f"a{i}"))
    g.add(analyse(nlp, 'Maria Varga, the first lady, greeted the guests at the gala on Monday. '
                       '"It was a fine evening," Mr. Varga said.', "c"))
    g.add(analyse(nlp, 'Peter Varga, the mayor, greeted the guests at the gala on Monday. '
                       '"It was a fine evening," Mrs. Varga said.', "d"))
    merged = g.merge_short_names()
    assert merged == {"person:mr-varga-c": "person:peter-varga"}
    assert "person:mrs-varga-d" in g.graph and "person:maria-varga" in g.graph


def test_a_middle_initial_name_stays_apart_when_the_corpus_gives_that_name_two_middles():
    """"George W. Bush" is not the corpus's "George Bush" when "George H. W. Bush" is named too;
    "Donald J. Trump" still joins Donald Trump."""
    g = KnowledgeGraph()
    for i in range(3):
        g.add(_result(f"a{i}", "George Bush", "Donald Trump"))
    g.add(_result("b", "George W. Bush", "Donald J. Trump"))
    g.add(_result("c", "George H. W. Bush"))
    assert g.merge_short_names() == {"person:donald-j-trump": "person:donald-trump"}


@pytest.mark.model
def test_a_first_and_last_name_with_two_middles_in_the_article_is_neither(nlp):
    """"George Bush" beside George W. and George H.W. Bush may be either: three nodes, and the bare
    "Bush" goes to none of them."""
    r = analyse(nlp, "Former President George W. Bush spoke on Monday. His father, George H.W. Bush, stayed home. "
                     "George Bush was president from 1989.")
    assert sorted(n for n in persons(r) if "Bush" in n) == ["George Bush", "George H.W. Bush", "George W. Bush"]
    r = analyse(nlp, "Former President George H. W. Bush stayed home while George W. Bush spoke.")
    assert sorted(n for n in persons(r) if "Bush" in n) == ["George H. W. Bush", "George W. Bush"]


def test_epithet_before_a_full_name_and_a_name_typed_a_place_merge_into_the_person():
    g = KnowledgeGraph()
    for i in range(3):
        g.add(_result(f"a{i}", "Hillary Clinton", "Marco Rubio"))
    g.add(_result("b", "Crooked Hillary Clinton", "Place:Marco Rubio", "Place:New Hampshire"))
    assert g.merge_short_names() == {"person:crooked-hillary-clinton": "person:hillary-clinton",
                                     "place:marco-rubio": "person:marco-rubio"}


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


# -- issue 15: one node per organisation, group and role; generic groups stay in their article ---
def _by_type(result, kind: str) -> dict[str, Entity]:
    return {e.name: e for e in result.entities if e.type == kind}


@pytest.mark.model
def test_legal_forms_tickers_and_short_names_are_one_company(nlp):
    r = analyse(nlp, "Harlow Mining Corp. (NYSE: HMC) said on Monday that output fell. Shares of HMC dropped "
                     "after Harlow Mining warned of losses, and Harlow said it would cut jobs.")
    orgs = _by_type(r, "Organization")
    assert {"Harlow Mining Corp.", "HMC"} <= set(orgs["Harlow Mining"].aliases), orgs
    assert [n for n in orgs if "Harlow" in n or "HMC" in n] == ["Harlow Mining"], orgs


def test_legal_form_leaves_a_name_but_never_a_bare_word():
    from kg.entities import org_basename

    assert org_basename("Northwind Energy Inc.") == "Northwind Energy"
    assert org_basename("SolarPeak LLC") == "SolarPeak"
    assert org_basename("Vantor Holdings AG") == "Vantor Holdings"
    assert org_basename("News Corp") == "News Corp"
    assert org_basename("American Civil Liberties Union") == "American Civil Liberties Union"


def test_an_organisation_written_several_ways_has_one_identity():
    from kg.entities import org_key

    assert org_key("Department of Justice") == org_key("U.S. Justice Department") == "Justice Department"
    assert org_key("U.S. Senate") == org_key("Senate") == "Senate"
    assert org_key("Fox News Channel") == "Fox News"
    assert org_key("U.S. Steel") == "U.S. Steel" and org_key("Discovery Channel") == "Discovery Channel"


@pytest.mark.model
def test_the_department_of_x_and_the_x_department_are_one_node_in_every_article(nlp):
    one = analyse(nlp, "The Department of Justice opened an inquiry on Monday. Officials at the Justice Department "
                       "declined to comment.", doc_id="a")
    two = analyse(nlp, "The U.S. Senate voted on Friday. Later, the Justice Department said it would appeal.",
                  doc_id="b")
    three = analyse(nlp, "The Justice Department opened an inquiry. The Department of Justice said more.", doc_id="c")
    ids = {e.id for r in (one, two, three) for e in r.entities if "Justice" in e.name}
    assert ids == {"organization:justice-department"}, ids
    assert [len([e for e in r.entities if "Justice" in e.name]) for r in (one, three)] == [1, 1]
    assert "organization:senate" in {e.id for e in two.entities}


@pytest.mark.model
def test_a_bare_national_body_is_not_a_states_body_of_that_name(nlp):
    """"The Senate" after "the Ohio Senate" and "the U.S. Senate" is the nation's, never the state's;
    "The Times" still joins "The New York Times", "the Court" the Supreme Court."""
    r = analyse(nlp, "Ruiz served in the Ohio Senate before she ran. She wants to join the U.S. Senate next year. "
                     "The Senate votes on Monday, The New York Times reported, and the Times said more.")
    orgs = {e.id: sorted(m.text for m in e.mentions) for e in r.entities if e.type == "Organization"}
    assert orgs["organization:ohio-senate"] == ["the Ohio Senate"]
    assert "Senate" in orgs["organization:senate"]
    assert orgs["organization:new-york-times"] == ["The New York Times", "Times"]
    r = analyse(nlp, "The U.S. Supreme Court ruled on Monday. The Court said the law stands.")
    assert [sorted(m.text for m in e.mentions) for e in r.entities if e.type == "Organization"] == [
        ["Court", "The U.S. Supreme Court"]]


@pytest.mark.model
def test_the_white_house_is_one_organisation_however_it_is_tagged(nlp):
    r = analyse(nlp, "Reporters waited outside the White House on Tuesday. The White House said the "
                     "meeting went well, and a spokesman at the White House declined to comment.")
    assert [e for e in r.entities if e.name == "White House"] == [
        e for e in r.entities if e.name == "White House" and e.type == "Organization"]
    assert len([e for e in r.entities if e.name == "White House"]) == 1


@pytest.mark.model
def test_a_group_named_by_its_organisation_either_way_round_is_one_group(nlp):
    r = analyse(nlp, "The Harbor Workers Union (HWU) filed a complaint on Monday. HWU lawyers said the port broke "
                     "the contract. Lawyers from the Harbor Workers Union said they would appeal.")
    groups = [e for e in r.entities if e.type == "Group" and "lawyers" in e.name.lower()]
    assert len(groups) == 1 and groups[0].name == "Harbor Workers Union lawyers", groups


@pytest.mark.model
def test_a_group_of_a_person_is_one_group_however_written(nlp):
    r = analyse(nlp, "Mayor Lena Okafor won the primary. Okafor supporters said they would celebrate. Devoted "
                     "Okafor supporters said the count was fair. Supporters of Lena Okafor said they were happy.")
    groups = [e for e in r.entities if e.type == "Group" and "supporters" in e.name.lower()]
    assert len(groups) == 1 and groups[0].name == "Lena Okafor supporters", groups


@pytest.mark.model
def test_determiners_do_not_make_a_second_group(nlp):
    r = analyse(nlp, "Prosecutors said the deal was fair. The prosecutors added that the judge agreed.")
    groups = [e for e in r.entities if e.type == "Group"]
    assert len(groups) == 1 and groups[0].name == "prosecutors", groups


@pytest.mark.model
def test_generic_groups_stay_in_their_article_named_groups_do_not(nlp):
    one = analyse(nlp, "Analysts said the port would reopen. Harbor Council members said it would not.", "a1")
    two = analyse(nlp, "Analysts said the mine would close. Harbor Council members said it would not.", "a2")
    analysts = [[e.id for e in r.entities if e.name.lower() == "analysts"] for r in (one, two)]
    assert analysts[0] and analysts[1] and analysts[0] != analysts[1]
    members = [[e.id for e in r.entities if e.name == "Harbor Council members"] for r in (one, two)]
    assert members[0] and members[0] == members[1]


@pytest.mark.model
def test_ceo_and_chief_executive_officer_are_one_role_node_and_the_company_is_linked(nlp):
    r = analyse(nlp, "Dana Kim, the CEO of SolarPeak LLC, spoke on Monday. Omar Reyes, the chief executive "
                     "officer of Tidewater Foods, spoke after her.")
    roles = {(t.subject.name, t.object.id) for t in r.triples if t.relation == "HOLDS_ROLE"}
    assert roles == {("Dana Kim", "role:chief-executive-officer"), ("Omar Reyes", "role:chief-executive-officer")}
    graph = KnowledgeGraph()
    graph.add(r)
    works = {(u, v) for u, v, _d in graph.edges("WORKS_FOR")}
    assert works == {("person:dana-kim", "organization:solarpeak"),
                     ("person:omar-reyes", "organization:tidewater-foods")}


def _doc(doc_id: str, *entities: tuple[str, str]) -> DocResult:
    text = " ".join(name for _kind, name in entities)
    out, at = [], 0
    for kind, name in entities:
        out.append(Entity(entity_id(kind, name), kind, name, (name,), (Span.of(text, at, at + len(name)),)))
        at += len(name) + 1
    return DocResult(document=Document(doc_id, text), entities=out)


def test_initials_and_first_word_of_an_organisation_merge_across_articles():
    graph = KnowledgeGraph()
    for i in range(3):
        graph.add(_doc(f"full-{i}", ("Organization", "Harbor Workers Union"), ("Organization", "Northwind Energy")))
    graph.add(_doc("short", ("Organization", "HWU"), ("Organization", "Northwind")))
    merged = graph.merge_short_names()
    assert merged == {"organization:hwu": "organization:harbor-workers-union",
                      "organization:northwind": "organization:northwind-energy"}


def test_a_first_word_that_is_also_a_given_name_still_merges_into_its_organisation():
    """"Wells" of one article is the corpus's Wells Fargo, though "Wells" is a given name too."""
    graph = KnowledgeGraph()
    for i in range(3):
        graph.add(_doc(f"full-{i}", ("Organization", "Wells Fargo")))
    graph.add(_doc("short", ("Organization", "Wells")))
    assert graph.merge_short_names() == {"organization:wells": "organization:wells-fargo"}


def test_a_bare_chamber_never_merges_into_an_organisation_it_ends():
    """"the House" of one article is the House of Representatives, not the corpus's White House."""
    graph = KnowledgeGraph()
    for i in range(3):
        graph.add(_doc(f"full-{i}", ("Organization", "White House"), ("Organization", "Senate Pizza Guild")))
    graph.add(_doc("short", ("Organization", "House"), ("Organization", "Senate")))
    assert graph.merge_short_names() == {}


@pytest.mark.model
def test_a_company_named_with_a_possessive_is_not_the_person_of_that_surname(nlp):
    """"for Wendy’s" owns no noun: the company, never Carl Wendy of the same article."""
    text = "Gina Lutz runs marketing for Wendy’s. She once worked with Carl Wendy at a bank."
    r = analyse(nlp, text)
    assert [m.text for m in persons(r)["Carl Wendy"].mentions] == ["Carl Wendy"]
    assert any(e.type == "Organization" and e.name == "Wendy" for e in r.entities)


@pytest.mark.model
def test_a_country_written_several_ways_is_one_place(nlp):
    r = analyse(nlp, "The U.S. and Britain signed the deal. The United States said America would pay, "
                     "and the UK agreed.")
    assert sorted(e.name for e in r.entities if e.type == "Place") == ["United Kingdom", "United States"]


@pytest.mark.model
def test_an_epithet_before_the_full_name_is_an_alias_when_the_article_uses_it_before_the_given_name(nlp):
    """The model names "Tom Ashby" in "Sleepy Tom Ashby": the article's epithet for Tom ("Sleepy
    Tom") before the full name is an alias too; a capitalised word that is no epithet is not."""
    r = analyse(nlp, "“Sleepy Tom Ashby is spending a fortune on ads against me,” Lena Okafor wrote. “They "
                     "control Sleepy Tom,” she said on Monday. Tom Ashby disagreed, and Dear Lena Okafor replied.")
    names = persons(r)
    assert "Sleepy Tom Ashby" in names["Tom Ashby"].aliases
    assert not any(a.startswith("Dear") for a in names["Lena Okafor"].aliases)


def test_party_members_are_one_named_group_across_articles_and_a_camp_is_its_articles(nlp):
    """'Democrats' of two stories are one named group (the guideline: party members are not
    generic), apart from the party itself; a nameless camp ('conservatives') and a counted few
    ('two Democrats', the field of one race) are each story's own."""
    text = ("Democrats blocked the bill on Tuesday, and the Democratic Party said it would try again. "
            "Two Democrats are still running, and conservatives said they would wait.")
    first, second = analyse(nlp, text, "story-a"), analyse(nlp, text, "story-b")

    def groups(result):
        return {(e.name, e.id) for e in result.entities if e.type == "Group"}

    def group_ids(result, name):
        return {i for n, i in groups(result) if n == name}

    shared = group_ids(first, "Democrats") & group_ids(second, "Democrats")
    assert len(shared) == 1, (groups(first), groups(second))
    assert next(iter(shared)) != entity_id("Organization", "Democratic Party")
    assert len(group_ids(first, "Democrats")) == 2  # the party's members, and the two still running
    assert group_ids(first, "conservatives") and not group_ids(first, "conservatives") & group_ids(
        second, "conservatives")


def test_a_nations_government_is_one_organisation_however_written(nlp):
    """"the Ethiopian government" (the model tags only the adjective) is the "Government of
    Ethiopia" of the same or another article, and a later "the government" is it too."""
    from conftest import analyse

    one = analyse(nlp, "Police arrested the professor in Ethiopia. The Ethiopian government said he had plotted a "
                       "coup. The government declined to say more.", "one")
    two = analyse(nlp, "Officials of the Government of Ethiopia declined to comment on the arrest.", "two")
    gov = [e for e in one.entities if e.type == "Organization" and "government" in e.name.lower()]
    assert [e.id for e in gov] == ["organization:government-of-ethiopia"]
    assert {"Ethiopian government", "The government"} <= {m.text for m in gov[0].mentions}
    assert "organization:government-of-ethiopia" in {e.id for e in two.entities}


def test_an_organisations_possessive_ends_its_name(nlp):
    """"Harbor News Channel’s Nightly", "Harbor Weekly’s Noah Pell" tagged one ORG each (the small
    model's slip, made here by hand): the organisation's name ends at its possessive, and a name
    after it that starts with a given name is a person; "Emily's List" stays whole."""
    from spacy.tokens import Span as SpacySpan

    from kg.entities import EntityIndex

    text = ("Ann Lee was a guest on Harbor News Channel’s Nightly. She told Harbor Weekly’s Noah Pell that "
            "Emily's List won.")
    doc = nlp(text)

    def span(words: str, label: str) -> SpacySpan:
        start = text.index(words)
        return doc.char_span(start, start + len(words), label=label)

    doc.ents = [span("Ann Lee", "PERSON"), span("Harbor News Channel’s Nightly", "ORG"),
                span("Harbor Weekly’s Noah Pell", "ORG"), span("Emily's List", "ORG")]
    index = EntityIndex(doc, "test")
    found = {(c.type, c.name) for c in index.clusters_before(len(text) + 1)}
    assert {("Person", "Noah Pell"), ("Organization", "Emily's List")} <= found
    assert not {name for kind, name in found if "’" in name}
    assert any(kind == "Organization" and name.startswith("Harbor News") for kind, name in found)


def test_a_surname_used_alone_in_two_articles_joins_its_one_full_name_bearer(nlp):
    """"Ortiz" alone in two articles (no other Ortiz there) and "Maria Ortiz" in one: the corpus
    knows one person of that surname, so the bare name is hers. A surname alone in a single
    article stays apart from a bearer named once ("Kowalski" may be another Kowalski)."""
    g = KnowledgeGraph()
    g.add(analyse(nlp, "Governor Maria Ortiz signed the budget bill on Monday in the state capital.", "a"))
    g.add(analyse(nlp, "Ortiz told reporters that the budget would pass before the summer recess.", "b"))
    g.add(analyse(nlp, "On Tuesday, Ortiz promised more money for the schools.", "c"))
    g.add(analyse(nlp, "Mayor Peter Kowalski opened the new library downtown on Friday.", "d"))
    g.add(analyse(nlp, "Kowalski said the library would stay open late on weekdays.", "e"))
    merged = g.merge_short_names()
    assert merged == {"person:ortiz": "person:maria-ortiz"}
    assert "person:kowalski" in g.graph


@pytest.mark.model
def test_a_party_word_with_an_article_is_a_member_not_the_party(nlp):
    """"the Republican told reporters" is one person of the article; "Republican voters" and "the
    Republican Party" still name the party."""
    text = ("Governor Nora Vance toured the flooded towns on Monday. \"We will rebuild,\" the Republican told "
            "reporters in Dayton. The Republican Party praised the visit, and Republican voters cheered. "
            "A Democrat in the legislature said the response was slow.")
    r = analyse(nlp, text)
    speakers = {t.object.span.text: (t.subject.type, t.subject.id) for t in said(r)}
    assert speakers['"We will rebuild,"'] == ("Person", "person:the-republican-test")
    assert speakers["the response was slow"] == ("Person", "person:a-democrat-in-the-legislature-test")
    assert all(t.subject.name == "Republican Party" for t in said(r) if "praised" in t.object.span.text)
    party = next(e for e in r.entities if e.id == "organization:republican-party")
    assert {r.document.text[m.start:m.end] for m in party.mentions} == {"The Republican Party", "Republican"}


@pytest.mark.model
def test_a_byline_name_is_no_antecedent_of_a_pronoun(nlp):
    """"Karen Mills" alone on a line under the headline writes the story, and the headline is no
    one: "she said" is someone in the story."""
    text = ("Dam Repairs Delayed Again\n\nKaren Mills\n\nPublished: 9:10am, 4 May 2025\n\n"
            "Engineers found new cracks in the Kallar dam on Monday. \"We will not reopen the road "
            "this month,\" she said.")
    r = analyse(nlp, text)
    # nobody in the story is a "she": neither the byline nor the headline (a line of its own) speaks
    assert [(t.subject.name, t.object.span.text) for t in said(r)] == []


@pytest.mark.model
def test_a_name_the_model_ran_into_its_portfolio_is_the_person(nlp):
    """"Secretary for Transport Helen Kwok Wai-yin": the model types "Transport Helen Kwok
    Wai-yin" an organisation."""
    text = ("Secretary for Transport Helen Kwok Wai-yin visited the depot on Monday. "
            "\"We are watching the fares closely,\" she told reporters.")
    r = analyse(nlp, text)
    assert "Helen Kwok Wai-yin" in persons(r)
    assert [(t.subject.name, t.object.span.text) for t in said(r)] == [
        ("Helen Kwok Wai-yin", '"We are watching the fares closely,"')]


def test_an_acronym_the_text_defines_in_brackets_is_that_organisation(nlp):
    """"the Atlantic Press Association (APA)" defines APA: the later "APA" is that association, not
    the "Atlantic Ports Authority" whose initials it also is; and a name the model ran into its
    bracket ("Federal Bureau of Investigation (FBI") ends before it, so its node is the name's own."""
    text = ("Lena Okafor of the Atlantic Ports Authority spoke to the Atlantic Press Association (APA) on Monday. "
            "Dan Reyes told the APA it was wrong. The Federal Bureau of Investigation (FBI) said it had "
            "closed the case, and the FBI later reopened it.")
    r = analyse(nlp, text, "acronym-1")
    orgs = {e.name: e for e in r.entities if e.type == "Organization"}
    assert "APA" in orgs["Atlantic Press Association"].aliases
    assert "APA" not in orgs["Atlantic Ports Authority"].aliases
    fbi = orgs["Federal Bureau of Investigation"]
    assert fbi.id == "organization:federal-bureau-of-investigation"
    assert "FBI" in fbi.aliases and not any("(" in a for a in fbi.aliases)


@pytest.mark.model
def test_a_name_the_model_typed_a_person_that_ends_in_center_is_named_after_the_person(nlp):
    """When the model types "Lena Okafor Center" PERSON (it did so for a real museum), the
    centre is an organisation named after her, never another name of hers."""
    from spacy.tokens import Span

    from kg.model import Document
    from kg.pipeline import extract_document

    text = ("Mourners remembered Lena Okafor on Saturday. Another memorial has grown outside the "
            "Lena Okafor Center, a downtown museum that promotes her ideals.")
    doc = nlp(text)
    at = text.index("Lena Okafor Center")
    centre = doc.char_span(at, at + len("Lena Okafor Center"), label="PERSON")
    doc.ents = [e for e in doc.ents if e.end <= centre.start or e.start >= centre.end] + [Span(
        doc, centre.start, centre.end, label="PERSON")]
    r = extract_document(Document(id="test", text=text), doc)
    names = persons(r)
    assert set(names) == {"Lena Okafor"} and "Lena Okafor Center" not in names["Lena Okafor"].aliases
    assert any(e.name == "Lena Okafor Center" and e.type == "Organization" for e in r.entities)


@pytest.mark.model
def test_mr_and_mrs_before_a_surname_are_the_couple(nlp):
    """"Mr. and Mrs. Aziz said" is the couple, a group of the article: not a node called "Mr.",
    not Tariq Aziz alone."""
    text = ("Tariq Aziz spoke at the convention on Thursday. Mr. and Mrs. Aziz said they were proud of their "
            "son. \"He was a hero,\" Mrs. Aziz said.")
    r = analyse(nlp, text)
    assert [(t.subject.name, t.subject.id) for t in said(r)] == [
        ("Mr. and Mrs. Aziz", "group:mr-and-mrs-aziz-test"), ("Mrs. Aziz", "person:mrs-aziz-test")]


def test_the_people_of_a_nation_or_faith_are_each_storys_own(nlp):
    """'Americans' and 'Muslims' of two stories are two groups each (one node for all would tie every
    story together), as 'reporters' are; party members ('Republicans') stay one named group."""
    text = ("Many Americans distrust the plan, Republicans said on Monday. Leaders of Muslims in the city "
            "asked for calm, and Mexicans living there agreed.")
    first, second = analyse(nlp, text, "story-a"), analyse(nlp, text, "story-b")

    def group_id(result, name):
        return next(e.id for e in result.entities if e.type == "Group" and e.name == name)

    for people in ("Americans", "Muslims", "Mexicans"):
        assert group_id(first, people) != group_id(second, people), people
    assert group_id(first, "Republicans") == group_id(second, "Republicans")


@pytest.mark.model
def test_a_body_whose_name_ends_in_church_or_management_is_no_person_whatever_stands_before_it(nlp):
    """A title word before a church's name ("King David ... Church") or a person noun beside a firm's
    ("a major investor, Lakeview Asset Management") made the body a person holding a role."""
    r = analyse(nlp, "A tearful Omar Haddad hugged members of King David Missionary Baptist Church in the city's "
                     "west end. The report misstated the effect on a major investor, Lakeview Asset Management, "
                     "and on its founder, Paul Ortiz.")
    types = {e.name: e.type for e in r.entities}
    assert types["King David Missionary Baptist Church"] == "Organization"
    assert types["Lakeview Asset Management"] == "Organization"
    assert sorted(t.subject.name for t in r.triples if t.relation == "HOLDS_ROLE") == ["Paul Ortiz"]


@pytest.mark.model
def test_what_a_person_has_is_no_part_of_the_name(nlp):
    """"Barack Obama's DOJ": the model stopped at the possessive; the name is not stretched over it."""
    r = analyse(nlp, "Critics said Barack Obama's DOJ, led by an attorney general, had ignored the request.")
    assert [e.name for e in r.entities if e.type == "Person"] == ["Barack Obama"]


@pytest.mark.model
def test_a_name_the_model_typed_an_organisation_is_a_person_its_predicate_gives_a_role(nlp):
    """'Amanda Renteria is the campaign's national political director' (the model typed the name ORG):
    a given name, and "be" a role noun, say a person; a firm named like one ("Morgan Stanley is the
    largest adviser": an adviser may be a firm) stays what the model says."""
    r = analyse(nlp, "Amanda Renteria is the Clinton campaign's national political director. Morgan Stanley "
                     "is the largest adviser on the deal.")
    assert [(t.subject.name, t.object.name) for t in r.triples if t.relation == "HOLDS_ROLE"] == [
        ("Amanda Renteria", "national political director")]
    assert not [e for e in r.entities if e.type == "Person" and e.name == "Morgan Stanley"]


@pytest.mark.model
def test_the_first_of_two_surnames_alone_is_that_person(nlp):
    """'Peña' for Enrique Peña Nieto, 'Sada' for Carlos Manuel Sada Solana: news writes a person of
    two surnames by the first; a middle word that is a given name ("John Paul Jones") is no surname."""
    r = analyse(nlp, "Mexico's ambassador, Carlos Manuel Sada Solana, arrived on Monday. Sada said the talks "
                     "went well. President Enrique Peña Nieto met him. Peña said he was pleased.")
    assert sorted(e.name for e in r.entities if e.type == "Person") == ["Carlos Manuel Sada Solana",
                                                                         "Enrique Peña Nieto"]
    assert [t.subject.name for t in said(r)] == ["Carlos Manuel Sada Solana", "Enrique Peña Nieto"]
    r = analyse(nlp, "John Paul Jones spoke on Monday. Paul said it was fine.")
    assert "John Paul Jones" not in [t.subject.name for t in said(r)]


@pytest.mark.model
def test_a_name_before_a_seat_of_power_is_a_government_not_a_person(nlp):
    """"The Carter White House" is no person named "Carter White House" (who would then take the
    article's "Carter"): an organisation, and "Carter" stays a person of its own."""
    r = analyse(nlp, '"It would be a big story," wrote Tom Ashby, a former aide in the Carter White House. '
                     "Carter did not answer.")
    names = persons(r)
    assert "Carter White House" not in names
    assert "Carter" in names
    assert any(e.type == "Organization" and e.name == "Carter White House" for e in r.entities)


@pytest.mark.model
def test_a_kin_name_the_model_typed_a_body_is_a_person(nlp):
    """The small model types some "Given Surname's" an organisation (it does so with a president's
    name before "2008 campaign"); with a gendered given name and the surname of a person the article
    names, it is a person, so "President Vance" is no longer the one full-name bearer's, Laura's."""
    from spacy.tokens import Span as DocSpan

    from kg.entities import EntityIndex
    text = ("Whole lines of the address echoed Laura Vance's 2012 speech. \"It is copying,\" said Tom Ashby, the "
            "chief strategist of Peter Vance's 2008 campaign. President Vance has since left office.")
    doc = nlp(text)
    doc.ents = [DocSpan(doc, e.start, e.end, label="ORG") if e.text.startswith("Peter") else e for e in doc.ents]
    clusters = {c.name: c for c in EntityIndex(doc, "test").clusters_before(len(text) + 1)}
    assert clusters["Peter Vance"].type == "Person"
    assert [m.text for m in clusters["Laura Vance"].mentions] == ["Laura Vance"]


@pytest.mark.model
def test_a_county_is_no_kin_of_a_headline_name(nlp):
    """The kin rule needs a full name that starts with a gendered given name and a name the model
    typed an organisation: a headline's "Harbor County" tagged PERSON makes no "Jasper County" (a
    place) a person."""
    from spacy.tokens import Span as DocSpan

    from kg.entities import EntityIndex
    text = "Harbor County Says Lee Will Win.\n\nJasper County, Ohio, has picked every winner since 1960."
    doc = nlp(text)
    spans = [DocSpan(doc, 0, 2, label="PERSON"), DocSpan(doc, 8, 10, label="ORG")]
    assert [s.text for s in spans] == ["Harbor County", "Jasper County"]
    doc.ents = spans
    clusters = {c.name: c for c in EntityIndex(doc, "test").clusters_before(len(text) + 1)}
    assert clusters["Jasper County"].type != "Person"


@pytest.mark.model
def test_a_thing_of_a_described_entity_is_not_that_entity(nlp):
    """"criticized the party's lack of awareness": the phrase is a thing of the party, never a mention of it."""
    r = analyse(nlp, "The Republican Party met in Ohio. In his speech, Senator Ann Lee urged Republicans to act, "
                     "and criticized the party’s lack of environmental awareness.")
    party = next(e for e in r.entities if e.name == "Republican Party")
    assert not any("lack" in m.text for m in party.mentions)


def test_a_word_the_model_also_takes_for_a_person_is_no_organisations_short_form(nlp):
    """"Bloomberg" the model tags a person here and an organisation there, beside "the Bloomberg
    Express" (a campaign's nickname): the bare word is never that organisation's short form (the
    corpus may still merge a one-word name into the person); "Northwind" after "Northwind Energy",
    never a person's, still is."""
    text = ("For those of you not yet on the Bloomberg Express, I know you don't want to vote for Hill, but the "
            "pundits say that Bloomberg is a fraud.\n\nOf all the arguments against Bloomberg, Carter settled on "
            "immigration. Bloomberg told Newsmax that the plan was maniacal.\n\nBloomberg went on to promote his "
            "show. Bloomberg's one and only policy guy is Steve Moss.\n")
    express = next(e for e in analyse(nlp, text).entities if e.name == "Bloomberg Express")
    assert {m.text for m in express.mentions} == {"the Bloomberg Express"}
    firm = analyse(nlp, "Northwind Energy cut jobs on Monday. Shares of Northwind fell 4 percent.")
    assert "Northwind" in {m.text for e in firm.entities if e.name == "Northwind Energy" for m in e.mentions}
