"""kg's tabled attribute rules (kg.attributes) set what spaCy's attribute ruler sets, word for word."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from kg import attributes as kg_attributes
from kg.attributes import tabled
from kg.nlp import DEFAULT_MODEL

COLUMNS = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
SENTENCES = [
    "I ain't gonna wait, y'all, and we gotta go: let's leave before nothin' is left.",
    "There are three ferries, but they did not sail; she said it was hers, not his.",
    "He'd have told them   that    the councillors' budgets were tighter.\n\nThe mayor did it.",
    "\"You can't,\" said the inspector. \"I will,\" replied Ms. Okafor, who chairs it.",
    "Shares of Northwind fell 4.5% after analysts cut forecasts; somebody sold everything.",
    "C'mon, don't you think it's been getting worse since 'em old rules went?",
]


def _attributes(docs) -> list[list[tuple]]:
    return [[tuple(row) for row in doc.to_array(COLUMNS).tolist()] for doc in docs]


@pytest.mark.model
def test_kg_pipeline_sets_the_attributes_spacys_ruler_sets(nlp):
    stock = spacy.load(DEFAULT_MODEL)
    assert "kg_attributes" in nlp.pipe_names and "attribute_ruler" in nlp.disabled
    assert _attributes(nlp.pipe(SENTENCES)) == _attributes(stock.pipe(SENTENCES))
    assert [t.pos_ for t in nlp("They did it.")] == ["PRON", "VERB", "PRON", "PUNCT"]


def _ruler_pair(patterns: list[dict]):
    """Two blank pipelines with the same ruler: spaCy's own and kg's table of it."""
    theirs = spacy.blank("en")
    theirs.add_pipe("attribute_ruler").add_patterns(patterns)
    ours = spacy.blank("en")
    ours.add_pipe("attribute_ruler").add_patterns(patterns)
    table = tabled(ours.get_pipe("attribute_ruler"))
    assert table is not None
    return theirs, ours, table


RULES = [
    {"patterns": [[{"LOWER": {"IN": ["ferry", "ferries"]}}]], "attrs": {"POS": "NOUN", "LEMMA": "ferry"}},
    {"patterns": [[{"LOWER": {"REGEX": "^sail"}}]], "attrs": {"POS": "VERB", "MORPH": "VerbForm=Fin"}},
    # a later rule wins where both match; an earlier one's other attributes stay
    {"patterns": [[{"LOWER": "ferries"}]], "attrs": {"POS": "PROPN"}},
    # two words, the second one changed (a negative index counts from the end)
    {"patterns": [[{"LOWER": "did"}, {"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not"}, "index": -1},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the", "ferry", "ferries", "did", "n't", "not"]}}]],
     "attrs": {"MORPH": "Other=Yes"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
]


def test_a_table_applies_rules_in_the_rulers_order_with_their_indices():
    theirs, ours, table = _ruler_pair(RULES)
    texts = ["The ferries did n't sail  today.", "A ferry didn't sail; ferries sailed.\n\nSail!"]
    with ours.select_pipes(disable=["attribute_ruler"]):
        mine = [table(doc) for doc in ours.pipe(texts)]
    reference = list(theirs.pipe(texts))
    assert _attributes(mine) == _attributes(reference)
    ferries = mine[0][1]
    assert (ferries.pos_, ferries.lemma_, str(ferries.morph)) == ("PROPN", "ferry", "")
    assert mine[0][3].lemma_ == "not" and mine[0][5].pos_ == "SPACE"


def test_the_cache_stays_bounded_and_answers_right(monkeypatch):
    monkeypatch.setattr(kg_attributes, "MAX_CACHED", 3)
    theirs, ours, table = _ruler_pair(RULES)
    texts = ["The ferries did n't sail.", "Sailors sail ferries; the ferry did not."]
    with ours.select_pipes(disable=["attribute_ruler"]):
        mine = [table(doc) for doc in ours.pipe(texts)]
    assert len(table.answers) <= 3 and all(len(seen) <= 3 for seen in table.seen.values())
    assert _attributes(mine) == _attributes(theirs.pipe(texts))


def test_a_pattern_the_table_cannot_answer_keeps_spacys_ruler():
    with_operator = spacy.blank("en")
    with_operator.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}])
    assert tabled(with_operator.get_pipe("attribute_ruler")) is None
    other_attribute = spacy.blank("en")
    other_attribute.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"SHAPE": "Xxxx"}]], "attrs": {"POS": "PROPN"}}])
    assert tabled(other_attribute.get_pipe("attribute_ruler")) is None
