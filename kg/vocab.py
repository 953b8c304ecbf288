"""The RDF vocabulary as closed namespaces, so a misspelt term raises instead of minting one.

``schemas/kg.ttl`` is the source of truth (labels, comments, alignment with schema.org, PROV-O
and Web Annotation); ``tests/test_rdf.py`` checks that :data:`KG_TERMS` names exactly its terms.
"""

from __future__ import annotations

KG_NS = "https://kg.example.org/ns#"
OA_NS = "http://www.w3.org/ns/oa#"
SCHEMA_NS = "https://schema.org/"
PROV_NS = "http://www.w3.org/ns/prov#"


KG_TERMS = (
    # classes
    "Entity", "Person", "Organization", "Group", "Place", "Report", "Role", "Article", "Statement",
    "Quotation", "RoleAssignment", "Membership", "Finding", "TextSpan",
    # entities, roles, articles
    "identifier", "alias", "mentionCount", "mentionedIn", "mentionedAs", "author", "url", "datePublished",
    # statements
    "speaker", "addressee", "addresseeName", "inReport", "mode", "kind", "roleHolder", "role", "roleName",
    "qualifier", "organizationName", "organization", "member", "memberOf", "foundBy", "text", "cue",
    "extractor", "confidence", "inArticle", "mentions", "refersTo",
    # evidence spans
    "evidence", "textSpan", "partSpan", "cueSpan", "mentionSpan", "sentenceSpan", "roleSpan", "memberOfSpan",
    "mentionedSpan",
)
OA_TERMS = (
    "SpecificResource", "TextPositionSelector", "TextQuoteSelector", "hasSource", "hasSelector", "start",
    "end", "exact",
)


def _closed(name: str, namespace: str, terms: tuple[str, ...], doc: str) -> type:
    from rdflib.namespace import DefinedNamespace, Namespace
    from rdflib.term import URIRef

    return type(name, (DefinedNamespace,), {"__doc__": doc, "__module__": __name__, "_fail": True,
                                            "_NS": Namespace(namespace),
                                            "__annotations__": {term: URIRef for term in terms}})


def __getattr__(name: str) -> type:
    """``KG`` and ``OA``, made on first use: rdflib takes ~0.1 s to import, and writing the graph
    files needs only the term names (:data:`KG_TERMS`), not rdflib."""
    if name == "KG":
        made = _closed("KG", KG_NS, KG_TERMS, "kg: classes and properties of statements extracted from news.")
    elif name == "OA":
        made = _closed("OA", OA_NS, OA_TERMS, "The few W3C Web Annotation terms kg uses for evidence "
                                              "(rdflib ships no OA namespace).")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = made
    return made


PREFIXES = {
    "kg": KG_NS,
    "oa": OA_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": SCHEMA_NS,
    "prov": PROV_NS,
}
