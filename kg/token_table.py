"""The words of a Doc as plain strings, read once per document for the extractors' scans.

Why: every ``for token in doc`` makes a new spaCy ``Token`` object per word, and every
``token.lemma_`` makes a new string; the extractors walk each article a dozen times looking for
a few cue words. Reading the columns once (``Doc.to_array``, one string per distinct value)
lets a scan test the words as strings and make Tokens only for the few that pass. Each column
holds exactly what the Token attribute of the same name returns (``lemma`` lowercased, as the
rules compare it), so a scan that tests the table first and the Token after decides the same.

Kept in ``Doc.user_data`` as plain tuples (never Spans or dataclasses: see STYLE.md), so it
is built once however many extractors ask, and dies with its Doc.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.attrs import DEP, ENT_TYPE, IS_PUNCT, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

KEY = "kg_token_table"
_ATTRS = (LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IS_PUNCT)


class TokenTable(NamedTuple):
    """One tuple per attribute, indexed by token position (``Token.i``)."""

    lower: tuple[str, ...]  # Token.lower_
    lemma: tuple[str, ...]  # Token.lemma_.lower()
    pos: tuple[str, ...]  # Token.pos_
    tag: tuple[str, ...]  # Token.tag_
    dep: tuple[str, ...]  # Token.dep_
    ent_type: tuple[str, ...]  # Token.ent_type_ ("" outside entities)
    punct: tuple[bool, ...]  # Token.is_punct


def token_table(doc: Doc) -> TokenTable:
    """The table of ``doc``, built on first use and kept in its ``user_data``."""
    found = doc.user_data.get(KEY)
    if found is None:
        found = doc.user_data[KEY] = _read(doc)
    return TokenTable(*found)


class _Strings(dict):
    """Id → string, each distinct id looked up in the vocabulary once (lowercased if ``fold``)."""

    def __init__(self, doc: Doc, *, fold: bool = False) -> None:
        super().__init__()
        self.strings = doc.vocab.strings
        self.fold = fold

    def __missing__(self, key: int) -> str:
        word = self.strings[key]
        word = self[key] = word.lower() if self.fold else word
        return word


def _read(doc: Doc) -> tuple[tuple[str | bool, ...], ...]:
    if not len(doc):
        return tuple(() for _ in _ATTRS)
    columns = doc.to_array(list(_ATTRS)).T
    names = _Strings(doc).__getitem__
    lower, pos, tag, dep, ent_type = (tuple(map(names, columns[k].tolist())) for k in (0, 2, 3, 4, 5))
    lemma = tuple(map(_Strings(doc, fold=True).__getitem__, columns[1].tolist()))
    punct = tuple(columns[6].astype(bool).tolist())
    return lower, lemma, pos, tag, dep, ent_type, punct
