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

from spacy.attrs import DEP, ENT_TYPE, IDX, IS_PUNCT, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

KEY = "kg_token_table"
TEXT_KEY = "kg_text"  # the text the model read, kept by kg.nlp.read: Doc.text rebuilds it from every Token
_ATTRS = (LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IS_PUNCT, IDX)


class TokenTable(NamedTuple):
    """One tuple per attribute, indexed by token position (``Token.i``)."""

    lower: tuple[str, ...]  # Token.lower_
    lemma: tuple[str, ...]  # Token.lemma_.lower()
    pos: tuple[str, ...]  # Token.pos_
    tag: tuple[str, ...]  # Token.tag_
    dep: tuple[str, ...]  # Token.dep_
    ent_type: tuple[str, ...]  # Token.ent_type_ ("" outside entities)
    punct: tuple[bool, ...]  # Token.is_punct
    idx: tuple[int, ...]  # Token.idx (its first character's offset in the text)


def token_table(doc: Doc) -> TokenTable:
    """The table of ``doc``, built on first use and kept in its ``user_data``."""
    global _last
    found = doc.user_data.get(KEY)
    if found is None:
        found = doc.user_data[KEY] = _read(doc)
    last = _last
    if last is not None and last[0] is found:  # asked ~300 times an article: one TokenTable, not one a call
        return last[1]
    table = TokenTable(*found)
    _last = (found, table)
    return table


_last: tuple[object, TokenTable] | None = None  # the columns last asked for, and their TokenTable


def doc_text(doc: Doc) -> str:
    """``doc.text``, without making a Token per word when :func:`keep_text` kept the text read."""
    text = doc.user_data.get(TEXT_KEY)
    return doc.text if text is None else text


def keep_text(doc: Doc, text: str) -> None:
    """Remember ``text`` as ``doc``'s text for :func:`doc_text`, if it is (spaCy's tokens lose no
    character, so the last token ends where the text does)."""
    if not len(doc) and not text or len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data[TEXT_KEY] = text


# id → string (and id → lowercased string, for lemmas), shared by the documents of a process: a
# string's id is its hash, the same in every vocabulary, so the words of one article are mostly
# found already. Started afresh past _SEEN_LIMIT entries, so memory stays bounded (~10 MB).
_SEEN_LIMIT = 100_000
_seen: tuple[dict[int, str], dict[int, str]] = ({}, {})


def _spread(ids: list[int], names: dict[int, str], doc: Doc, *, fold: bool = False) -> tuple[str, ...]:
    """The string of each id, each id missing from ``names`` looked up in the vocabulary once."""
    strings = doc.vocab.strings
    for key in set(ids).difference(names):
        names[key] = strings[key].lower() if fold else strings[key]
    return tuple(map(names.__getitem__, ids))


def _read(doc: Doc) -> tuple[tuple[str | bool | int, ...], ...]:
    global _seen
    if not len(doc):
        return tuple(() for _ in _ATTRS)
    if len(_seen[0]) + len(_seen[1]) > _SEEN_LIMIT:
        _seen = ({}, {})  # a new pair, not cleared in place: another thread may be reading the old one
    names, folded = _seen
    columns = doc.to_array(list(_ATTRS)).T
    lower, pos, tag, dep, ent_type = (_spread(columns[k].tolist(), names, doc) for k in (0, 2, 3, 4, 5))
    lemma = _spread(columns[1].tolist(), folded, doc, fold=True)
    punct = tuple(columns[6].astype(bool).tolist())
    return lower, lemma, pos, tag, dep, ent_type, punct, tuple(columns[7].tolist())
