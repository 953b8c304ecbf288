"""person → said: direct quotations, indirect speech and mixed forms.

Rules:
- quotation spans are found per paragraph, so an unbalanced mark never swallows the rest
  of the article (textacy gives up on such articles);
- a speech verb (lexicon ``speech_verbs``) with a subject is a cue: its complement clause is
  indirect speech, a quotation in its sentence is direct speech, both together are mixed;
- "according to X" makes X the speaker of the rest of the sentence;
- a paragraph that is only a quotation, right after a quotation by a known speaker,
  continues that speaker's statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.entities import PERSON_PRONOUNS, PLURAL_PRONOUNS, EntityIndex
from kg.lexicons import load_words
from kg.model import EntityRef, Evidence, Triple, TripleObject

EXTRACTOR = "quotes.rules/1"
SPEECH_VERBS = load_words("speech_verbs")
DOCUMENT_NOUNS = load_words("document_nouns")
ROLE_NOUNS = load_words("role_nouns")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CONTENT_DEPS = {"ccomp", "xcomp"}
OPEN_MARKS = "“"
CLOSE_MARKS = "”"
BOTH_MARKS = '"'


@dataclass(frozen=True)
class Quotation:
    """Inner bounds of a quotation (marks excluded)."""

    start: int
    end: int


def find_quotations(text: str) -> list[Quotation]:
    """Quotations paragraph by paragraph; an unclosed one runs to its paragraph's end."""
    out: list[Quotation] = []
    offset = 0
    for paragraph in text.split("\n"):
        open_at: int | None = None
        for i, ch in enumerate(paragraph):
            if ch in OPEN_MARKS or (ch in BOTH_MARKS and open_at is None):
                if open_at is None:
                    open_at = i + 1
            elif (ch in CLOSE_MARKS or ch in BOTH_MARKS) and open_at is not None:
                if i > open_at:
                    out.append(Quotation(offset + open_at, offset + i))
                open_at = None
        if open_at is not None and len(paragraph) - open_at > 1:
            out.append(Quotation(offset + open_at, offset + len(paragraph.rstrip())))
        offset += len(paragraph) + 1
    return out


def _inside(quotes: list[Quotation], char: int) -> Quotation | None:
    return next((q for q in quotes if q.start <= char < q.end), None)


def _noun_phrase(token: Token) -> Span:
    """The subject's words: the token's subtree, cut before a comma-led clause."""
    left = token.left_edge.i
    right = token.i
    for t in token.subtree:
        if t.i > token.i and t.dep_ in ("prep", "pobj", "compound", "amod", "relcl", "acl", "det", "pcomp",
                                        "nmod", "poss", "case", "advmod", "auxpass", "aux", "acomp",
                                        "attr", "cop") and not t.is_punct:
            right = max(right, t.i)
        elif t.i > token.i and t.is_punct:
            break
    return token.doc[left:right + 1]


def resolve_speaker(token: Token, index: EntityIndex) -> EntityRef | None:
    """Who a subject word stands for: a name, a pronoun, a role noun or a nameless group."""
    doc = token.doc
    cluster = index.cluster_at(token)
    if cluster is None:
        for t in token.subtree:
            if t.dep_ in ("compound", "flat") or t.i == token.i:
                cluster = cluster or index.cluster_at(t)
    low = token.lower_
    if cluster is not None and token.pos_ == "PROPN":
        words = [t for t in token.subtree if index.cluster_at(t) is cluster]
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        mention = index.span_of(start, end)
        return index.ref_for(cluster, mention)
    mention = index.span_of(token.idx, token.idx + len(token.text))
    if low in PERSON_PRONOUNS or low in PLURAL_PRONOUNS:
        ref = index.previous_subject(token.idx, plural=low in PLURAL_PRONOUNS)
        if ref is None and low in PLURAL_PRONOUNS:
            ref = index.previous_subject(token.idx, plural=False)
        if ref is None:
            return None
        resolved = EntityRef(ref.id, ref.name, ref.type, mention)
        index.add_mention(resolved)
        return resolved
    if low in ("i", "we", "you", "it", "this", "that", "which", "who"):
        return None
    phrase = _noun_phrase(token)
    if token.lemma_.lower() in DOCUMENT_NOUNS:
        return None
    if token.pos_ == "NOUN" and token.lemma_.lower() in ROLE_NOUNS and token.tag_ in ("NN", "NNP"):
        role = " ".join(t.lower_ for t in phrase if t.dep_ in ("compound", "amod") or t.i == token.i)
        holder = index.holder_of(role) or index.holder_of(token.lemma_)
        if holder is not None:
            resolved = index.ref_for(holder, index.span_of(phrase.start_char, phrase.end_char))
            index.add_mention(resolved)
            return resolved
    if cluster is not None:
        return index.ref_for(cluster, index.span_of(phrase.start_char, phrase.end_char))
    if token.pos_ in ("NOUN", "PROPN"):
        span = index.span_of(phrase.start_char, phrase.end_char)
        kind = "Organization" if token.ent_type_ == "ORG" else "Group"
        return index.mint(kind, span.text, span)
    del doc
    return None


