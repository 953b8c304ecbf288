"""One document through every extractor: spaCy Doc in, DocResult out. Pure, no I/O."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.entities import EntityIndex
from kg.extract import findings, quotes, roles
from kg.mentions import attach_mentions, role_noun_refs
from kg.model import DocResult, Document, Triple


def extract_document(document: Document, sdoc: Doc) -> DocResult:
    """Entities first, then roles (they let role nouns resolve), then quotes and findings, then who
    each statement mentions."""
    index = EntityIndex(sdoc, document.id)
    triples: list[Triple] = []
    role_triples = list(roles.extract(sdoc, index))
    index.register_roles(role_triples)
    triples.extend(role_triples)
    reports = findings.ReportResolver(sdoc, index)
    triples.extend(findings.extract(sdoc, index, reports))
    triples.extend(quotes.extract(sdoc, index))
    triples = findings.link_reports(triples, sdoc, index, reports)
    unique = list(dict.fromkeys(triples))
    unique.sort(key=lambda t: (t.evidence.sentence.start, t.object.span.start if t.object.span else 0, t.relation))
    entities = index.entities()
    triples = attach_mentions(unique, entities, extra=role_noun_refs(sdoc, index))
    return DocResult(document=document, entities=entities, triples=triples)
