"""Extractors: one module per relation, each ``extract(doc, index) -> Iterator[Triple]``.

Named ``extractors`` (not ``extract``) so that ``kg.extract`` stays the library's face: text in,
triples out (:func:`kg.api.extract`).
"""
