"""Two descriptions under one "the" that name, in order, the two people named just before them.

"Ann Lee and Tom Ruiz are level in Ohio. ... the Ohio senator and business owner each have 27
percent": a reader takes the descriptions respectively, "the Ohio senator" for Ann Lee and "business
owner" for Tom Ruiz. Only when the words are plainly two (a plural verb, "each" or "both" after
them), each a person's noun, and the sentence before them (or their own, before them) names exactly
one pair of people joined by "and" (not the end of a list) and no one else between that pair and
the words; never two heads alike, nor a person the article gives the other's head.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.entities import Cluster, entity_of
from kg.extractors.roles import is_head

PLURAL = {"each", "both", "are", "were", "have", "agree", "say"}  # words after the pair that make it two
MODIFIER_POS = {"ADJ", "NOUN", "PROPN"}


def respective(doc: Doc, person: Callable[[Token], Cluster | None], holders: Callable[[str], set[str]]
               ) -> Iterator[tuple[int, int, str]]:
    """(start token, end token, person id) for each description taken respectively. ``person``: the
    person a name's first token names; ``holders``: the people the article gives a role of that head."""
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            if doc[i].lower_ != "the":
                continue
            found = _pair_of_heads(doc, i, sent.end)
            if found is None:
                continue
            first_end, second_start, second_end = found
            people = _named_pair(doc, i, person)
            if people is None:
                continue
            one, two = people
            head1, head2 = doc[first_end - 1].lemma_.lower(), doc[second_end - 1].lemma_.lower()
            if head1 == head2 or two.id in holders(head1) or one.id in holders(head2):
                continue
            yield i, first_end, one.id
            yield second_start, second_end, two.id


def _pair_of_heads(doc: Doc, i: int, end: int) -> tuple[int, int, int] | None:
    """For "the" at ``i``: (end of the first description, start and end of the second) when "the"
    opens "MODIFIERS HEAD and [the] MODIFIERS HEAD" followed by a word that makes them two."""
    j = i + 1
    while j < end and doc[j].pos_ in MODIFIER_POS and doc[j].ent_type_ != "PERSON" and doc[j].lower_ != "and":
        j += 1
    if j == i + 1 or j >= end or doc[j].lower_ != "and" or not _person_noun(doc[j - 1]):
        return None
    start = j + 1
    k = start + (1 if start < end and doc[start].lower_ == "the" else 0)
    m = k
    while m < end and doc[m].pos_ in MODIFIER_POS and doc[m].ent_type_ != "PERSON":
        m += 1
    if m == k or m >= end or not _person_noun(doc[m - 1]) or doc[m].lower_ not in PLURAL and doc[m].tag_ != "VBP":
        return None
    return j, start, m


def _person_noun(token: Token) -> bool:
    return token.tag_ == "NN" and token.text.islower() and is_head(token)


def _named_pair(doc: Doc, i: int, person: Callable[[Token], Cluster | None]) -> tuple[Cluster, Cluster] | None:
    """The one pair "X and Y" of two people named in the sentence before ``i``'s or in its own before
    ``i``, with no other person named after the pair and before ``i``."""
    sent = doc[i].sent
    begin = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    names: list[tuple[SpacySpan, Cluster]] = []
    k = begin
    while k < i:
        ent = entity_of(doc[k])
        if ent is not None and ent.label_ == "PERSON" and (cluster := person(doc[ent.start])) is not None:
            names.append((ent, cluster))
            k = ent.end
        else:
            k += 1
    pairs = [n for n, (a, b) in enumerate(zip(names, names[1:], strict=False))
             if a[0].end + 1 == b[0].start and doc[a[0].end].lower_ == "and" and a[1].id != b[1].id]
    if len(pairs) != 1 or pairs[0] + 2 != len(names):
        return None
    first = names[-2][0].start
    if first >= 2 and doc[first - 1].text == "," and doc[first - 2].ent_type_ == "PERSON":
        return None  # the end of a list ("Lee, Ruiz and Moss"): more than two were named
    return names[-2][1], names[-1][1]
