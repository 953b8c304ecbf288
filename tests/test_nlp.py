"""The pipeline kg loads: only the components it needs, line breaks as sentence ends, cached lemmas."""

from __future__ import annotations

import pytest
from conftest import analyse

from kg.nlp import NEEDED

pytestmark = pytest.mark.model


def test_only_needed_components_run_and_line_breaks_come_before_the_parser(nlp):
    names = nlp.pipe_names
    assert set(names) - {"kg_line_breaks", "kg_attributes", "kg_lemmas"} <= set(NEEDED)
    assert names.index("kg_line_breaks") < names.index("parser")
    # kg's tabled attributes and cached lemmas stand in for spaCy's attribute ruler and
    # lemmatizer (kg.attributes, kg.lemmas), in the same order
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)
    assert names.index("parser") < names.index("kg_attributes") < names.index("kg_lemmas") < names.index("ner")


def test_a_headline_without_a_stop_is_a_sentence_of_its_own(nlp):
    doc = nlp("Mayor Warns of Floods in Spring\nJane Doe said the river would rise by April.")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ["Mayor Warns of Floods in Spring", "Jane Doe said the river would rise by April."]


def test_a_headline_does_not_join_the_speaker_under_it(nlp):
    result = analyse(nlp, "Trump Attacks the Press\nPresident Donald Trump said the media was dishonest.")
    assert [(t.subject.name, t.object.span.text) for t in result.triples if t.relation == "SAID"] == [
        ("Donald Trump", "the media was dishonest")]
