"""Extractors: one module per relation, each `extract(doc, index) -> Iterator[Triple]`."""
