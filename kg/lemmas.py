"""Lemmas from a cache keyed by the word, its part of speech and its morphology.

spaCy's rule lemmatizer makes a Token and reads its morphology for every word of every Doc, and
keeps no answer for a word in its base form or a proper noun (most words of news), so it costs
about as much as the tagger. Its answer depends only on the word's text, part of speech and
morphology, so kg asks it once per such triple and writes the lemmas of a Doc as one array: the
same lemmas, several times faster. A word the attribute ruler already gave a lemma keeps it, as
with spaCy's own component.

Each new word still goes through spaCy's rules, which test every candidate form for membership
in the lemma index, a list of up to 57,528 words per part of speech: :func:`index_as_sets` turns
those lists into sets once (the same answers; a new word costs microseconds, not a scan).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

# answers kept at most (a (word, tag, morphology) each; ~200 bytes): a run over years of news
# keeps meeting new words, and the cache must not grow with them
MAX_CACHED = 200_000


def index_as_sets(lemmatizer: Lemmatizer) -> None:
    """The rule lemmatizer's lemma index with sets for lists: it only ever asks ``form in index``."""
    table = lemmatizer.lookups.get_table("lemma_index", None)
    if table is not None:
        for pos, words in list(table.items()):
            if isinstance(words, list):
                table[pos] = frozenset(words)


class CachedLemmas:
    """Sets ``Token.lemma`` for a Doc from a cache of ``lemmatize``'s answers (spaCy's own rule lemmatizer)."""

    def __init__(self, lemmatize: Callable[[Token], list[str]]) -> None:
        self.lemmatize = lemmatize
        self.cache: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = doc.vocab.strings
        cache = self.cache
        lemmas = rows[:, 3:].copy()  # one column, uint64 as from_array wants it
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue  # the attribute ruler's, kept as spaCy's lemmatizer keeps it
            key = (orth, pos, morph)
            text = cache.get(key)
            if text is None:
                if len(cache) >= MAX_CACHED:
                    cache.clear()
                text = cache[key] = self.lemmatize(doc[i])[0]
            lemmas[i, 0] = strings.add(text)
        doc.from_array([LEMMA], lemmas)
        return doc