def _addressee(verb: Token, index: EntityIndex) -> EntityRef | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            if child.lower_ in ("it", "this", "that"):
                continue
            return resolve_speaker(child, index)
    return None


def _content_clause(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS:
            tokens = [t for t in child.subtree]
            while tokens and (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that" or tokens[0].is_punct):
                tokens = tokens[1:]
            while tokens and tokens[-1].is_punct and tokens[-1].text not in OPEN_MARKS + CLOSE_MARKS + BOTH_MARKS:
                tokens = tokens[:-1]
            if len(tokens) >= 2:
                return verb.doc[tokens[0].i:tokens[-1].i + 1]
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop space, quotation marks and trailing commas around a statement."""
    while start < end and (text[start].isspace() or text[start] in "“”\"'‘’"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "“”\"',‘’"):
        end -= 1
    return start, end


def extract(doc: Doc, index: EntityIndex) -> Iterator[Triple]:
    """SAID triples in order of appearance."""
    text = doc.text
    quotes = find_quotations(text)
    used: set[Quotation] = set()
    last_speaker: tuple[EntityRef, int] | None = None  # (speaker, end of their quotation)
    for sent in doc.sents:
        sentence = index.span_of(sent.start_char, sent.end_char)
        sent_quotes = [q for q in quotes if sent.start_char <= q.start < sent.end_char or
                       q.start <= sent.start_char < q.end]
        made = False
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in SPEECH_VERBS:
                continue
            if _inside(quotes, verb.idx):
                continue
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            according = None
            if subject is None:
                continue
            speaker = resolve_speaker(subject, index)
            if speaker is None:
                continue
            clause = _content_clause(verb)
            free = [q for q in sent_quotes if q not in used and not (q.start <= verb.idx < q.end)]
            mode = "indirect"
            if clause is not None:
                start, end = _trim(text, clause.start_char, clause.end_char)
                if any(start <= q.start and q.end <= end + 1 for q in free):
                    mode = "mixed"
                    used.update(q for q in free if start <= q.start and q.end <= end + 1)
                elif free and any(q.start <= start and end <= q.end for q in free):
                    mode = "direct"
                    q = next(q for q in free if q.start <= start and end <= q.end)
                    start, end = _trim(text, q.start, q.end)
                    used.add(q)
            elif free:
                q = free[0]
                start, end = _trim(text, q.start, q.end)
                mode = "direct"
                used.add(q)
            else:
                continue
            if end - start < 3:
                continue
            del according
            yield _triple(index, speaker, verb, start, end, mode, sentence, _addressee(verb, index))
            made = True
            if mode != "indirect":
                last_speaker = (speaker, end)
        if made:
            continue
        # continuation: a sentence that is only a quotation right after a quoted speaker
        for q in sent_quotes:
            if q in used or last_speaker is None:
                continue
            between = text[last_speaker[1]:q.start]
            if re.fullmatch(r"[\s“”\".,;:]*(?:[^\n“”\"]{0,60}\b(?:said|added|says)\b[^\n“”\"]{0,40})?[\s“”\".,;:]*",
                            between):
                start, end = _trim(text, q.start, q.end)
                if end - start >= 3:
                    used.add(q)
                    ref = last_speaker[0]
                    yield _triple(index, ref, None, start, end, "direct", sentence, None, confidence=0.6)
                    last_speaker = (ref, end)


def _triple(index: EntityIndex, speaker: EntityRef, verb: Token | None, start: int, end: int, mode: str,
            sentence, addressee: EntityRef | None, *, confidence: float = 0.8) -> Triple:  # noqa: ANN001
    quals: list[tuple[str, object]] = [("mode", mode)]
    if addressee is not None:
        quals.append(("addressee", addressee))
    cue = index.span_of(verb.idx, verb.idx + len(verb.text)) if verb is not None else None
    return Triple(
        relation="SAID",
        subject=speaker,
        object=TripleObject(span=index.span_of(start, end)),
        evidence=Evidence(index.doc_id, sentence, EXTRACTOR, confidence),
        cue=cue,
        qualifiers=tuple(quals),
    )
