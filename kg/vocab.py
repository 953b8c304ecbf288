"""The RDF vocabulary as a closed rdflib namespace, so a misspelt term raises instead of minting one.

``schemas/kg.ttl`` is the source of truth (labels, comments, alignment with schema.org, PROV-O
and Web Annotation); ``tests/test_rdf.py`` checks that this class names exactly its terms.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

KG_NS = "https://kg.example.org/ns#"
OA_NS = "http://www.w3.org/ns/oa#"
SCHEMA_NS = "https://schema.org/"
PROV_NS = "http://www.w3.org/ns/prov#"


class KG(DefinedNamespace):
    """kg: classes and properties of statements extracted from news."""

    _fail = True
    _NS = Namespace(KG_NS)

    # classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Group: URIRef
    Place: URIRef
    Report: URIRef
    Role: URIRef
    Article: URIRef
    Statement: URIRef
    Quotation: URIRef
    RoleAssignment: URIRef
    Membership: URIRef
    Finding: URIRef
    TextSpan: URIRef

    # entities, roles, articles
    identifier: URIRef
    alias: URIRef
    mentionCount: URIRef
    mentionedIn: URIRef
    author: URIRef
    url: URIRef
    datePublished: URIRef

    # statements
    speaker: URIRef
    addressee: URIRef
    addresseeName: URIRef
    inReport: URIRef
    mode: URIRef
    kind: URIRef
    roleHolder: URIRef
    role: URIRef
    roleName: URIRef
    qualifier: URIRef
    organizationName: URIRef
    organization: URIRef
    member: URIRef
    memberOf: URIRef
    foundBy: URIRef
    text: URIRef
    cue: URIRef
    extractor: URIRef
    confidence: URIRef
    inArticle: URIRef
    mentions: URIRef
    refersTo: URIRef

    # evidence spans
    evidence: URIRef
    textSpan: URIRef
    partSpan: URIRef
    cueSpan: URIRef
    mentionSpan: URIRef
    sentenceSpan: URIRef
    roleSpan: URIRef
    memberOfSpan: URIRef
    mentionedSpan: URIRef


class OA(DefinedNamespace):
    """The few W3C Web Annotation terms kg uses for evidence (rdflib ships no OA namespace)."""

    _fail = True
    _NS = Namespace(OA_NS)

    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef


PREFIXES = {
    "kg": KG_NS,
    "oa": OA_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": SCHEMA_NS,
    "prov": PROV_NS,
}
