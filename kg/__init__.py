"""kg: knowledge graphs from news — who said what, who holds which role, what reports found.

The library's face (see docs/api.md)::

    import kg
    triples = kg.extract("...")            # text(s) in, triples out
    graph = kg.build_graph([...])           # or paths=[...]: a merged knowledge graph
    graph.to_networkx(), graph.to_dataframe()
    graph = kg.load_graph("out/")          # what `kg extract` saved

Imported lazily, so ``import kg`` (and the command line) stays quick.
"""

from __future__ import annotations

from typing import Any

__all__ = ["KnowledgeGraph", "build_graph", "extract", "extract_results", "load_graph"]


def __getattr__(name: str) -> Any:
    if name == "KnowledgeGraph":
        from kg.graph import KnowledgeGraph

        return KnowledgeGraph
    if name in __all__:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
