"""kg's cached lemmas (kg.lemmas) are spaCy's rule lemmatizer's, word for word, and stay bounded."""

from __future__ import annotations

import pytest
import spacy

from kg import lemmas as kg_lemmas
from kg.lemmas import CachedLemmas, index_as_sets
from kg.nlp import DEFAULT_MODEL

pytestmark = pytest.mark.model

SENTENCES = [
    "The inspectors were told that the ferries had been running late for weeks.",
    "She's said they'd rather wait; the councillors' budgets are tighter than ever.",
    "Mr. Okafor, who chairs the committee, argued the children's wards were understaffed.",
    "Shares of Northwind fell 4.5% after analysts cut their forecasts, saying margins worsened.",
    "\"We aren't going anywhere,\" the strikers shouted as buses lined up outside.",
    "HEADLINE: Mayors Warn Of Bigger Deficits\nThe mayors warned on Tuesday.",
]


@pytest.fixture(scope="module")
def stock():
    """spaCy as a user loads it: its own lemmatizer, lists and all."""
    return spacy.load(DEFAULT_MODEL)


def test_kg_pipeline_gives_the_lemmas_spacy_gives(nlp, stock):
    assert "kg_lemmas" in nlp.pipe_names and "lemmatizer" in nlp.disabled
    for theirs, ours in zip(stock.pipe(SENTENCES), nlp.pipe(SENTENCES), strict=True):
        assert [(t.text, t.lemma_) for t in ours] == [(t.text, t.lemma_) for t in theirs]
    said = nlp("Officials said the reports were being reviewed.")
    assert [t.lemma_ for t in said][:6] == ["official", "say", "the", "report", "be", "be"]


def test_the_cache_never_outgrows_its_bound_and_still_answers_right(stock, monkeypatch):
    monkeypatch.setattr(kg_lemmas, "MAX_CACHED", 5)
    with stock.select_pipes(disable=["lemmatizer"]):
        docs = list(stock.pipe(SENTENCES))
    lemmatizer = stock.get_pipe("lemmatizer")
    cached = CachedLemmas(lemmatizer.lemmatize)
    for doc in docs:
        cached(doc)
        assert len(cached.cache) <= 5
    expected = [[t.lemma_ for t in doc] for doc in stock.pipe(SENTENCES)]
    assert [[t.lemma_ for t in doc] for doc in docs] == expected


def test_index_as_sets_keeps_every_word_and_every_answer():
    mine = spacy.load(DEFAULT_MODEL)
    theirs = spacy.load(DEFAULT_MODEL)
    lemmatizer = mine.get_pipe("lemmatizer")
    before = {pos: list(words) for pos, words in lemmatizer.lookups.get_table("lemma_index").items()}
    index_as_sets(lemmatizer)
    after = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) and words == set(before[pos]) for pos, words in after.items())
    text = "The geese were flying; he studied harder, the worst of the studies ended, prices rose."
    assert [t.lemma_ for t in mine(text)] == [t.lemma_ for t in theirs(text)]
