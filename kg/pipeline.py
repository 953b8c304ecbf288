"""One document through every extractor: spaCy Doc in, DocResult out. Pure, no I/O."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg import groups
from kg.descriptions import describe, with_nameless_nodes
from kg.entities import EntityIndex
from kg.extractors import findings, quotes, roles
from kg.mentions import attach_mentions, role_noun_refs
from kg.model import DocResult, Document, EntityRef, Span, Triple


def extract_document(document: Document, sdoc: Doc) -> DocResult:
    """Entities first, then roles (they let role nouns resolve) and the descriptions they make
    unique, then quotes and findings, then who each statement mentions."""
    index = EntityIndex(sdoc, document.id)
    triples: list[Triple] = []
    role_triples = list(roles.extract(sdoc, index))
    index.register_roles(role_triples)
    described, left_open = describe(sdoc, index, role_triples)
    for found in described:
        if found.names_speaker:
            index.describe(found.entity_id, found.phrase or found.span)  # "his father said": the father
    triples.extend(role_triples)
    reports = findings.ReportResolver(sdoc, index)
    triples.extend(findings.extract(sdoc, index, reports))
    triples.extend(quotes.extract(sdoc, index))
    triples = findings.link_reports(triples, sdoc, index, reports)
    groups.mention_owned(sdoc, index)  # after the speakers: "Trump's campaign said" is minted once
    groups.mention_party_candidates(sdoc, index)
    triples.extend(groups.memberships(index))  # after the speakers, who mint the groups
    for found in described:  # after the speakers: a description never becomes a pronoun's antecedent
        index.add_description(found.entity_id, found.span, alias=found.specific)
    unique = list(dict.fromkeys(triples))
    unique.sort(key=lambda t: (t.evidence.sentence.start, t.object.span.start if t.object.span else 0, t.relation))
    entities = index.entities()
    left_open = with_nameless_nodes(left_open, entities, document.id)
    triples = attach_mentions(unique, entities, extra=role_noun_refs(sdoc, index))
    if index.text != document.text:  # the model read a defused text (kg.text): words from the original
        triples = [_restore_triple(t, document.text) for t in triples]
        entities = [replace(e, mentions=tuple(Span.of(document.text, m.start, m.end) for m in e.mentions))
                    for e in entities]
        left_open = [replace(d, span=Span.of(document.text, d.span.start, d.span.end)) for d in left_open]
    return DocResult(document=document, entities=entities, triples=triples, descriptions=left_open)


def _restore_triple(t: Triple, text: str) -> Triple:
    """``t`` with every span's words cut from ``text`` (same offsets: the defused text kept them)."""
    def span(s: Span | None) -> Span | None:
        return None if s is None else Span.of(text, s.start, s.end)

    def ref(r: EntityRef) -> EntityRef:
        return replace(r, mention=span(r.mention))

    def qualifier(value: object) -> object:
        if isinstance(value, EntityRef):
            return ref(value)
        if isinstance(value, tuple) and value and all(isinstance(v, EntityRef) for v in value):
            return tuple(ref(v) for v in value)  # the entities a statement mentions
        return value

    obj = t.object
    if obj.span is not None:
        restored = span(obj.span)
        obj = replace(obj, span=restored, name=restored.text if obj.name == obj.span.text else obj.name)
    return replace(t, subject=ref(t.subject), object=obj, cue=span(t.cue),
                   evidence=replace(t.evidence, sentence=span(t.evidence.sentence)),
                   qualifiers=tuple((k, qualifier(v)) for k, v in t.qualifiers))
