"""What only the whole corpus can decide, run once every document is in the graph.

1. short names merge into the one person the corpus means ("Trump" of one article is Donald
   Trump: :meth:`KnowledgeGraph.merge_short_names`);
2. descriptions an article left open are tied to the one person named there whom other articles
   give that role ("the former secretary of state": :func:`kg.descriptions.link_across`).
Both are deterministic over the whole graph, so ``--append`` builds what one run builds.
"""

from __future__ import annotations

from kg.descriptions import link_across
from kg.graph import KnowledgeGraph


def settle(graph: KnowledgeGraph) -> dict[str, str]:
    """Run the corpus-wide steps on ``graph``; returns the ids the merge replaced (old → new)."""
    merged = graph.merge_short_names()
    graph.add_aliases(link_across(graph.roles_graph(), graph.open_descriptions(), merged))
    return merged
